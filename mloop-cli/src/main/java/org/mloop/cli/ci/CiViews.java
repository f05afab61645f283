package org.mloop.cli.ci;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.mloop.ci.runner.RunRecord;

/** Formatting shared by the ci commands. */
final class CiViews {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private CiViews() {}

  /** " (3.2 s)" between two epoch millis, "" when either is missing. */
  static String duration(Long start, Long end) {
    String d = seconds(start, end);
    return d == null ? "" : " (" + d + ")";
  }

  static String seconds(Long start, Long end) {
    if (start == null || end == null) {
      return null;
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", (end - start) / 1000.0);
  }

  static String time(Long millis) {
    return millis == null ? null : TIME.format(Instant.ofEpochMilli(millis));
  }

  static String shortSha(String sha) {
    return sha == null || sha.length() < 7 ? sha : sha.substring(0, 7);
  }

  /** "completed/failure", "waiting", "running"; "completed/failure (invalid workflow file)". */
  static String state(RunRecord run) {
    if (run.invalidWorkflowFile()) {
      return run.status() + "/" + run.conclusion() + " (invalid workflow file)";
    }
    return run.conclusion() == null ? run.status().toString() : run.status() + "/" + run.conclusion();
  }
}
