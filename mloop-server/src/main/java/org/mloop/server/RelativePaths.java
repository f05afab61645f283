package org.mloop.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.mloop.core.MloopException;

/**
 * Artifact and file paths taken from URLs: percent-decoded here from the raw request path (the
 * router's normalized path would silently resolve ".."), then checked as any path is, by
 * {@link org.mloop.core.artifacts.ArtifactPath}.
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
}
