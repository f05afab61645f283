package org.mloop.monitor.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.monitor.stats.Distribution;
import org.mloop.monitor.stats.DriftStatistics;

/**
 * One column's drift judgement once production has more distinct values than the sketch counts
 * exactly ({@value ColumnTracker#MAX_DISTINCT}): the binned side must be compared on the same footing
 * as the baseline, and the baseline's own values and categories must keep their names.
 */
class ColumnDriftTest {

  private static double[] normal(long seed, int n, double mean, double sd) {
    Random random = new Random(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean + sd * random.nextGaussian();
    }
    return out;
  }

  private static double[] withOutlier(double[] values, double outlier) {
    double[] out = java.util.Arrays.copyOf(values, values.length + 1);
    out[values.length] = outlier;
    return out;
  }

  private static ColumnTracker numericTracker(BaselineColumn b, double[] production) {
    ColumnTracker t = ColumnTracker.numeric(b.name(), b, false);
    for (double v : production) {
      t.acceptNumber(v);
    }
    return t;
  }

  private static ColumnDrift judge(BaselineColumn b, ColumnTracker production) {
    return ColumnDrift.judge(Signal.DATA_DRIFT, b.name(), b, b.count(), production, Thresholds.defaults());
  }

  private static double judged(ColumnDrift d, String metric) {
    MetricResult m = d.metrics().get(0);
    assertThat(m.metric()).isEqualTo(metric);
    return m.value();
  }

  private static double exactWasserstein(BaselineColumn b, double[] production) {
    return DriftStatistics.normalizedWasserstein(b.distribution(), Distribution.ofSample(production));
  }

  @Test
  void aBaselineOutlierDoesNotMakeBinnedProductionFromTheSameDistributionDrift() {
    BaselineColumn b = BaselineColumn.numeric("x", withOutlier(normal(1, 500_000, 40, 12), 99_999));
    double[] production = normal(2, 100_000, 40, 12);
    ColumnTracker t = numericTracker(b, production);
    ColumnDrift d = judge(b, t);

    assertThat(t.sketch.exact()).as("more distinct values than counted exactly").isFalse();
    double exact = exactWasserstein(b, production);
    assertThat(exact).isLessThan(0.005);
    double reported = judged(d, Thresholds.WASSERSTEIN);
    assertThat(reported).as("binned %s vs exact %s", reported, exact).isCloseTo(exact, within(0.002));
    assertThat(d.drifted()).isFalse();
  }

  @Test
  void aHalfStandardDeviationShiftIsStillDetectedOnBinnedProduction() {
    BaselineColumn clean = BaselineColumn.numeric("x", normal(3, 200_000, 40, 12));
    BaselineColumn outlier = BaselineColumn.numeric("x", withOutlier(normal(3, 200_000, 40, 12), 99_999));
    for (BaselineColumn b : List.of(clean, outlier)) {
      double sd = b.distribution().std();
      double[] production = normal(4, 100_000, 40 + 0.5 * sd, 12);
      ColumnTracker t = numericTracker(b, production);
      ColumnDrift d = judge(b, t);

      assertThat(t.sketch.exact()).isFalse();
      double exact = exactWasserstein(b, production);
      double reported = judged(d, Thresholds.WASSERSTEIN);
      assertThat(reported).as("binned %s vs exact %s", reported, exact).isCloseTo(exact, within(0.005));
      assertThat(reported).isGreaterThan(0.4);
      assertThat(d.drifted()).isTrue();
    }
  }

  @Test
  void aBinaryFeatureKeepsItsValuesWhenNoiseMakesProductionTooVariedToCountExactly() {
    Random random = new Random(5);
    double[] base = new double[10_000];
    for (int i = 0; i < base.length; i++) {
      base[i] = random.nextDouble() < 0.3 ? 1 : 0;
    }
    BaselineColumn b = BaselineColumn.numeric("smoker", base);
    // 1% of production is noise (a distinct non-binary value each): 3,000 distinct values
    double[] production = new double[300_000];
    for (int i = 0; i < production.length; i++) {
      production[i] = i % 100 == 0 ? 2 + random.nextDouble() : random.nextDouble() < 0.3 ? 1 : 0;
    }
    ColumnTracker t = numericTracker(b, production);
    ColumnDrift d = judge(b, t);

    assertThat(t.sketch.exact()).isFalse();
    // baseline {0: 70%, 1: 30%} against {0: 69.3%, 1: 29.7%, other: 1%}: JS = sqrt(0.005) = 0.071
    assertThat(judged(d, Thresholds.JENSEN_SHANNON)).isCloseTo(Math.sqrt(0.005), within(0.005));
    assertThat(d.drifted()).isFalse();
    Histogram h = d.histogram();
    assertThat(h.bins()).containsExactly("0", "1", ColumnTracker.OTHER);
    long ones = java.util.Arrays.stream(production).filter(v -> v == 1).count();
    assertThat(h.production()).containsExactly(297_000 - ones, ones, 3_000L);
  }

  @Test
  void baselineCategoriesArrivingAfterManyUnseenOnesAreStillCountedByName() {
    List<String> base = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      base.add(i % 10 < 7 ? "Female" : "Male");
    }
    BaselineColumn b = BaselineColumn.text("sex", base);
    ColumnTracker t = ColumnTracker.text("sex", b);
    for (int i = 0; i < ColumnTracker.MAX_DISTINCT + 100; i++) {
      t.acceptText("typo-" + i);
    }
    for (int i = 0; i < 300_000; i++) {
      t.acceptText(i % 10 < 7 ? "Female" : "Male");
    }
    ColumnDrift d = judge(b, t);

    Histogram h = d.histogram();
    assertThat(h.bins()).startsWith("Female", "Male");
    assertThat(h.production().subList(0, 2)).containsExactly(210_000L, 90_000L);
    // 2,148 unseen values in 302,148 (0.7%): a small distance, no drift
    assertThat(judged(d, Thresholds.JENSEN_SHANNON)).isLessThan(0.1);
    assertThat(d.drifted()).isFalse();
  }
}
