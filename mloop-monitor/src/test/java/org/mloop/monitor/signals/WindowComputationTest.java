package org.mloop.monitor.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;

/** The monitor's judgement on synthetic diabetes traffic: the correctness checks of the monitoring issue. */
class WindowComputationTest {
  private static final List<Signal> ALL = List.of(Signal.values());
  private static Baseline baseline;

  @BeforeAll
  static void baseline() {
    baseline = DiabetesTraffic.baseline(new DiabetesSynthesizer(1), 10_000);
  }

  private static WindowResult run(Baseline base, List<CollectedRecord> records, List<Signal> signals,
      List<GroundTruth> truth, Map<String, Double> registered) {
    WindowComputation w = new WindowComputation(DiabetesTraffic.signature(), base, Thresholds.defaults(), signals, "1",
        registered, truth);
    records.forEach(w::accept);
    return w.finish("2026-11-26T00:00:00Z..2026-11-27T00:00:00Z");
  }

  private static WindowResult run(List<CollectedRecord> records) {
    return run(baseline, records, ALL, List.of(), Map.of());
  }

  private static SignalResult signal(WindowResult r, Signal s) {
    return r.signals().stream().filter(x -> x.signal() == s).findFirst().orElseThrow();
  }

  private static MetricResult metric(WindowResult r, Signal s, String feature, String name) {
    return r.metrics().stream().filter(m -> m.signal() == s && m.feature().equals(feature) && m.metric().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + s + " " + feature + " " + name + " in " + r.metrics()));
  }

  @Test
  void aHalfStandardDeviationShiftOfAnySingleFeatureIsDetectedOnThatFeatureAlone() {
    for (DiabetesFeature f : DiabetesFeature.values()) {
      WindowResult r = run(baseline, DiabetesTraffic.records(new DiabetesSynthesizer(42).shift(f.column(), 0.5), 5_000),
          List.of(Signal.DATA_DRIFT), List.of(), Map.of());
      SignalResult drift = signal(r, Signal.DATA_DRIFT);
      assertThat(drift.breachedFeatures()).as("shift of %s: %s", f.column(), drift.summary()).containsExactly(f.column());
      assertThat(drift.alert()).isTrue();
      assertThat(drift.summary()).startsWith("1 of 8 features drift: " + f.column() + " (dataset drift: no, 13% < 50%)");
      MetricResult w = metric(r, Signal.DATA_DRIFT, f.column(), Thresholds.WASSERSTEIN);
      assertThat(w.comparison()).isEqualTo(Comparison.AT_LEAST);
      assertThat(w.threshold()).isEqualTo(0.1);
      assertThat(metric(r, Signal.DATA_DRIFT, f.column(), ColumnDrift.PSI).comparison()).isEqualTo(Comparison.REPORTED);
      assertThat(r.verdict()).isEqualTo(Verdict.ALERT);
    }
  }

  @Test
  void aGlucoseShiftAlsoMovesThePredictions() {
    WindowResult r = run(DiabetesTraffic.records(new DiabetesSynthesizer(42).shift("PlasmaGlucose", 1), 5_000));
    SignalResult predictions = signal(r, Signal.PREDICTION_DRIFT);
    assertThat(predictions.alert()).as(predictions.summary()).isTrue();
    assertThat(predictions.breachedFeatures()).contains(WindowComputation.PROBABILITY);
    assertThat(metric(r, Signal.PREDICTION_DRIFT, WindowComputation.LABEL, Thresholds.JENSEN_SHANNON).value())
        .isGreaterThan(0);
    assertThat(r.histograms()).anySatisfy(h -> {
      assertThat(h.feature()).isEqualTo(WindowComputation.LABEL);
      assertThat(h.bins()).containsExactlyInAnyOrder("0", "1");
    });
  }

  @Test
  void dataQualityCountsInjectedNullsTypeErrorsAndOutOfRangeValuesExactly() {
    // zero tolerance, as a monitor may ask, so that every counted problem also alerts
    Thresholds strict = new Thresholds(Map.of(Thresholds.NULL_RATE, 0.0, Thresholds.OUT_OF_RANGE_RATE, 0.0), Map.of());
    List<CollectedRecord> records = new ArrayList<>(DiabetesTraffic.records(new DiabetesSynthesizer(3), 2_000));
    for (int i = 0; i < 7; i++) { // explicit nulls in Age
      records.set(i, DiabetesTraffic.with(records.get(i), "Age", null));
    }
    records.set(10, DiabetesTraffic.without(records.get(10), "Age")); // an absent column is missing too
    for (int i = 20; i < 25; i++) { // strings in a numeric column
      records.set(i, DiabetesTraffic.with(records.get(i), "BMI", "thirty"));
    }
    records.set(30, DiabetesTraffic.with(records.get(30), "BMI", Boolean.TRUE));
    for (int i = 40; i < 43; i++) { // beyond the baseline's maximum (92) and minimum (7)
      records.set(i, DiabetesTraffic.with(records.get(i), "TricepsThickness", 500.0));
    }
    records.set(50, DiabetesTraffic.with(records.get(50), "TricepsThickness", 1.0));
    records.set(51, DiabetesTraffic.with(records.get(51), "TricepsThickness", Double.NaN)); // not finite: missing

    WindowComputation w = new WindowComputation(DiabetesTraffic.signature(), baseline, strict, List.of(Signal.DATA_QUALITY),
        "1", Map.of(), List.of());
    records.forEach(w::accept);
    WindowResult r = w.finish("2026-11-26T00:00:00Z..2026-11-27T00:00:00Z");
    assertThat(metric(r, Signal.DATA_QUALITY, "Age", DataQuality.NULL_COUNT).value()).isEqualTo(8);
    assertThat(metric(r, Signal.DATA_QUALITY, "Age", Thresholds.NULL_RATE).value()).isEqualTo(8 / 2000.0);
    assertThat(metric(r, Signal.DATA_QUALITY, "BMI", DataQuality.TYPE_ERROR_COUNT).value()).isEqualTo(6);
    assertThat(metric(r, Signal.DATA_QUALITY, "BMI", Thresholds.TYPE_ERROR_RATE).value()).isEqualTo(6 / 2000.0);
    assertThat(metric(r, Signal.DATA_QUALITY, "TricepsThickness", DataQuality.OUT_OF_RANGE_COUNT).value())
        .isEqualTo(4);
    assertThat(metric(r, Signal.DATA_QUALITY, "TricepsThickness", DataQuality.NULL_COUNT).value()).isEqualTo(1);
    assertThat(metric(r, Signal.DATA_QUALITY, "Age", Thresholds.NULL_RATE).comparison()).isEqualTo(Comparison.ABOVE);
    for (String clean : List.of("Pregnancies", "PlasmaGlucose", "DiastolicBloodPressure", "SerumInsulin",
        "DiabetesPedigree")) {
      assertThat(metric(r, Signal.DATA_QUALITY, clean, Thresholds.NULL_RATE).breached()).isFalse();
      assertThat(metric(r, Signal.DATA_QUALITY, clean, Thresholds.TYPE_ERROR_RATE).breached()).isFalse();
      assertThat(metric(r, Signal.DATA_QUALITY, clean, Thresholds.OUT_OF_RANGE_RATE).value()).isZero();
    }
    SignalResult quality = signal(r, Signal.DATA_QUALITY);
    assertThat(quality.breachedFeatures()).containsExactly("TricepsThickness", "BMI", "Age");
    assertThat(quality.summary()).isEqualTo("3 of 8 features have quality issues: TricepsThickness (null_rate"
        + " 0.05% > 0%: 1 missing; out_of_range_rate 0.2% > 0%: 4 outside the baseline's range), BMI (type_error_rate"
        + " 0.3% > 0%: 6 type errors), Age (null_rate 0.4% > 0%: 8 missing)");
    assertThat(r.summary()).isEqualTo("ALERT: data_quality (TricepsThickness: null_rate, out_of_range_rate;"
        + " BMI: type_error_rate; Age: null_rate) over 2,000 rows");
  }

  @Test
  void aWindowWithoutDataSaysSoAndNeverReportsNoDrift() {
    WindowResult r = run(List.of());
    assertThat(r.verdict()).isEqualTo(Verdict.NO_DATA);
    assertThat(r.summary()).isEqualTo("no production data in the window 2026-11-26T00:00:00Z..2026-11-27T00:00:00Z:"
        + " nothing judged");
    assertThat(r.summary()).doesNotContain("no drift");
    assertThat(r.signals()).isEmpty();
    assertThat(r.metrics()).isEmpty();
    assertThat(r.rows()).isZero();
  }

  @Test
  void aSmallBaselineIsJudgedByKolmogorovSmirnovAndChiSquared() {
    Baseline small = DiabetesTraffic.baseline(new DiabetesSynthesizer(5), 800);
    WindowResult same = run(small, DiabetesTraffic.records(new DiabetesSynthesizer(6), 3_000), ALL, List.of(), Map.of());
    for (DiabetesFeature f : DiabetesFeature.values()) {
      MetricResult ks = metric(same, Signal.DATA_DRIFT, f.column(), Thresholds.KS_P_VALUE);
      assertThat(ks.comparison()).isEqualTo(Comparison.BELOW);
      assertThat(ks.threshold()).isEqualTo(0.05);
      assertThat(metric(same, Signal.DATA_DRIFT, f.column(), Thresholds.WASSERSTEIN).comparison())
          .isEqualTo(Comparison.REPORTED);
    }
    assertThat(metric(same, Signal.PREDICTION_DRIFT, WindowComputation.LABEL, Thresholds.CHI_SQUARED_P_VALUE)
        .comparison()).isEqualTo(Comparison.BELOW);
    assertThat(metric(same, Signal.PREDICTION_DRIFT, WindowComputation.PROBABILITY, Thresholds.KS_P_VALUE)
        .comparison()).isEqualTo(Comparison.BELOW);

    WindowResult shifted = run(small, DiabetesTraffic.records(new DiabetesSynthesizer(6).shift("Age", 1), 3_000), ALL,
        List.of(), Map.of());
    assertThat(signal(shifted, Signal.DATA_DRIFT).breachedFeatures()).contains("Age");
    assertThat(metric(shifted, Signal.DATA_DRIFT, "Age", Thresholds.KS_P_VALUE).value()).isLessThan(0.05);
  }

  @Test
  void aLowCardinalityNumericFeatureIsJudgedAsCategorical() {
    // Pregnancies capped to 0..2 in a copy of the data: 3 distinct values, at most 5 -> categorical
    Baseline base = DiabetesTraffic.baseline(new DiabetesSynthesizer(1), 2_000);
    Map<String, BaselineColumn> columns = new LinkedHashMap<>(base.columns());
    double[] capped = base.column("Pregnancies").numbers().clone();
    for (int i = 0; i < capped.length; i++) {
      capped[i] = Math.min(capped[i], 2);
    }
    columns.put("Pregnancies", BaselineColumn.numeric("Pregnancies", capped));
    Baseline lowCardinality = new Baseline(base.ref(), base.rows(), columns, base.probability(), base.label());
    List<CollectedRecord> records = new ArrayList<>();
    for (CollectedRecord r : DiabetesTraffic.records(new DiabetesSynthesizer(9), 3_000)) {
      records.add(DiabetesTraffic.with(r, "Pregnancies", Math.min((Double) r.inputs().get("Pregnancies"), 2)));
    }
    WindowResult r = run(lowCardinality, records, List.of(Signal.DATA_DRIFT), List.of(), Map.of());
    MetricResult js = metric(r, Signal.DATA_DRIFT, "Pregnancies", Thresholds.JENSEN_SHANNON);
    assertThat(js.comparison()).isEqualTo(Comparison.AT_LEAST);
    assertThat(js.breached()).isFalse();
    assertThat(r.histograms()).anySatisfy(h -> {
      assertThat(h.feature()).isEqualTo("Pregnancies");
      assertThat(h.bins()).containsExactly("0", "1", "2");
      assertThat(h.edges()).isEmpty();
    });
  }

  @Test
  void modelPerformanceJoinsGroundTruthOnCorrelationIdAndRow() {
    DiabetesSynthesizer synth = new DiabetesSynthesizer(11);
    List<CollectedRecord> records = DiabetesTraffic.records(synth, 1_000);
    List<PatientRow> patients = synth.rows(1_000);
    List<GroundTruth> truth = new ArrayList<>();
    int[] y = new int[400];
    double[] p = new double[400];
    for (int i = 0; i < 400; i++) { // labels for the first 400 rows, and some for rows of other windows
      truth.add(new GroundTruth(records.get(i).correlationId(), 0, Integer.toString(patients.get(i).diabetic())));
      y[i] = patients.get(i).diabetic();
      p[i] = DiabetesTraffic.probability(patients.get(i));
    }
    truth.add(new GroundTruth("another-window", 0, "1"));
    truth.add(new GroundTruth(records.get(500).correlationId(), 3, "1")); // a row the window does not have
    double accuracy = org.mloop.core.metrics.BinaryMetrics.accuracy(y, p);

    // registered accuracy far above what the window shows: alerts; AUC registered low: does not
    WindowResult r = run(baseline, records, List.of(Signal.MODEL_PERFORMANCE), truth,
        Map.of("Accuracy", accuracy + 0.2, "AUC", 0.5));
    assertThat(r.labeledRows()).isEqualTo(400);
    MetricResult acc = metric(r, Signal.MODEL_PERFORMANCE, "*", "accuracy");
    assertThat(acc.value()).isEqualTo(accuracy);
    assertThat(acc.threshold()).isEqualTo(accuracy + 0.2 - 0.05);
    assertThat(acc.comparison()).isEqualTo(Comparison.BELOW);
    assertThat(acc.breached()).isTrue();
    assertThat(metric(r, Signal.MODEL_PERFORMANCE, "*", "auc").breached()).isFalse();
    assertThat(metric(r, Signal.MODEL_PERFORMANCE, "*", "precision").comparison()).isEqualTo(Comparison.REPORTED);
    SignalResult performance = signal(r, Signal.MODEL_PERFORMANCE);
    assertThat(performance.alert()).isTrue();
    assertThat(performance.breachedFeatures()).containsExactly("accuracy");
    assertThat(performance.summary()).startsWith("400 labeled rows: Accuracy ");
    assertThat(r.notes()).contains("model_performance: the served version has no registered Precision, Recall: reported,"
        + " not judged");
  }

  @Test
  void withoutLabelsPerformanceIsNotJudgedAndSaysWhy() {
    WindowResult r = run(baseline, DiabetesTraffic.records(new DiabetesSynthesizer(12), 500),
        List.of(Signal.MODEL_PERFORMANCE), List.of(), Map.of("Accuracy", 0.9));
    SignalResult performance = signal(r, Signal.MODEL_PERFORMANCE);
    assertThat(performance.alert()).isFalse();
    assertThat(performance.summary()).contains("no labeled rows").contains("performance not judged");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("no ground truth has been posted"));
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void aModelWithoutAPositiveClassHasItsPerformanceNotJudgedRatherThanScoredAsAllNegative() {
    List<CollectedRecord> records = DiabetesTraffic.records(new DiabetesSynthesizer(13), 200);
    List<GroundTruth> truth = new ArrayList<>();
    for (CollectedRecord r : records) {
      truth.add(new GroundTruth(r.correlationId(), 0, "1"));
    }
    WindowComputation w = new WindowComputation(DiabetesTraffic.signature(), baseline, Thresholds.defaults(),
        List.of(Signal.MODEL_PERFORMANCE), null, Map.of("Accuracy", 0.8, "Recall", 0.6), truth);
    records.forEach(w::accept);
    WindowResult r = w.finish("window");
    SignalResult performance = signal(r, Signal.MODEL_PERFORMANCE);
    assertThat(performance.alert()).isFalse();
    assertThat(performance.summary()).contains("performance not judged").contains("no positive class");
    assertThat(r.metrics()).noneMatch(m -> m.signal() == Signal.MODEL_PERFORMANCE);
  }

  @Test
  void anUndefinedRecallIsNotComputedInsteadOfAlertingAsZero() {
    List<CollectedRecord> records = DiabetesTraffic.records(new DiabetesSynthesizer(14), 3);
    List<GroundTruth> truth = records.stream().map(r -> new GroundTruth(r.correlationId(), 0, "0")).toList();
    WindowResult r = run(baseline, records, List.of(Signal.MODEL_PERFORMANCE), truth, Map.of("Recall", 0.6));
    assertThat(r.labeledRows()).isEqualTo(3);
    assertThat(r.metrics()).noneMatch(m -> m.metric().equals("recall"));
    assertThat(signal(r, Signal.MODEL_PERFORMANCE).alert()).isFalse();
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("Recall not computed").contains("recall is undefined"));
  }
}
