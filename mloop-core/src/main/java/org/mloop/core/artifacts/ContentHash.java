package org.mloop.core.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;

/**
 * sha256 of files and of sets of files. A set's hash covers each file's relative path and sha256,
 * sorted by path, so it depends on content and names only, never on timestamps or listing order.
 */
public final class ContentHash {
  private ContentHash() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  public static String ofFile(Path file) {
    MessageDigest md = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return hex(md.digest());
  }

  /** Whether {@code value} is a sha256 as this class writes it: 64 lowercase hex digits. */
  public static boolean isSha256(String value) {
    return value != null && value.matches("[0-9a-f]{64}");
  }

  /** {@code value} if it {@link #isSha256 is a sha256}; else INVALID_PARAMETER_VALUE naming {@code field}. */
  public static String checkSha256(String field, String value) {
    if (!isSha256(value)) {
      throw MloopException.invalid(field + " " + MessageText.quoted(value)
          + " is not a sha256: give 64 lowercase hex digits");
    }
    return value;
  }

  public static String ofString(String text) {
    return hex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The hash of a set of files, given each one's relative path and sha256. */
  public static String ofFiles(List<ArtifactFile> files) {
    MessageDigest md = newDigest();
    files.stream()
        .filter(f -> !f.directory())
        .sorted(Comparator.comparing(ArtifactFile::path))
        .forEach(f -> md.update((f.path() + "\0" + f.sha256() + "\n").getBytes(StandardCharsets.UTF_8)));
    return hex(md.digest());
  }
}
