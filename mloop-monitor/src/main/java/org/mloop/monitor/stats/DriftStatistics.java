package org.mloop.monitor.stats;

import java.util.Arrays;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The drift statistics a monitor judges features by. The distances are short and written here; the
 * two tests come from Apache Commons Statistics.
 */
public final class DriftStatistics {
  /**
   * What an empty bin's share is raised to in the population stability index, so that a bin empty on
   * one side gives a large but finite term (as Evidently and most PSI implementations do).
   */
  public static final double PSI_EPSILON = 1e-4;

  private DriftStatistics() {}

  /**
   * Population stability index: sum over bins of (a - e) * ln(a / e), where e and a are the baseline's
   * and production's shares of each bin (counts divided by their totals; shares below
   * {@link #PSI_EPSILON} are raised to it). The bins are the caller's: baseline deciles for numeric
   * features ({@link #decileEdges}), categories for categorical ones.
   */
  public static double psi(double[] baselineCounts, double[] productionCounts) {
    checkSameLength(baselineCounts, productionCounts);
    double eTotal = sum(baselineCounts);
    double aTotal = sum(productionCounts);
    double psi = 0;
    for (int i = 0; i < baselineCounts.length; i++) {
      double e = Math.max(baselineCounts[i] / eTotal, PSI_EPSILON);
      double a = Math.max(productionCounts[i] / aTotal, PSI_EPSILON);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  /**
   * Jensen-Shannon distance: the square root of the Jensen-Shannon divergence with base-2
   * logarithms, so 0 for equal distributions and 1 for disjoint ones. Inputs are counts over the same
   * categories; they are normalized here.
   */
  public static double jensenShannon(double[] pCounts, double[] qCounts) {
    checkSameLength(pCounts, qCounts);
    double pTotal = sum(pCounts);
    double qTotal = sum(qCounts);
    double divergence = 0;
    for (int i = 0; i < pCounts.length; i++) {
      double p = pCounts[i] / pTotal;
      double q = qCounts[i] / qTotal;
      double m = (p + q) / 2;
      if (p > 0) {
        divergence += 0.5 * p * log2(p / m);
      }
      if (q > 0) {
        divergence += 0.5 * q * log2(q / m);
      }
    }
    // rounding can leave a tiny negative number for equal inputs
    return Math.sqrt(Math.max(0, Math.min(1, divergence)));
  }

  /**
   * Wasserstein-1 (earth mover's) distance between two weighted empirical distributions, exactly:
   * the integral over x of |F1(x) - F2(x)|, the CDFs being step functions that change only at the
   * support points.
   */
  public static double wasserstein(Distribution a, Distribution b) {
    if (a.isEmpty() || b.isEmpty()) {
      throw new IllegalArgumentException("Wasserstein distance needs two non-empty distributions");
    }
    int i = 0;
    int j = 0;
    double fa = 0;
    double fb = 0;
    double previous = Math.min(a.value(0), b.value(0));
    double integral = 0;
    while (i < a.size() || j < b.size()) {
      double x = j >= b.size() || (i < a.size() && a.value(i) <= b.value(j)) ? a.value(i) : b.value(j);
      integral += Math.abs(fa - fb) * (x - previous);
      while (i < a.size() && a.value(i) == x) {
        fa += a.weight(i++) / a.total();
      }
      while (j < b.size() && b.value(j) == x) {
        fb += b.weight(j++) / b.total();
      }
      previous = x;
    }
    return integral;
  }

  /** {@link #wasserstein} divided by the baseline's (population) standard deviation; NaN when that is 0. */
  public static double normalizedWasserstein(Distribution baseline, Distribution production) {
    double std = baseline.std();
    return std > 0 ? wasserstein(baseline, production) / std : Double.NaN;
  }

  /**
   * The cut points of a baseline's deciles for the population stability index: the 10%..90%
   * quantiles, duplicates removed. Bin k holds values in (edges[k-1], edges[k]]; the first bin has no
   * lower end, the last (above the last edge) no upper end, so there are edges.length + 1 bins.
   */
  public static double[] decileEdges(Distribution baseline) {
    double[] edges = new double[9];
    int n = 0;
    for (int k = 1; k <= 9; k++) {
      double q = baseline.quantile(k / 10.0);
      if (n == 0 || q > edges[n - 1]) {
        edges[n++] = q;
      }
    }
    // the last edge at the maximum would leave the top bin empty for the baseline by construction
    if (n > 0 && edges[n - 1] >= baseline.max()) {
      n--;
    }
    return Arrays.copyOf(edges, n);
  }

  /** The weight of {@code d} in each bin of {@code edges} (see {@link #decileEdges}). */
  public static double[] binWeights(Distribution d, double[] edges) {
    double[] counts = new double[edges.length + 1];
    int bin = 0;
    for (int i = 0; i < d.size(); i++) {
      while (bin < edges.length && d.value(i) > edges[bin]) {
        bin++;
      }
      counts[bin] += d.weight(i);
    }
    return counts;
  }

  /**
   * Two-sample Kolmogorov-Smirnov p-value (two-sided; Commons Statistics picks the exact or the
   * asymptotic distribution by sample size). Ties make it conservative. The arrays are not changed.
   */
  public static double ksPValue(double[] baseline, double[] production) {
    return KolmogorovSmirnovTest.withDefaults().test(baseline.clone(), production.clone()).getPValue();
  }

  /**
   * Chi-squared test of homogeneity on a 2 x k table of counts (baseline and production per category);
   * categories empty on both sides are left out, and with fewer than two categories left the
   * distributions cannot differ (p = 1).
   */
  public static double chiSquaredPValue(long[] baselineCounts, long[] productionCounts) {
    if (baselineCounts.length != productionCounts.length) {
      throw new IllegalArgumentException(baselineCounts.length + " baseline categories but "
          + productionCounts.length + " production ones");
    }
    int k = 0;
    long[][] table = new long[2][baselineCounts.length];
    for (int i = 0; i < baselineCounts.length; i++) {
      if (baselineCounts[i] + productionCounts[i] > 0) {
        table[0][k] = baselineCounts[i];
        table[1][k++] = productionCounts[i];
      }
    }
    if (k < 2) {
      return 1.0;
    }
    long[][] used = {Arrays.copyOf(table[0], k), Arrays.copyOf(table[1], k)};
    return ChiSquareTest.withDefaults().test(used).getPValue();
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double sum(double[] counts) {
    double s = 0;
    for (double c : counts) {
      s += c;
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException("counts must have a positive total");
    }
    return s;
  }

  private static void checkSameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " bins but " + b.length + " bins: they must be the same");
    }
  }
}
