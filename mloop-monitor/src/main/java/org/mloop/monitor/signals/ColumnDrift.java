package org.mloop.monitor.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.monitor.stats.Distribution;
import org.mloop.monitor.stats.DriftStatistics;

/**
 * The drift rules for one column (a signature feature, or the model's probability or label), as
 * Azure ML model monitoring and Evidently apply them:
 * <ul>
 *   <li>numeric with more than {@code categorical_max_distinct} distinct baseline values: normalized
 *       Wasserstein distance >= {@code normalized_wasserstein} when the baseline has more than
 *       {@code small_baseline_rows} rows, else the Kolmogorov-Smirnov p-value < {@code ks_p_value};</li>
 *   <li>otherwise (categorical or low-cardinality): Jensen-Shannon distance >= {@code jensen_shannon}
 *       for large baselines, else the chi-squared p-value < {@code chi_squared_p_value};</li>
 *   <li>the population stability index, and the distance when a test judged, are reported beside.</li>
 * </ul>
 */
record ColumnDrift(List<MetricResult> metrics, boolean judged, boolean drifted, Histogram histogram) {
  static final String PSI = "psi";
  /** Bins of a numeric column's histogram in reports. */
  static final int REPORT_BINS = 20;

  /** Whether a column is judged as continuous (else categorical). */
  static boolean continuous(BaselineColumn baseline, Thresholds thresholds, String feature) {
    return baseline.numeric() && baseline.distinct() > thresholds.get(Thresholds.CATEGORICAL_MAX_DISTINCT, feature);
  }

  /** Whether the baseline is small enough for the statistical tests instead of the distances. */
  static boolean smallBaseline(long baselineRows, Thresholds thresholds, String feature) {
    return baselineRows <= thresholds.get(Thresholds.SMALL_BASELINE_ROWS, feature);
  }

  static ColumnDrift judge(Signal signal, String feature, BaselineColumn baseline, long baselineRows,
      ColumnTracker production, Thresholds thresholds) {
    if (baseline.count() == 0 || production.valid() == 0) {
      return new ColumnDrift(List.of(), false, false, null);
    }
    boolean small = smallBaseline(baselineRows, thresholds, feature);
    return continuous(baseline, thresholds, feature)
        ? continuous(signal, feature, baseline, production, thresholds, small)
        : categorical(signal, feature, baseline, production, thresholds, small);
  }

  private static ColumnDrift continuous(Signal signal, String feature, BaselineColumn baseline,
      ColumnTracker production, Thresholds thresholds, boolean small) {
    Distribution p = production.sketch.distribution();
    // Once production is binned, the baseline goes on the same grid: compared exact against binned,
    // identical distributions differ by up to half a bin per value (a false drift when bins are wide).
    Distribution b = production.sketch.exact() ? baseline.distribution()
        : production.sketch.binned(baseline.distribution());
    List<MetricResult> metrics = new ArrayList<>();
    double std = baseline.distribution().std(); // the baseline's own spread, not its binned one
    double distance = std > 0 ? DriftStatistics.wasserstein(b, p) / std : Double.NaN;
    judgeDistance(metrics, signal, feature, thresholds, small ? Thresholds.KS_P_VALUE : null,
        () -> DriftStatistics.ksPValue(baseline.numbers(), production.reservoir.values()), Thresholds.WASSERSTEIN,
        distance);
    double[] edges = DriftStatistics.decileEdges(b);
    double psi = DriftStatistics.psi(DriftStatistics.binWeights(b, edges), DriftStatistics.binWeights(p, edges));
    metrics.add(MetricResult.reported(signal, feature, PSI, psi));
    return new ColumnDrift(metrics, true, metrics.get(0).breached(),
        numericHistogram(signal, feature, b, p, production.sketch.min(), production.sketch.max()));
  }

  private static ColumnDrift categorical(Signal signal, String feature, BaselineColumn baseline,
      ColumnTracker production, Thresholds thresholds, boolean small) {
    Map<String, long[]> counts = new LinkedHashMap<>(); // category -> {baseline, production}
    if (baseline.numeric()) {
      Distribution b = baseline.distribution();
      for (int i = 0; i < b.size(); i++) {
        counts.computeIfAbsent(ColumnTracker.formatNumber(b.value(i)), k -> new long[2])[0] += (long) b.weight(i);
      }
      // After the sketch's fallback its points are bin midpoints, not values; the baseline's values are
      // pinned in it and keep their counts, the rest is unseen values.
      Distribution p = production.sketch.exact() ? production.sketch.distribution() : production.sketch.pinned();
      for (int i = 0; i < p.size(); i++) {
        counts.computeIfAbsent(ColumnTracker.formatNumber(p.value(i)), k -> new long[2])[1] += (long) p.weight(i);
      }
      long unseen = production.sketch.count() - (long) p.total();
      if (unseen > 0) {
        counts.computeIfAbsent(ColumnTracker.OTHER, k -> new long[2])[1] += unseen;
      }
    } else {
      baseline.categories().forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[2])[0] += v);
      production.categories.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[2])[1] += v[0]);
      if (production.other > 0) {
        counts.computeIfAbsent(ColumnTracker.OTHER, x -> new long[2])[1] += production.other;
      }
    }
    int k = counts.size();
    List<String> names = new ArrayList<>(counts.keySet());
    long[] bl = new long[k];
    long[] pl = new long[k];
    double[] bd = new double[k];
    double[] pd = new double[k];
    for (int i = 0; i < k; i++) {
      long[] c = counts.get(names.get(i));
      bl[i] = c[0];
      pl[i] = c[1];
      bd[i] = c[0];
      pd[i] = c[1];
    }
    List<MetricResult> metrics = new ArrayList<>();
    double js = DriftStatistics.jensenShannon(bd, pd);
    judgeDistance(metrics, signal, feature, thresholds, small ? Thresholds.CHI_SQUARED_P_VALUE : null,
        () -> DriftStatistics.chiSquaredPValue(bl, pl), Thresholds.JENSEN_SHANNON, js);
    metrics.add(MetricResult.reported(signal, feature, PSI, DriftStatistics.psi(bd, pd)));
    List<Long> bList = new ArrayList<>(k);
    List<Long> pList = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      bList.add(bl[i]);
      pList.add(pl[i]);
    }
    return new ColumnDrift(metrics, true, metrics.get(0).breached(),
        new Histogram(signal, feature, names, null, bList, pList));
  }

  /** {@value #REPORT_BINS} equal bins over the union of both ranges. */
  /**
   * A small baseline ({@code test} given) is judged by the test's p-value, the distance only reported;
   * otherwise the distance is judged.
   */
  private static void judgeDistance(List<MetricResult> metrics, Signal signal, String feature, Thresholds thresholds,
      String test, DoubleSupplier pValue, String distanceMetric, double distance) {
    if (test != null) {
      metrics.add(MetricResult.judged(signal, feature, test, pValue.getAsDouble(), thresholds.get(test, feature),
          Comparison.BELOW));
      metrics.add(MetricResult.reported(signal, feature, distanceMetric, distance));
    } else {
      metrics.add(MetricResult.judged(signal, feature, distanceMetric, distance,
          thresholds.get(distanceMetric, feature), Comparison.AT_LEAST));
    }
  }

  private static Histogram numericHistogram(Signal signal, String feature, Distribution b, Distribution p,
      double productionMin, double productionMax) {
    double lo = Math.min(b.min(), productionMin);
    double hi = Math.max(b.max(), productionMax);
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    List<Double> edges = new ArrayList<>(REPORT_BINS + 1);
    List<String> names = new ArrayList<>(REPORT_BINS);
    for (int i = 0; i <= REPORT_BINS; i++) {
      edges.add(i == REPORT_BINS ? hi : lo + (hi - lo) * i / REPORT_BINS);
    }
    for (int i = 0; i < REPORT_BINS; i++) {
      names.add(ColumnTracker.formatNumber(round(edges.get(i))) + ".." + ColumnTracker.formatNumber(round(edges.get(i + 1))));
    }
    return new Histogram(signal, feature, names, edges, binCounts(b, lo, hi), binCounts(p, lo, hi));
  }

  private static List<Long> binCounts(Distribution d, double lo, double hi) {
    long[] counts = new long[REPORT_BINS];
    for (int i = 0; i < d.size(); i++) {
      int bin = (int) ((d.value(i) - lo) / (hi - lo) * REPORT_BINS);
      counts[Math.max(0, Math.min(REPORT_BINS - 1, bin))] += (long) d.weight(i);
    }
    List<Long> out = new ArrayList<>(REPORT_BINS);
    for (long c : counts) {
      out.add(c);
    }
    return out;
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
