package org.mloop.core.artifacts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;

/**
 * A relative path inside a root (an artifact store, a model folder, an upload, a local download
 * folder): every path a user, a client or a file names is parsed here, once, by the same rules.
 *
 * <p>A path is one or more segments separated by '/'; it is refused when it could name anything but
 * a file or folder inside its root, or name one in two ways: when it is absolute ('/x'), starts with a
 * drive letter ('C:x', which Windows resolves outside any folder), has an empty ('a//b'), '.' or '..'
 * segment, a backslash (a separator on Windows) or a NUL character. The message names the field and
 * the path (abbreviated, see {@link MessageText}) and why.
 *
 * <p>Two things vary between callers, and are asked for by name: the root itself (null or "") is a
 * path only where a listing of everything makes sense ({@link Allow#ROOT}), and one trailing '/'
 * is ignored where clients name folders in URLs and request fields ({@link Allow#TRAILING_SLASH}).
 */
public final class ArtifactPath {
  /** What a caller accepts besides a plain relative path. */
  public enum Allow {
    /** Null or "": the root. */
    ROOT,
    /** One trailing '/' is ignored: "model/" is "model". */
    TRAILING_SLASH
  }

  public static final ArtifactPath ROOT = new ArtifactPath("", List.of());

  private static final String ADVICE = "use a relative path with '/' separators, such as 'model/model.bin'";

  private final String value;
  private final List<String> segments;

  private ArtifactPath(String value, List<String> segments) {
    this.value = value;
    this.segments = segments;
  }

  /**
   * The path {@code path} names, refused (INVALID_PARAMETER_VALUE) unless it is a plain relative
   * path; {@code field} names it in the message, as "artifact path" or "upload path".
   */
  public static ArtifactPath parse(String field, String path, Allow... allowed) {
    EnumSet<Allow> allow = allowed.length == 0 ? EnumSet.noneOf(Allow.class) : EnumSet.of(allowed[0], allowed);
    String p = path == null ? "" : path;
    if (allow.contains(Allow.TRAILING_SLASH) && p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      if (allow.contains(Allow.ROOT)) {
        return ROOT;
      }
      throw notAllowed(field, path, "it is empty");
    }
    if (p.indexOf('\0') >= 0) {
      throw notAllowed(field, path, "it contains a NUL character");
    }
    if (p.indexOf('\\') >= 0) {
      throw notAllowed(field, path, "it contains a backslash");
    }
    if (p.startsWith("/")) {
      throw notAllowed(field, path, "it is absolute");
    }
    if (startsWithDriveLetter(p)) {
      throw notAllowed(field, path, "it starts with a drive letter");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty()) {
        throw notAllowed(field, path, "it has an empty segment (a doubled or trailing '/')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw notAllowed(field, path, "it has a '" + segment + "' segment");
      }
      segments.add(segment);
    }
    return new ArtifactPath(p, List.copyOf(segments));
  }

  /**
   * The one way a path is refused: "FIELD 'PATH' is not allowed: REASON; use a relative path...".
   * For callers with rules of their own on top of these (a store's hidden folders).
   */
  public static MloopException notAllowed(String field, String path, String reason) {
    String shown = path == null || path.isEmpty() ? "" : " " + MessageText.quoted(path.replace("\0", "\\0"));
    return MloopException.invalid(field + shown + " is not allowed: " + reason + "; " + ADVICE);
  }

  /**
   * True when a path (a whole request path too, absolute or not) has a '.' or '..' segment, a
   * backslash or a NUL: a way to climb out of a folder, or to name one file in two ways.
   */
  public static boolean climbsOut(String path) {
    if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      return true;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What POSIX path normalisation (Python's {@code posixpath.normpath}) makes of a name: empty and
   * '.' segments go, '..' removes the segment before it, "" is ".". MLflow refuses a metric, param
   * or tag key this changes, as a key may become a file name; {@code TrackingRules} does the same.
   */
  public static String posixNormalized(String path) {
    boolean absolute = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
        out.remove(out.size() - 1);
      } else if (!(segment.equals("..") && absolute)) {
        out.add(segment);
      }
    }
    String joined = String.join("/", out);
    if (absolute) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  private static boolean startsWithDriveLetter(String p) {
    char first = p.charAt(0);
    return p.length() >= 2 && p.charAt(1) == ':' && ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'));
  }

  /** The path with '/' separators, "" for the root. */
  public String value() {
    return value;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** Its segments, none for the root. */
  public List<String> segments() {
    return segments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArtifactPath p && p.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
