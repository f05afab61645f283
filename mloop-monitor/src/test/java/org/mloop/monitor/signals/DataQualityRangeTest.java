package org.mloop.monitor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;

/** The out-of-range check needs a baseline range: a column the baseline has no values for is not checked. */
class DataQualityRangeTest {

  @Test
  void aNumericColumnWithoutBaselineValuesIsNotCheckedAgainstAnInventedRange() {
    Baseline full = DiabetesTraffic.baseline(new DiabetesSynthesizer(1), 10_000);
    Map<String, BaselineColumn> columns = new LinkedHashMap<>(full.columns());
    double[] missing = new double[(int) full.rows()];
    java.util.Arrays.fill(missing, Double.NaN);
    columns.put("BMI", BaselineColumn.numeric("BMI", missing));
    Baseline base = new Baseline(full.ref(), full.rows(), columns, full.probability(), full.label());

    WindowComputation w = new WindowComputation(DiabetesTraffic.signature(), base, Thresholds.defaults(),
        List.of(Signal.DATA_QUALITY), "1", Map.of(), List.of());
    DiabetesTraffic.records(new DiabetesSynthesizer(3), 1_000).forEach(w::accept);
    WindowResult r = w.finish("2026-11-26T00:00:00Z..2026-11-27T00:00:00Z");

    SignalResult quality = r.signals().get(0);
    assertThat(quality.alert()).as(quality.summary()).isFalse();
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.metrics()).noneMatch(m -> m.feature().equals("BMI") && m.metric().equals(Thresholds.OUT_OF_RANGE_RATE));
    assertThat(r.metrics()).anyMatch(m -> m.feature().equals("Age") && m.metric().equals(Thresholds.OUT_OF_RANGE_RATE));
    assertThat(r.notes()).contains("data_quality: BMI out of range not checked: the baseline has no values for it");
  }

  @Test
  void aTrackerCountsNothingOutOfRangeWhenTheBaselineHasNoValues() {
    ColumnTracker t = ColumnTracker.numeric("x", BaselineColumn.numeric("x", new double[] {Double.NaN}), false);
    for (double v : new double[] {-5, 0.5, 3, 1e9}) {
      t.acceptNumber(v);
    }
    assertThat(t.checksRange()).isFalse();
    assertThat(t.outOfRange).isZero();
    assertThat(t.valid()).isEqualTo(4);

    ColumnTracker ranged = ColumnTracker.numeric("x", BaselineColumn.numeric("x", new double[] {0, 1}), false);
    for (double v : new double[] {-5, 0.5, 3, 1e9}) {
      ranged.acceptNumber(v);
    }
    assertThat(ranged.outOfRange).isEqualTo(3);
  }
}
