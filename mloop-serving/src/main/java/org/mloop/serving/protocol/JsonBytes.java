package org.mloop.serving.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON written byte by byte into a growable array, for one thread (no locking, unlike
 * ByteArrayOutputStream), where a generator's bookkeeping costs more than the writing: scoring
 * answers and collected-data lines. Text and numbers come out exactly as Jackson writes them
 * (same escapes, shortest round-tripping doubles), so the bytes do not depend on which writes them.
 */
public final class JsonBytes {
  private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int size;

  public JsonBytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public int size() {
    return size;
  }

  public void reset() {
    size = 0;
  }

  /** Drops everything after the first {@code length} bytes (a batch that failed half-way). */
  public void truncate(int length) {
    size = Math.min(size, length);
  }

  public JsonBytes append(byte b) {
    if (size == buf.length) {
      grow(1);
    }
    buf[size++] = b;
    return this;
  }

  public JsonBytes append(byte[] bytes) {
    return append(bytes, 0, bytes.length);
  }

  public JsonBytes append(byte[] bytes, int offset, int length) {
    if (size + length > buf.length) {
      grow(length);
    }
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
    return this;
  }

  public JsonBytes append(JsonBytes other) {
    return append(other.buf, 0, other.size);
  }

  /** Text known to be ASCII (a number's digits). */
  public JsonBytes appendAscii(String s) {
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
  public JsonBytes appendLong(long v) {
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

  /**
   * A finite double as Jackson's fast writer writes it: the shortest decimal that reads back as the
   * same double, in Double.toString's layout.
   */
  public JsonBytes appendDouble(double v) {
    return appendAscii(NumberOutput.toString(v, true));
  }

  /** Text as a JSON string, quotes included, escaped as Jackson escapes it. */
  public JsonBytes appendString(String s) {
    append((byte) '"');
    return appendUnquoted(s).append((byte) '"');
  }

  /** The inside of a JSON string: printable ASCII as is, anything else through Jackson's escaping. */
  public JsonBytes appendUnquoted(String s) {
    return append(quoteAsUtf8(s));
  }

  /** The escaped UTF-8 bytes of a JSON string's inside; plain ASCII needs no escaping. */
  public static byte[] quoteAsUtf8(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return JsonStringEncoder.getInstance().quoteAsUTF8(s);
      }
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  public byte[] toByteArray() {
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
