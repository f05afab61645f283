package org.mloop.monitor.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and number formatting for the report, so every value reads the same wherever it appears. */
final class Html {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Html() {}

  /** Text safe inside an element or a quoted attribute; null as empty. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A metric value for people: whole numbers as they are, tiny values (p-values) in scientific
   * notation ("1.23e-05"), everything else to 4 significant digits ("0.4123", "12.35").
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    if (Math.abs(value) < 1e-3) {
      return String.format(Locale.ROOT, "%.2e", value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A row count with thousands separators: "1,000,000". */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** An instant (epoch millis) in UTC: "2026-11-26 12:00:00 UTC". */
  static String utc(long epochMillis) {
    return UTC.format(Instant.ofEpochMilli(epochMillis));
  }
}
