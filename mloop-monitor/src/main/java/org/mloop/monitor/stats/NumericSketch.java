package org.mloop.monitor.stats;

import java.util.Arrays;

/**
 * The distribution of one numeric column over a window of any size, in bounded memory.
 *
 * <p>Values are counted exactly (a value -> count table) until more than {@code maxDistinct} distinct
 * values have been seen; then the sketch falls back to a fixed-width histogram of {@code bins} bins
 * over [{@code lo}, {@code hi}) (the caller gives the baseline's range widened on both sides) plus
 * one bucket below and one above it, each of which keeps its count and the sum of its values.
 *
 * <p>Approximation after the fallback: a value inside the range stands for its bin's midpoint, so
 * it moves by at most half a bin width w = (hi - lo) / bins, and the Wasserstein distance is off by
 * at most w / 2. Values outside the range stand for their bucket's mean; as the range lies outside
 * the baseline's, the baseline's CDF is 0 below it and 1 above it, and the part of the Wasserstein
 * integral beyond the range (the mean excess over the boundary) stays exact. Minimum and maximum
 * are always exact. Memory: O(maxDistinct + bins), whatever the number of values.
 */
public final class NumericSketch {
  private final int maxDistinct;
  private final double lo;
  private final double hi;
  private final int bins;

  // exact mode: open addressing; a slot is used when its count is > 0
  private double[] keys;
  private long[] counts;
  private int distinct;

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
    if (maxDistinct < 1 || bins < 1 || !(hi > lo)) {
      throw new IllegalArgumentException("sketch needs maxDistinct >= 1, bins >= 1 and lo < hi, got " + maxDistinct
          + ", " + bins + ", [" + lo + ", " + hi + ")");
    }
    this.maxDistinct = maxDistinct;
    this.lo = lo;
    this.hi = hi;
    this.bins = bins;
    int capacity = Integer.highestOneBit(maxDistinct * 2 - 1) << 1;
    this.keys = new double[capacity];
    this.counts = new long[capacity];
  }

  /** A sketch whose histogram covers {@code [min - span/2, max + span/2)} of a baseline's range (span = max - min). */
  public static NumericSketch forBaselineRange(double baselineMin, double baselineMax, int maxDistinct, int bins) {
    double span = baselineMax - baselineMin;
    if (!(span > 0)) {
      span = Math.max(1, Math.abs(baselineMin));
    }
    return new NumericSketch(maxDistinct, baselineMin - span / 2, baselineMax + span / 2, bins);
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
    if (histogram == null) {
      int mask = keys.length - 1;
      int slot = hash(value) & mask;
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

  /** The counted values as a distribution (exact, or bin midpoints and bucket means after the fallback). */
  public Distribution distribution() {
    if (histogram == null) {
      double[] v = new double[distinct];
      int n = 0;
      for (int i = 0; i < keys.length; i++) {
        if (counts[i] != 0) {
          v[n++] = keys[i];
        }
      }
      Arrays.sort(v);
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = countOf(v[i]);
      }
      return new Distribution(v, w);
    }
    double[] v = new double[bins + 2];
    double[] w = new double[bins + 2];
    int n = 0;
    if (below > 0) {
      v[n] = belowSum / below;
      w[n++] = below;
    }
    double width = (hi - lo) / bins;
    for (int b = 0; b < bins; b++) {
      if (histogram[b] > 0) {
        v[n] = lo + (b + 0.5) * width;
        w[n++] = histogram[b];
      }
    }
    if (above > 0) {
      v[n] = aboveSum / above;
      w[n++] = above;
    }
    return new Distribution(Arrays.copyOf(v, n), Arrays.copyOf(w, n));
  }

  private long countOf(double value) {
    int mask = keys.length - 1;
    int slot = hash(value) & mask;
    while (counts[slot] != 0) {
      if (keys[slot] == value) {
        return counts[slot];
      }
      slot = (slot + 1) & mask;
    }
    return 0;
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

  private static int hash(double value) {
    long bits = Double.doubleToLongBits(value) * 0x9E3779B97F4A7C15L;
    return (int) (bits ^ (bits >>> 32));
  }
}
