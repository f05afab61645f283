package org.mloop.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.mloop.core.MloopException;

/**
 * Artifact and file paths taken from URLs: percent-decoded here from the raw request path (the
 * router's normalized path would silently resolve "..") and checked to stay inside their root.
 */
final class RelativePaths {
  private RelativePaths() {}

  /**
   * The decoded path after the first {@code skipSegments} segments of the raw request path, for
   * wildcard routes such as /api/2.0/mlflow-artifacts/artifacts/*; "" when nothing follows.
   */
  static String tail(String rawPath, int skipSegments) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    int index = 0;
    for (int i = 0; i < skipSegments; i++) {
      int slash = path.indexOf('/', index);
      if (slash < 0) {
        return "";
      }
      index = slash + 1;
    }
    return decode(path.substring(index));
  }

  /** Percent-decoding for paths: '+' is a plus sign here, not a space. */
  static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw MloopException.invalid("bad percent-encoding in path '" + raw + "'");
    }
  }

  /** True when a decoded request path tries to leave its root: a "." or ".." segment, a backslash or NUL. */
  static boolean escapes(String decodedPath) {
    if (decodedPath.indexOf('\\') >= 0 || decodedPath.indexOf('\0') >= 0) {
      return true;
    }
    for (String segment : decodedPath.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks a relative path named by a client ({@code what} names it in the message): no leading
   * '/', no empty, "." or ".." segment, no backslash or NUL. Returns it without a trailing '/'.
   * Empty is allowed only when {@code allowEmpty} (a listing of the root).
   */
  static String check(String path, String what, boolean allowEmpty) {
    String p = path == null ? "" : path;
    if (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      if (allowEmpty) {
        return p;
      }
      throw MloopException.invalid(what + " is empty: name a file, as 'model/model.bin'");
    }
    if (p.startsWith("/")) {
      throw MloopException.invalid(what + " '" + path + "' is absolute: use a path relative to the root, as 'model/model.bin'");
    }
    if (p.indexOf('\\') >= 0) {
      throw MloopException.invalid(what + " '" + path + "' contains a backslash: separate folders with '/'");
    }
    if (p.indexOf('\0') >= 0) {
      throw MloopException.invalid(what + " contains a NUL character");
    }
    for (String segment : p.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw MloopException.invalid(what + " '" + path + "' contains '" + segment
            + "': paths must stay inside their root, without '.' or '..' segments");
      }
      if (segment.isEmpty()) {
        throw MloopException.invalid(what + " '" + path + "' has an empty segment ('//')");
      }
    }
    return p;
  }
}
