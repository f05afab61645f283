package org.mloop.cli.monitors;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mloop.core.MloopException;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.Durations;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;

/** How monitors and their runs are shown: the per-feature metric table, the verdict line, runs as rows. */
final class MonitorViews {
  private MonitorViews() {}

  /** A duration option ("1h"), refused unless positive: a zero window or schedule means nothing. */
  static Duration duration(String text, String option) {
    Duration d = Durations.parse(text, option);
    if (d.isZero() || d.isNegative()) {
      throw MloopException.invalid(option + " '" + text + "' must be positive, e.g. 30m, 1h or 24h");
    }
    return d;
  }

  /** Refuses a --limit below 1. */
  static void checkLimit(int limit) {
    if (limit < 1) {
      throw MloopException.invalid("--limit must be at least 1, got " + limit);
    }
  }

  static String time(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** "2026-11-25T10:00:00Z .. 2026-11-26T10:00:00Z (24h)". */
  static String window(MonitorRun run) {
    return time(run.windowFrom()) + " .. " + time(run.windowTo()) + " ("
        + Durations.format(Duration.ofMillis(run.windowTo() - run.windowFrom())) + ")";
  }

  static String signals(List<Signal> signals) {
    return signals.stream().map(Signal::id).collect(Collectors.joining(","));
  }

  static String baseline(MonitorSpec spec) {
    return spec.baseline() == null ? "training data of the served model version (from its lineage)" : spec.baseline();
  }

  static String every(MonitorSpec spec) {
    return spec.every() == null ? "on demand (no --every)" : Durations.format(spec.every()) + " (inside mloop server)";
  }

  /** The "key: value" lines of a monitor's spec. */
  static List<String[]> fields(Monitor m) {
    MonitorSpec s = m.spec();
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"name", s.name()});
    f.add(new String[] {"endpoint", s.endpoint()});
    f.add(new String[] {"baseline", baseline(s)});
    f.add(new String[] {"signals", signals(s.signals())});
    f.add(new String[] {"window", Durations.format(s.window())});
    f.add(new String[] {"every", every(s)});
    f.add(new String[] {"thresholds", thresholds(s)});
    f.add(new String[] {"webhooks", s.webhooks().isEmpty() ? "(none)" : String.join(", ", s.webhooks())});
    f.add(new String[] {"created", time(m.createdAt())});
    return f;
  }

  /** The thresholds changed from their defaults, e.g. "normalized_wasserstein=0.15, Age.jensen_shannon=0.2". */
  static String thresholds(MonitorSpec s) {
    List<String> changed = new ArrayList<>();
    s.thresholds().overrides().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> changed.add(e.getKey() + "=" + number(e.getValue())));
    s.thresholds().features().forEach((feature, values) -> values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> changed.add(feature + "." + e.getKey() + "=" + number(e.getValue()))));
    return changed.isEmpty() ? "defaults" : String.join(", ", changed);
  }

  /** The "key: value" lines of a run. */
  static List<String[]> runFields(MonitorRun run) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"run", String.valueOf(run.id())});
    f.add(new String[] {"started", time(run.startedAt())});
    f.add(new String[] {"window", window(run)});
    f.add(new String[] {"rows", run.rows() + (run.labeledRows() > 0 ? " (" + run.labeledRows() + " labeled)" : "")});
    f.add(new String[] {"baseline", run.baseline() == null ? null
        : run.baseline() + " (" + run.baselineRows() + " rows)"});
    f.add(new String[] {"models", run.models().isEmpty() ? "-" : String.join(", ", run.models())});
    return f;
  }

  static List<String> metricHeader() {
    return List.of("SIGNAL", "FEATURE", "METRIC", "VALUE", "THRESHOLD", "DRIFT");
  }

  /**
   * One row per metric: breached ones say "yes", reported-only ones (no threshold) "-". Data quality's
   * reported figures (counts beside the judged rates) are left to the signal lines and --output json.
   */
  static List<List<String>> metricRows(MonitorRun run) {
    return run.metrics().stream()
        .filter(m -> m.signal() != Signal.DATA_QUALITY || m.comparison() != Comparison.REPORTED)
        .map(m -> List.of(m.signal().id(), m.feature(), m.metric(), number(m.value()),
        threshold(m), m.comparison() == Comparison.REPORTED ? "-" : m.breached() ? "yes" : "no")).toList();
  }

  static String threshold(MetricResult m) {
    return m.comparison() == Comparison.REPORTED ? "-" : m.comparison().symbol() + " " + number(m.threshold());
  }

  /** Four significant digits, no exponent for ordinary values, "-" for NaN. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v != 0 && Math.abs(v) < 1e-4) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /**
   * The verdict line. NO_DATA says plainly that nothing was judged, so no one reads it as "no drift".
   */
  static String verdict(MonitorRun run) {
    String verdict = run.verdict().name();
    String summary = run.summary() == null ? "" : run.summary().strip();
    if (summary.startsWith(verdict)) {
      summary = summary.substring(verdict.length()).replaceFirst("^[:\\s]+", "");
    }
    String line = "verdict: " + verdict + (summary.isEmpty() ? "" : ": " + summary);
    if (run.verdict() == Verdict.NO_DATA) {
      line += " (this is not \"no drift\": is data collection on, and is traffic flowing?)";
    }
    return line;
  }

  /** One line per signal, e.g. "  data_drift: ALERT: 1 of 8 features drift: PlasmaGlucose". */
  static List<String> signalLines(MonitorRun run) {
    List<String> lines = new ArrayList<>();
    for (SignalResult s : run.signals()) {
      lines.add("  " + s.signal().id() + ": " + (s.alert() ? "ALERT" : "ok") + (s.summary() == null ? ""
          : ": " + s.summary()));
    }
    return lines;
  }

  static List<String> runHeader() {
    return List.of("RUN", "STARTED", "WINDOW", "ROWS", "VERDICT", "SUMMARY");
  }

  static List<String> runRow(MonitorRun run) {
    return List.of(String.valueOf(run.id()), time(run.startedAt()), window(run), String.valueOf(run.rows()),
        run.verdict().name(), run.summary() == null ? "-" : run.summary());
  }
}
