package org.mloop.monitor.signals;

import java.util.HashMap;
import java.util.Map;
import org.mloop.monitor.stats.NumericSketch;
import org.mloop.monitor.stats.Reservoir;

/**
 * Production's side of one column over a window, in bounded memory: exact quality counts (missing,
 * wrong type, outside the baseline's range) and a summary of the values for the drift statistics.
 * Numeric columns keep a {@link NumericSketch}; for small baselines, where drift is judged by the
 * Kolmogorov-Smirnov test, also a {@link Reservoir} sample of {@value #KS_SAMPLE} values (all values
 * while the window has fewer). Text columns (and predicted labels) keep a count per value: every
 * baseline category, and up to {@value #MAX_DISTINCT} values more, the rest counted together as
 * {@value #OTHER}. The baseline's own values and categories are thus always counted by name, however
 * many unseen ones come first (a numeric baseline's values too, when it has at most
 * {@value #MAX_DISTINCT}: see {@link NumericSketch#forBaseline}).
 */
final class ColumnTracker {
  /** Distinct values counted exactly before a numeric sketch falls back to its histogram. */
  static final int MAX_DISTINCT = 2048;
  /** Histogram bins of a numeric sketch after the fallback (see {@link NumericSketch#forBaseline}). */
  static final int SKETCH_BINS = 4096;
  /** Production values kept for the Kolmogorov-Smirnov test (small baselines only). */
  static final int KS_SAMPLE = 10_000;
  static final String OTHER = "(other)";

  final String name;
  final boolean numeric;
  /** Whether values are checked against the baseline's range (not when the baseline has no values). */
  private final boolean checksRange;
  private final double baselineMin;
  private final double baselineMax;

  long nulls;
  long typeErrors;
  long outOfRange;

  final NumericSketch sketch;
  final Reservoir reservoir;
  final Map<String, long[]> categories;
  /** Categories counted by name beyond the baseline's before the rest go to {@value #OTHER}. */
  private final int maxCategories;
  long other;

  private ColumnTracker(String name, BaselineColumn baseline, boolean sample) {
    this.name = name;
    this.numeric = baseline.numeric();
    this.checksRange = numeric && baseline.count() > 0;
    this.baselineMin = checksRange ? baseline.distribution().min() : Double.NaN;
    this.baselineMax = checksRange ? baseline.distribution().max() : Double.NaN;
    this.sketch = numeric ? NumericSketch.forBaseline(baseline.distribution(), MAX_DISTINCT, SKETCH_BINS) : null;
    this.reservoir = numeric && sample ? new Reservoir(KS_SAMPLE, name.hashCode()) : null;
    this.categories = numeric ? null : new HashMap<>();
    if (!numeric) {
      baseline.categories().keySet().forEach(c -> categories.put(c, new long[1]));
    }
    this.maxCategories = numeric ? 0 : categories.size() + MAX_DISTINCT;
  }

  /** A numeric column against its baseline; {@code sample} keeps values for the Kolmogorov-Smirnov test. */
  static ColumnTracker numeric(String name, BaselineColumn baseline, boolean sample) {
    if (!baseline.numeric()) {
      throw new IllegalArgumentException("column '" + name + "' has a text baseline, not a numeric one");
    }
    return new ColumnTracker(name, baseline, sample);
  }

  /** A text column (or the predicted labels) against its baseline's categories. */
  static ColumnTracker text(String name, BaselineColumn baseline) {
    if (baseline.numeric()) {
      throw new IllegalArgumentException("column '" + name + "' has a numeric baseline, not a text one");
    }
    return new ColumnTracker(name, baseline, false);
  }

  /**
   * Whether the column's values are checked against the baseline's [min, max]: not when the baseline
   * has no values for it (any range would be invented, and every value would be out of it).
   */
  boolean checksRange() {
    return checksRange;
  }

  /** One row's value as a collected record holds it: Double, String, Boolean or null. */
  void accept(Object value) {
    if (value == null) {
      nulls++;
    } else if (numeric) {
      if (value instanceof Double d) {
        acceptNumber(d);
      } else {
        typeErrors++;
      }
    } else {
      acceptText(value instanceof Double d ? formatNumber(d) : value.toString());
    }
  }

  void acceptNumber(double d) {
    if (!Double.isFinite(d)) {
      nulls++;
      return;
    }
    if (checksRange && (d < baselineMin || d > baselineMax)) {
      outOfRange++;
    }
    sketch.add(d);
    if (reservoir != null) {
      reservoir.add(d);
    }
  }

  void acceptText(String text) {
    if (text == null) {
      nulls++;
      return;
    }
    long[] count = categories.get(text);
    if (count != null) {
      count[0]++;
    } else if (categories.size() < maxCategories) {
      categories.put(text, new long[] {1});
    } else {
      other++;
    }
  }

  /** Values that were present and of the column's type. */
  long valid() {
    if (numeric) {
      return sketch.count();
    }
    long n = other;
    for (long[] c : categories.values()) {
      n += c[0];
    }
    return n;
  }

  /** A number as a category name: whole numbers without a fraction ("3", not "3.0"). */
  static String formatNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
