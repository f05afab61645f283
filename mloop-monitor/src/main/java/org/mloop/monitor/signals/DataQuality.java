package org.mloop.monitor.signals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;

/**
 * The data_quality signal: three rules per signature column, each a share of the window's rows judged
 * against a tolerance (Azure ML's null value, data type error and out-of-bounds rates; Great
 * Expectations' "mostly"; Evidently's share of out-of-range values):
 * <ul>
 *   <li>{@code null_rate}: missing values (null, absent or not finite) alert when their share exceeds
 *       the baseline's own share of missing values plus the tolerance (0.01 by default);</li>
 *   <li>{@code type_error_rate}: text or booleans in a numeric column alert above the tolerance (0);</li>
 *   <li>{@code out_of_range_rate}: numbers outside the baseline's [min, max] alert above the tolerance
 *       (0.01), not checked when the baseline has no values for the column.</li>
 * </ul>
 * Each rule gives a judged rate metric named after it and the exact count beside it; the signal's
 * summary names every breached column with the rule it breached.
 */
final class DataQuality {
  static final String NULL_COUNT = "null_count";
  static final String BASELINE_NULL_RATE = "baseline_null_rate";
  static final String TYPE_ERROR_COUNT = "type_error_count";
  static final String OUT_OF_RANGE_COUNT = "out_of_range_count";
  /** A column whose baseline lets unshifted data breach out_of_range_rate more often than this gets a note. */
  static final double NOTED_FALSE_ALARM_CHANCE = 0.01;

  private final Baseline baseline;
  private final Thresholds thresholds;
  private final long rows;
  private final List<MetricResult> metrics;
  private final List<String> notes;

  private DataQuality(Baseline baseline, Thresholds thresholds, long rows, List<MetricResult> metrics,
      List<String> notes) {
    this.baseline = baseline;
    this.thresholds = thresholds;
    this.rows = rows;
    this.metrics = metrics;
    this.notes = notes;
  }

  /** Judges every column over {@code rows} records (at least 1), adding metrics and notes to the lists. */
  static SignalResult judge(ColumnTracker[] columns, Baseline baseline, Thresholds thresholds, long rows,
      List<MetricResult> metrics, List<String> notes) {
    return new DataQuality(baseline, thresholds, rows, metrics, notes).judge(columns);
  }

  private SignalResult judge(ColumnTracker[] columns) {
    List<String> breached = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (ColumnTracker t : columns) {
      List<String> issues = new ArrayList<>();
      BaselineColumn b = baseline.column(t.name);
      long baselineValues = b.count() + b.missing();
      double baselineNulls = baselineValues == 0 ? 0 : (double) b.missing() / baselineValues;
      rule(t.name, Thresholds.NULL_RATE, baselineNulls, t.nulls, NULL_COUNT, "missing", issues);
      metrics.add(MetricResult.reported(Signal.DATA_QUALITY, t.name, BASELINE_NULL_RATE, baselineNulls));
      rule(t.name, Thresholds.TYPE_ERROR_RATE, 0, t.typeErrors, TYPE_ERROR_COUNT, "type errors", issues);
      if (t.numeric && t.checksRange()) {
        rule(t.name, Thresholds.OUT_OF_RANGE_RATE, 0, t.outOfRange, OUT_OF_RANGE_COUNT, "outside the baseline's range",
            issues);
        noteSmallBaseline(t.name, b.count());
      } else if (t.numeric) {
        notes.add("data_quality: " + t.name + " out of range not checked: the baseline has no values for it");
      }
      if (!issues.isEmpty()) {
        breached.add(t.name);
        details.add(t.name + " (" + String.join("; ", issues) + ")");
      }
    }
    String summary = breached.isEmpty()
        ? "no quality issues in " + columns.length + " features"
        : breached.size() + " of " + columns.length + " features have quality issues: " + String.join(", ", details);
    return new SignalResult(Signal.DATA_QUALITY, !breached.isEmpty(), breached, summary);
  }

  /**
   * One rule of one column: the window's share of {@code count} judged against the baseline's own
   * share ({@code baselineShare}, 0 for rules the baseline cannot break) plus the rule's tolerance.
   */
  private void rule(String column, String rule, double baselineShare, long count, String countName, String what,
      List<String> issues) {
    double tolerance = thresholds.get(rule, column);
    double rate = (double) count / rows;
    MetricResult m = MetricResult.judged(Signal.DATA_QUALITY, column, rule, rate, baselineShare + tolerance,
        Comparison.ABOVE);
    metrics.add(m);
    metrics.add(MetricResult.reported(Signal.DATA_QUALITY, column, countName, count));
    if (m.breached()) {
      issues.add(rule + " " + percent(rate) + " > " + percent(m.threshold())
          + (baselineShare > 0 ? " (baseline " + percent(baselineShare) + " + " + percent(tolerance) + ")" : "")
          + ": " + String.format(Locale.ROOT, "%,d", count) + " " + what);
    }
  }

  /**
   * A baseline of n values leaves, for each of its two ends, a share of the population beyond it that
   * exceeds t with probability (1 - t)^n: small baselines let unshifted data breach the tolerance.
   */
  private void noteSmallBaseline(String column, long values) {
    double tolerance = thresholds.get(Thresholds.OUT_OF_RANGE_RATE, column);
    if (tolerance <= 0 || values == 0) {
      return;
    }
    double chance = Math.min(1, 2 * Math.pow(1 - Math.min(1, tolerance), values));
    if (chance > NOTED_FALSE_ALARM_CHANCE) {
      notes.add("data_quality: " + column + " has only " + values + " baseline values: unshifted data falls outside"
          + " their range in about " + percent(2.0 / (values + 1)) + " of its values, so out_of_range_rate "
          + percent(tolerance) + " may alert without a change; a larger baseline or a higher threshold avoids it");
    }
  }

  /** A share as a percentage with at most three significant digits: 0.0002 -> "0.02%", 0.01 -> "1%". */
  static String percent(double share) {
    if (share == 0) {
      return "0%";
    }
    return new BigDecimal(share * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "%";
  }
}
