package org.mloop.ci.expr;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * GitHub's glob patterns, as trigger filters, {@code hashFiles} and the artifact actions' paths use them:
 * {@code *} matches within one path segment (never {@code /}), {@code **} matches anything ({@code **}{@code /}
 * also matches no folder at all, so {@code docs/**}{@code /*.md} matches docs/README.md), {@code ?} and
 * {@code +} make the preceding character optional or repeatable, {@code [a-z0-9]} is a character class and
 * {@code \} escapes. A leading {@code !} is the caller's business.
 */
public final class Globs {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Globs() {}

  /** One glob (without its leading {@code !}) as a regular expression matching whole names. */
  public static Pattern pattern(String glob) {
    return CACHE.computeIfAbsent(glob, Globs::compile);
  }

  /**
   * A file matcher for a glob relative to {@code base}: the path of a file under it, with / between folders,
   * must match the whole glob ({@code **}{@code /} also matching no folder: model/**{@code /}pom.xml takes
   * model/pom.xml, which Java's own glob: syntax would not).
   */
  public static Predicate<Path> files(Path base, String glob) {
    Pattern pattern = pattern(glob);
    return file -> pattern.matcher(base.relativize(file).toString().replace('\\', '/')).matches();
  }

  private static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    boolean quantifiable = false; // whether the last atom was a single character or class that ? and + apply to
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < glob.length()) {
            i++;
          }
          re.append(literal(glob.charAt(i)));
          quantifiable = true;
        }
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
              i++;
              re.append("(?:.*/)?");
            } else {
              re.append(".*");
            }
          } else {
            re.append("[^/]*");
          }
          quantifiable = false;
        }
        case '?', '+' -> {
          re.append(quantifiable ? String.valueOf(c) : literal(c));
          quantifiable = false;
        }
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            re.append(literal('['));
            quantifiable = true;
            break;
          }
          re.append('[');
          for (char member : glob.substring(i + 1, close).toCharArray()) {
            re.append(member == '-' || Character.isLetterOrDigit(member) ? String.valueOf(member) : "\\" + member);
          }
          re.append(']');
          i = close;
          quantifiable = true;
        }
        default -> {
          re.append(literal(c));
          quantifiable = true;
        }
      }
    }
    return Pattern.compile(re.toString());
  }

  /** A character matched as itself (a backslash before any non-alphanumeric character is always literal). */
  private static String literal(char c) {
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
  }
}
