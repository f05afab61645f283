package org.mloop.studio.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How pages write values: times in UTC, metrics with four significant digits, names inside URLs. */
public final class Format {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Format() {}

  /** For a time element's datetime attribute: "2026-12-08T03:20:08Z". */
  public static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** What a time element shows: "2026-12-08 03:20 UTC". */
  public static String shown(long epochMillis) {
    return SHOWN.format(Instant.ofEpochMilli(epochMillis));
  }

  /** A metric's value: 0.8123, 1.235e+04; NaN and infinities as Java writes them. */
  public static String metric(Double value) {
    if (value == null) {
      return "";
    }
    if (value.isNaN() || value.isInfinite()) {
      return value.toString();
    }
    return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
        .replaceAll("\\.$", "");
  }

  /** A name as one URL path segment (the template escapes the result for its attribute too). */
  public static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
