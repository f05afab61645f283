package org.mloop.monitor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;

/**
 * No false alarms on unshifted data, and real problems named: the default signals on windows of
 * 5,000 rows against a baseline of 10,000 (the size of the real production CSV), computed by the
 * engine directly. Unshifted traffic raises nothing; 2% nulls in a column, 2% of a column's values
 * multiplied by 10, and a column sent as text each raise a data-quality alert naming the column and
 * the rule it broke.
 */
class DataQualitySpecTest {
  private static final List<Signal> DEFAULT_SIGNALS = List.of(Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT,
      Signal.DATA_QUALITY);
  private static final String WINDOW = "2026-11-26T00:00:00Z..2026-11-27T00:00:00Z";
  private static Baseline baseline;
  private static List<CollectedRecord> traffic;

  @BeforeAll
  static void fixtures() {
    baseline = DiabetesTraffic.baseline(new DiabetesSynthesizer(1), 10_000);
    traffic = DiabetesTraffic.records(new DiabetesSynthesizer(2), 5_000);
  }

  private static WindowResult run(Baseline base, List<CollectedRecord> records, Thresholds thresholds) {
    WindowComputation w = new WindowComputation(DiabetesTraffic.signature(), base, thresholds, DEFAULT_SIGNALS, "1",
        Map.of(), List.of());
    records.forEach(w::accept);
    return w.finish(WINDOW);
  }

  private static WindowResult run(List<CollectedRecord> records) {
    return run(baseline, records, Thresholds.defaults());
  }

  private static SignalResult quality(WindowResult r) {
    return r.signals().stream().filter(s -> s.signal() == Signal.DATA_QUALITY).findFirst().orElseThrow();
  }

  private static List<String> breachedRules(WindowResult r) {
    return r.metrics().stream().filter(m -> m.signal() == Signal.DATA_QUALITY && m.breached())
        .map(m -> m.feature() + "." + m.metric()).toList();
  }

  private static MetricResult metric(WindowResult r, String feature, String name) {
    return r.metrics().stream().filter(m -> m.signal() == Signal.DATA_QUALITY && m.feature().equals(feature)
        && m.metric().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + feature + " " + name));
  }

  /** The traffic with {@code column} set by {@code value} on every 50th row (2%). */
  private static List<CollectedRecord> everyFiftieth(String column, java.util.function.Function<Object, Object> value) {
    List<CollectedRecord> out = new ArrayList<>(traffic);
    for (int i = 0; i < out.size(); i += 50) {
      out.set(i, DiabetesTraffic.with(out.get(i), column, value.apply(out.get(i).inputs().get(column))));
    }
    return out;
  }

  @Test
  void theDefaultRulesAreSharesWithATolerance() {
    Thresholds d = Thresholds.defaults();
    assertThat(d.get(Thresholds.NULL_RATE)).isEqualTo(0.01);
    assertThat(d.get(Thresholds.OUT_OF_RANGE_RATE)).isEqualTo(0.01);
    assertThat(d.get(Thresholds.TYPE_ERROR_RATE)).isZero();
  }

  @Test
  void unshiftedTrafficFromTwentySeedsRaisesNoAlertFromAnyDefaultSignal() {
    for (int seed = 2; seed <= 21; seed++) {
      WindowResult r = run(DiabetesTraffic.records(new DiabetesSynthesizer(seed), 5_000));
      assertThat(r.verdict()).as("seed %d: %s", seed, r.summary()).isEqualTo(Verdict.OK);
      assertThat(r.signals()).as("seed %d", seed).extracting(SignalResult::signal).containsExactlyElementsOf(
          DEFAULT_SIGNALS);
      assertThat(r.signals()).as("seed %d: %s", seed, r.signals()).noneMatch(SignalResult::alert);
      assertThat(r.metrics()).as("seed %d", seed).noneMatch(MetricResult::breached);
      assertThat(quality(r).summary()).isEqualTo("no quality issues in 8 features");
    }
  }

  @Test
  void aValueJustOutsideTheBaselinesRangeOnThreeFeaturesIsCountedNotAlerted() {
    // What the real development CSV shows against the production CSV: one value in 5,000 on each of
    // three features just beyond the extremes of the baseline's sample.
    List<CollectedRecord> records = new ArrayList<>(traffic);
    String[] features = {"TricepsThickness", "SerumInsulin", "BMI"};
    for (int i = 0; i < features.length; i++) {
      double beyond = features[i].equals("BMI") ? baseline.column("BMI").distribution().min() - 0.0003
          : baseline.column(features[i]).distribution().max() + 1;
      records.set(100 * i, DiabetesTraffic.with(records.get(100 * i), features[i], beyond));
    }

    WindowResult r = run(records);

    assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.OK);
    assertThat(quality(r).alert()).isFalse();
    for (String f : features) {
      assertThat(metric(r, f, DataQuality.OUT_OF_RANGE_COUNT).value()).isEqualTo(1);
      MetricResult rate = metric(r, f, Thresholds.OUT_OF_RANGE_RATE);
      assertThat(rate.value()).isEqualTo(1 / 5000.0);
      assertThat(rate.threshold()).isEqualTo(0.01);
      assertThat(rate.breached()).isFalse();
    }
  }

  @Test
  void twoPercentNullsInOneColumnAlertOnThatColumnsNullRate() {
    WindowResult r = run(everyFiftieth("BMI", v -> null));

    assertThat(r.verdict()).isEqualTo(Verdict.ALERT);
    assertThat(quality(r).breachedFeatures()).containsExactly("BMI");
    assertThat(breachedRules(r)).containsExactly("BMI.null_rate");
    assertThat(metric(r, "BMI", DataQuality.NULL_COUNT).value()).isEqualTo(100);
    assertThat(quality(r).summary()).isEqualTo("1 of 8 features have quality issues: BMI (null_rate 2% > 1%:"
        + " 100 missing)");
    assertThat(r.summary()).startsWith("ALERT: ").contains("data_quality (BMI: null_rate)");
  }

  @Test
  void twoPercentOfOneColumnsValuesTimesTenAlertOnThatColumnsOutOfRangeRate() {
    WindowResult r = run(everyFiftieth("PlasmaGlucose", v -> ((Double) v) * 10));

    assertThat(r.verdict()).isEqualTo(Verdict.ALERT);
    assertThat(quality(r).breachedFeatures()).containsExactly("PlasmaGlucose");
    assertThat(breachedRules(r)).containsExactly("PlasmaGlucose.out_of_range_rate");
    assertThat(metric(r, "PlasmaGlucose", DataQuality.OUT_OF_RANGE_COUNT).value()).isEqualTo(100);
    assertThat(quality(r).summary()).isEqualTo("1 of 8 features have quality issues: PlasmaGlucose"
        + " (out_of_range_rate 2% > 1%: 100 outside the baseline's range)");
    assertThat(r.summary()).contains("data_quality (PlasmaGlucose: out_of_range_rate)");
  }

  @Test
  void aColumnSentAsTextAlertsOnThatColumnsTypeErrorRate() {
    List<CollectedRecord> records = traffic.stream()
        .map(rec -> DiabetesTraffic.with(rec, "Age", ColumnTracker.formatNumber((Double) rec.inputs().get("Age"))))
        .toList();

    WindowResult r = run(records);

    assertThat(r.verdict()).isEqualTo(Verdict.ALERT);
    assertThat(quality(r).breachedFeatures()).containsExactly("Age");
    assertThat(breachedRules(r)).containsExactly("Age.type_error_rate");
    assertThat(metric(r, "Age", DataQuality.TYPE_ERROR_COUNT).value()).isEqualTo(5000);
    assertThat(quality(r).summary()).isEqualTo("1 of 8 features have quality issues: Age (type_error_rate 100% > 0%:"
        + " 5,000 type errors)");
    assertThat(r.summary()).contains("data_quality (Age: type_error_rate)");
  }

  @Test
  void aBaselineWithMissingValuesRaisesTheBarForNullsByItsOwnShare() {
    // 5% of the baseline's BMI values are missing: production missing as many is no change
    double[] bmi = baseline.column("BMI").numbers().clone();
    for (int i = 0; i < bmi.length; i += 20) {
      bmi[i] = Double.NaN;
    }
    java.util.Map<String, BaselineColumn> columns = new java.util.LinkedHashMap<>(baseline.columns());
    columns.put("BMI", BaselineColumn.numeric("BMI", bmi));
    Baseline gappy = new Baseline(baseline.ref(), baseline.rows(), columns, baseline.probability(), baseline.label());

    List<CollectedRecord> asMany = new ArrayList<>(traffic);
    List<CollectedRecord> more = new ArrayList<>(traffic);
    for (int i = 0; i < traffic.size(); i++) {
      if (i % 20 == 0) {
        asMany.set(i, DiabetesTraffic.without(traffic.get(i), "BMI"));
      }
      if (i % 20 == 0 || i % 50 == 1) {
        more.set(i, DiabetesTraffic.without(traffic.get(i), "BMI"));
      }
    }

    WindowResult same = run(gappy, asMany, Thresholds.defaults());
    assertThat(quality(same).alert()).as(quality(same).summary()).isFalse();
    assertThat(metric(same, "BMI", Thresholds.NULL_RATE).threshold()).isCloseTo(0.06, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(metric(same, "BMI", DataQuality.BASELINE_NULL_RATE).value()).isEqualTo(0.05);

    WindowResult worse = run(gappy, more, Thresholds.defaults());
    assertThat(breachedRules(worse)).containsExactly("BMI.null_rate");
    assertThat(quality(worse).summary()).isEqualTo("1 of 8 features have quality issues: BMI (null_rate 7% > 6%"
        + " (baseline 5% + 1%): 350 missing)");
  }

  @Test
  void aMonitorSetsEachRulesToleranceForAllFeaturesOrForOne() {
    List<CollectedRecord> records = new ArrayList<>(traffic);
    records.set(0, DiabetesTraffic.with(records.get(0), "Age", baseline.column("Age").distribution().max() + 1));
    records.set(1, DiabetesTraffic.with(records.get(1), "BMI", null));

    Thresholds strictAge = new Thresholds(Map.of(), Map.of("Age", Map.of(Thresholds.OUT_OF_RANGE_RATE, 0.0)));
    assertThat(breachedRules(run(baseline, records, strictAge))).containsExactly("Age.out_of_range_rate");

    Thresholds strictNulls = new Thresholds(Map.of(Thresholds.NULL_RATE, 0.0), Map.of());
    assertThat(breachedRules(run(baseline, records, strictNulls))).containsExactly("BMI.null_rate");

    assertThat(breachedRules(run(baseline, records, Thresholds.defaults()))).isEmpty();
  }

  @Test
  void aBaselineTooSmallForTheToleranceSaysSo() {
    Baseline small = DiabetesTraffic.baseline(new DiabetesSynthesizer(1), 200);
    WindowResult r = run(small, traffic.subList(0, 500), Thresholds.defaults());
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("data_quality: BMI has only 200 baseline values:"
        + " unshifted data falls outside their range in about 0.995% of its values, so out_of_range_rate 1% may alert"));
    assertThat(run(traffic).notes()).noneMatch(n -> n.contains("baseline values"));
  }
}
