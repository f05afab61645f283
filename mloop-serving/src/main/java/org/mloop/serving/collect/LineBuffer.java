package org.mloop.serving.collect;

import java.util.Arrays;

/**
 * A growable byte array for one thread (no locking, unlike ByteArrayOutputStream): the lines of
 * an open collected-data file, or of one batch before they join it.
 */
final class LineBuffer {
  private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] buf;
  private int size;

  LineBuffer(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  /** Drops everything after the first {@code length} bytes (a batch that failed half-way). */
  void truncate(int length) {
    size = Math.min(size, length);
  }

  LineBuffer append(byte b) {
    if (size == buf.length) {
      grow(1);
    }
    buf[size++] = b;
    return this;
  }

  LineBuffer append(byte[] bytes) {
    return append(bytes, 0, bytes.length);
  }

  LineBuffer append(byte[] bytes, int offset, int length) {
    if (size + length > buf.length) {
      grow(length);
    }
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
    return this;
  }

  LineBuffer append(LineBuffer other) {
    return append(other.buf, 0, other.size);
  }

  /** Text known to be ASCII (a number's digits). */
  LineBuffer appendAscii(String s) {
    int n = s.length();
    if (size + n > buf.length) {
      grow(n);
    }
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** The decimal digits of {@code v}, as Long.toString writes them, without building a String. */
  LineBuffer appendLong(long v) {
    if (v == Long.MIN_VALUE) {
      return append(MIN_LONG);
    }
    if (size + 20 > buf.length) {
      grow(20);
    }
    if (v < 0) {
      buf[size++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int end = size + digits;
    for (int i = end - 1; i >= size; i--) {
      buf[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    size = end;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void grow(int more) {
    long needed = (long) size + more;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("a collected-data buffer cannot hold " + needed + " bytes");
    }
    buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * buf.length)));
  }
}
