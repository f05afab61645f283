package org.mloop.core.files;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one glob compiler: a glob over '/'-separated relative paths to a regular expression matching
 * whole paths, in either of the two dialects mloop reads. In both, {@code *} matches within one path
 * segment (never {@code /}), {@code [a-z0-9]} is a character class and {@code \} escapes the next
 * character. They differ in:
 * <ul>
 *   <li>{@link Dialect#GITHUB}, GitHub's filter patterns (trigger branch and path filters,
 *       {@code hashFiles}, the artifact actions' paths): {@code **} matches anything anywhere, and
 *       {@code **}{@code /} also matches no folder at all (so {@code docs/**}{@code /*.md} matches
 *       docs/README.md); {@code ?} and {@code +} make the preceding character optional or repeatable.</li>
 *   <li>{@link Dialect#GITIGNORE}, gitignore's patterns ({@code .mloopignore}): {@code **} is special
 *       only as a whole segment ({@code **}{@code /} any folders or none, a trailing {@code /**}
 *       everything below), elsewhere it is two {@code *}; {@code ?} is any one character but
 *       {@code /}; {@code [!a]} (or {@code [^a]}) is a negated class.</li>
 * </ul>
 * A leading {@code !} (negation) and gitignore's anchoring are the callers' business.
 */
public final class Globs {
  /** Which glob language a pattern is written in. */
  public enum Dialect {
    GITHUB,
    GITIGNORE
  }

  private static final Map<String, Pattern> GITHUB_CACHE = new ConcurrentHashMap<>();

  private Globs() {}

  /** A GitHub glob (without its leading {@code !}) as a pattern matching whole names; compiled once. */
  public static Pattern pattern(String glob) {
    return GITHUB_CACHE.computeIfAbsent(glob, g -> Pattern.compile(regex(g, Dialect.GITHUB)));
  }

  /**
   * A file matcher for a GitHub glob relative to {@code base}: the path of a file under it, with /
   * between folders, must match the whole glob ({@code **}{@code /} also matching no folder:
   * model/**{@code /}pom.xml takes model/pom.xml, which Java's own glob: syntax would not).
   */
  public static Predicate<Path> files(Path base, String glob) {
    Pattern pattern = pattern(glob);
    return file -> pattern.matcher(base.relativize(file).toString().replace('\\', '/')).matches();
  }

  /** The regular expression (unanchored text, to be matched against whole paths) of a glob in {@code dialect}. */
  public static String regex(String glob, Dialect dialect) {
    boolean github = dialect == Dialect.GITHUB;
    StringBuilder re = new StringBuilder();
    boolean quantifiable = false; // GitHub: whether the last atom was one character or class that ? and + apply to
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
      if (c == '*' && glob.startsWith("**", i) && (github || segmentStart)) {
        if (glob.startsWith("**/", i)) {
          re.append("(?:.*/)?");
          i += 3;
        } else if (github || i + 2 == glob.length()) {
          re.append(".*");
          i += 2;
        } else {
          re.append("[^/]*"); // gitignore: "**x" is two single stars
          i++;
        }
        quantifiable = false;
      } else if (c == '*') {
        re.append("[^/]*");
        quantifiable = false;
        i++;
      } else if (c == '?' || (c == '+' && github)) {
        re.append(!github ? "[^/]" : quantifiable ? String.valueOf(c) : literal(c));
        quantifiable = false;
        i++;
      } else if (c == '[' && glob.indexOf(']', i + 2) >= 0) {
        int close = glob.indexOf(']', i + 2);
        String body = glob.substring(i + 1, close);
        re.append('[');
        if (!github && (body.startsWith("!") || body.startsWith("^"))) {
          re.append('^');
          body = body.substring(1);
        }
        for (char member : body.toCharArray()) {
          re.append(member == '-' || Character.isLetterOrDigit(member) ? String.valueOf(member) : "\\" + member);
        }
        re.append(']');
        quantifiable = true;
        i = close + 1;
      } else if (c == '\\' && i + 1 < glob.length()) {
        re.append(literal(glob.charAt(i + 1)));
        quantifiable = true;
        i += 2;
      } else {
        re.append(literal(c));
        quantifiable = true;
        i++;
      }
    }
    return re.toString();
  }

  /** A character matched as itself (a backslash before any non-alphanumeric character is always literal). */
  private static String literal(char c) {
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
  }
}
