package org.mloop.monitor.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distribution of one numeric column over a window of any size, in bounded memory.
 *
 * <p>Values are counted exactly (a value -> count table) until more than {@code maxDistinct} distinct
 * values have been seen; then the sketch falls back to a fixed-width histogram of {@code bins} bins
 * over [{@code lo}, {@code hi}) plus one bucket below and one above it, each of which keeps its count
 * and the sum of its values. Some values can be <em>pinned</em>: they are always counted exactly, by
 * value, and take no room in the table (a baseline with few distinct values pins them all, so its
 * values and categories are never lost to a bin).
 *
 * <p>Approximation after the fallback: a value inside the range stands for its bin's midpoint (it
 * moves by at most half a bin width w = (hi - lo) / bins), a value outside for its bucket's mean, a
 * pinned value for itself. A distribution compared with the sketch's must be put on the same grid
 * ({@link #binned}) first: compared exact against binned, identical distributions would differ by up
 * to w / 2 per value, which is a false drift when an outlier stretches the range. On the same grid
 * the Wasserstein distance is off by at most w (w / 2 per side) inside the range. Minimum and maximum
 * are always exact. Memory: O(pinned + maxDistinct + bins), whatever the number of values.
 */
public final class NumericSketch {
  /** The baseline quantiles that bound the histogram's range, so a few outliers do not stretch its bins. */
  static final double RANGE_QUANTILE = 0.001;

  private final int maxDistinct;
  private final double lo;
  private final double hi;
  private final int bins;

  // pinned values (ascending, distinct) and their counts, counted exactly in both modes
  private final double[] pinned;
  private final long[] pinnedCounts;

  // exact mode: open addressing; a slot is used when its count is > 0
  private double[] keys;
  private long[] counts;
  private int distinct;
  private final int shift;

  // histogram mode (after the fallback)
  private long[] histogram;
  private long below;
  private double belowSum;
  private long above;
  private double aboveSum;

  private long total;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  public NumericSketch(int maxDistinct, double lo, double hi, int bins) {
    this(maxDistinct, lo, hi, bins, new double[0]);
  }

  /** {@code pinned}: finite values, ascending and distinct, always counted exactly. */
  public NumericSketch(int maxDistinct, double lo, double hi, int bins, double[] pinned) {
    for (int i = 0; i < pinned.length; i++) {
      if (!Double.isFinite(pinned[i]) || (i > 0 && !(pinned[i] > pinned[i - 1]))) {
        throw new IllegalArgumentException("pinned values must be finite, ascending and distinct, found " + pinned[i]
            + " at " + i);
      }
    }
    if (maxDistinct < 1 || bins < 1 || !(hi > lo)) {
      throw new IllegalArgumentException("sketch needs maxDistinct >= 1, bins >= 1 and lo < hi, got " + maxDistinct
          + ", " + bins + ", [" + lo + ", " + hi + ")");
    }
    this.maxDistinct = maxDistinct;
    this.lo = lo;
    this.hi = hi;
    this.bins = bins;
    this.pinned = pinned.clone();
    this.pinnedCounts = new long[pinned.length];
    int capacity = Integer.highestOneBit(maxDistinct * 2 - 1) << 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
    this.keys = new double[capacity];
    this.counts = new long[capacity];
  }

  /**
   * A sketch for production values compared with a baseline. The histogram covers the baseline's 0.1%
   * to 99.9% quantiles, widened on both sides by half their distance: quantiles rather than the minimum
   * and maximum, so that an outlier in the baseline does not stretch the bins (values beyond the range
   * go to the buckets below and above it). A baseline of at most {@code maxDistinct} distinct values
   * has them all pinned. An empty baseline gives an arbitrary range (there is nothing to compare with).
   */
  public static NumericSketch forBaseline(Distribution baseline, int maxDistinct, int bins) {
    if (baseline.isEmpty()) {
      return new NumericSketch(maxDistinct, 0, 1, bins);
    }
    double from = baseline.quantile(RANGE_QUANTILE);
    double to = baseline.quantile(1 - RANGE_QUANTILE);
    double span = to - from;
    if (!(span > 0)) {
      span = baseline.max() - baseline.min();
    }
    if (!(span > 0)) {
      span = Math.max(1, Math.abs(from));
    }
    double[] pin = new double[baseline.size() <= maxDistinct ? baseline.size() : 0];
    for (int i = 0; i < pin.length; i++) {
      pin[i] = baseline.value(i);
    }
    return new NumericSketch(maxDistinct, from - span / 2, to + span / 2, bins, pin);
  }

  /** Counts one finite value. */
  public void add(double value) {
    if (value == 0) {
      value = 0.0; // -0.0 and 0.0 are one value
    }
    total++;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
    if (countPinned(value, 1)) {
      return;
    }
    if (histogram == null) {
      int mask = keys.length - 1;
      int slot = slot(value);
      while (counts[slot] != 0) {
        if (keys[slot] == value) {
          counts[slot]++;
          return;
        }
        slot = (slot + 1) & mask;
      }
      if (distinct < maxDistinct) {
        keys[slot] = value;
        counts[slot] = 1;
        distinct++;
        return;
      }
      toHistogram();
    }
    addToHistogram(value, 1);
  }

  /** Values counted. */
  public long count() {
    return total;
  }

  /** Whether every value is still counted exactly (no fallback to the histogram yet). */
  public boolean exact() {
    return histogram == null;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  /**
   * The counted values as a distribution: exact, or after the fallback pinned values as they are and
   * the others at bin midpoints and bucket means.
   */
  public Distribution distribution() {
    Map<Double, Double> points = new TreeMap<>();
    for (int i = 0; i < pinned.length; i++) {
      if (pinnedCounts[i] > 0) {
        put(points, pinned[i], pinnedCounts[i]);
      }
    }
    if (histogram == null) {
      for (int i = 0; i < keys.length; i++) {
        if (counts[i] != 0) {
          put(points, keys[i], counts[i]);
        }
      }
    } else {
      if (below > 0) {
        put(points, belowSum / below, below);
      }
      double width = (hi - lo) / bins;
      for (int b = 0; b < bins; b++) {
        if (histogram[b] > 0) {
          put(points, lo + (b + 0.5) * width, histogram[b]);
        }
      }
      if (above > 0) {
        put(points, aboveSum / above, above);
      }
    }
    double[] v = new double[points.size()];
    double[] w = new double[points.size()];
    int n = 0;
    for (Map.Entry<Double, Double> e : points.entrySet()) {
      v[n] = e.getKey();
      w[n++] = e.getValue();
    }
    return new Distribution(v, w);
  }

  /**
   * Another distribution (the baseline's) as this sketch represents values after its fallback: pinned
   * values as they are, the others at this sketch's bin midpoints or at the mean of their own bucket
   * below or above the range. Compare a fallen-back sketch's {@link #distribution} with this, not
   * with the exact distribution.
   */
  public Distribution binned(Distribution d) {
    NumericSketch s = new NumericSketch(1, lo, hi, bins, pinned);
    s.histogram = new long[bins];
    for (int i = 0; i < d.size(); i++) {
      long n = (long) d.weight(i);
      if (!s.countPinned(d.value(i), n)) {
        s.addToHistogram(d.value(i), n);
      }
    }
    return s.distribution();
  }

  /** The pinned values and how many times each was counted (0 included). */
  public Distribution pinned() {
    double[] w = new double[pinned.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = pinnedCounts[i];
    }
    return new Distribution(pinned.clone(), w);
  }

  private static void put(Map<Double, Double> points, double value, double weight) {
    points.merge(value == 0 ? 0.0 : value, weight, Double::sum);
  }

  private boolean countPinned(double value, long n) {
    if (pinned.length == 0) {
      return false;
    }
    int i = Arrays.binarySearch(pinned, value);
    if (i < 0) {
      return false;
    }
    pinnedCounts[i] += n;
    return true;
  }

  private void toHistogram() {
    histogram = new long[bins];
    for (int i = 0; i < keys.length; i++) {
      if (counts[i] != 0) {
        addToHistogram(keys[i], counts[i]);
      }
    }
    keys = null;
    counts = null;
  }

  private void addToHistogram(double value, long count) {
    if (value < lo) {
      below += count;
      belowSum += value * count;
    } else if (value >= hi) {
      above += count;
      aboveSum += value * count;
    } else {
      int b = (int) ((value - lo) / (hi - lo) * bins);
      histogram[Math.min(b, bins - 1)] += count;
    }
  }

  /**
   * Fibonacci hashing: the top bits of the product. (Whole numbers as doubles end in dozens of zero
   * bits, which stay zero in the product's low bits, so those would put every one in the same slot.)
   */
  private int slot(double value) {
    return (int) ((Double.doubleToLongBits(value) * 0x9E3779B97F4A7C15L) >>> shift);
  }
}
