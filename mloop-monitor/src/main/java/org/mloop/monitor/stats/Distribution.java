package org.mloop.monitor.stats;

import java.util.Arrays;

/**
 * A weighted empirical distribution of numbers: ascending distinct support points and the weight
 * (a count) of each. Exact for the values a {@link NumericSketch} counted one by one; for a sketch that
 * fell back to its histogram, the points are bin midpoints, bucket means and pinned values (see {@link NumericSketch}).
 */
public final class Distribution {
  private final double[] values;
  private final double[] weights;
  private final double total;

  /** {@code values} ascending and distinct, {@code weights} >= 0 of the same length. */
  public Distribution(double[] values, double[] weights) {
    if (values.length != weights.length) {
      throw new IllegalArgumentException(values.length + " values but " + weights.length + " weights");
    }
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      if (i > 0 && !(values[i] > values[i - 1])) {
        throw new IllegalArgumentException("values must be ascending and distinct, found " + values[i - 1]
            + " before " + values[i]);
      }
      if (!(weights[i] >= 0)) {
        throw new IllegalArgumentException("weights must be >= 0, found " + weights[i]);
      }
      sum += weights[i];
    }
    this.values = values;
    this.weights = weights;
    this.total = sum;
  }

  /** The empirical distribution of a sample (each value weighs 1); non-finite values are refused. */
  public static Distribution ofSample(double[] sample) {
    double[] sorted = sample.clone();
    Arrays.sort(sorted);
    double[] v = new double[sorted.length];
    double[] w = new double[sorted.length];
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (!Double.isFinite(sorted[i])) {
        throw new IllegalArgumentException("sample value " + sorted[i] + " is not a finite number");
      }
      if (n > 0 && v[n - 1] == sorted[i]) {
        w[n - 1]++;
      } else {
        v[n] = sorted[i] == 0 ? 0.0 : sorted[i]; // -0.0 and 0.0 are one value
        w[n++] = 1;
      }
    }
    return new Distribution(Arrays.copyOf(v, n), Arrays.copyOf(w, n));
  }

  public int size() {
    return values.length;
  }

  public double value(int i) {
    return values[i];
  }

  public double weight(int i) {
    return weights[i];
  }

  /** The sum of the weights (the number of values counted). */
  public double total() {
    return total;
  }

  public boolean isEmpty() {
    return total == 0;
  }

  public double min() {
    return values[0];
  }

  public double max() {
    return values[values.length - 1];
  }

  public double mean() {
    double s = 0;
    for (int i = 0; i < values.length; i++) {
      s += values[i] * weights[i];
    }
    return s / total;
  }

  /** Population standard deviation. */
  public double std() {
    double m = mean();
    double s = 0;
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - m;
      s += d * d * weights[i];
    }
    return Math.sqrt(s / total);
  }

  /**
   * The q-quantile (0 < q < 1) as the smallest value whose cumulative weight reaches q * total (the
   * "inverted empirical CDF" definition, so a quantile is always one of the values).
   */
  public double quantile(double q) {
    double target = q * total;
    double cumulative = 0;
    for (int i = 0; i < values.length; i++) {
      cumulative += weights[i];
      if (cumulative >= target) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /** The weight of values <= {@code x}. */
  public double weightAtMost(double x) {
    int i = Arrays.binarySearch(values, x);
    int end = i >= 0 ? i + 1 : -i - 1;
    double s = 0;
    for (int k = 0; k < end; k++) {
      s += weights[k];
    }
    return s;
  }
}
