package org.mloop.core.monitoring;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mloop.core.MloopException;

/**
 * Durations as people write them for monitors ("30s", "15m", "1h", "24h", "7d", "1h30m"; ISO-8601
 * "PT1H" too), and back. One parser for the CLI, spec files and the JSON of the API and the store.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Parses "24h", "90m", "1h30m", "7d", "45s", "500ms" or "PT24H"; {@code what} names the field in errors. */
  public static Duration parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw MloopException.invalid(what + " is empty: use a duration such as 30m, 1h, 24h or 7d");
    }
    String s = text.strip().toLowerCase();
    if (s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase());
      } catch (DateTimeParseException e) {
        throw bad(text, what);
      }
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw bad(text, what);
      }
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw bad(text, what);
      }
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw bad(text, what);
    }
    return total;
  }

  /** The shortest exact form in one unit: "24h", "90m", "45s", "1500ms". */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static MloopException bad(String text, String what) {
    return MloopException.invalid("bad " + what + " '" + text + "': use a number and a unit (ms, s, m, h, d), "
        + "e.g. 30m, 1h, 24h, 7d or 1h30m");
  }
}
