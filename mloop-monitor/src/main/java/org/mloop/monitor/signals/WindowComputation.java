package org.mloop.monitor.signals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.metrics.BinaryMetrics;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;

/**
 * One monitor run's computation over a window of production records, independent of where the
 * records, the baseline and the labels come from: feed it every record with {@link #accept}, then
 * {@link #finish}. Memory does not grow with the number of records (see {@link ColumnTracker});
 * only the labeled rows' label and probability are kept, and ground truth is held anyway.
 *
 * <p>Signals (each only when asked for):
 * <ul>
 *   <li>data_drift: {@link ColumnDrift}'s rules per signature feature; the dataset drifts when at least
 *       {@code dataset_drift_share} of the judged features drift; the signal alerts when any feature drifts;</li>
 *   <li>prediction_drift: the same rules on the predicted probability of the positive class
 *       ("probability") and the predicted label ("label"), against the model's outputs on the baseline;</li>
 *   <li>data_quality: per feature, the rates of missing values (null, absent or not finite), of type
 *       errors (text or booleans in a numeric column) and of numbers outside the baseline's [min, max],
 *       each judged against a tolerance (see {@link DataQuality}); the exact counts are reported beside;</li>
 *   <li>model_performance: accuracy, AUC, precision and recall on the rows with ground truth (joined on
 *       correlation id and row), alerting below the served version's registered metric minus
 *       {@code performance_drop}; without labels nothing is judged.</li>
 * </ul>
 */
public final class WindowComputation {
  public static final String PROBABILITY = "probability";
  public static final String LABEL = "label";

  private final Baseline baseline;
  private final Thresholds thresholds;
  private final List<Signal> signals;
  private final String positiveClass;
  private final Map<String, Double> registeredMetrics;
  private final String[] names;
  private final ColumnTracker[] trackers;
  private final ColumnTracker probability;
  private final ColumnTracker label;
  private final Map<RowKey, String> truth;
  private final List<String> notes = new ArrayList<>();
  private long rows;
  private int[] labeled = new int[256];
  private double[] labeledProbability = new double[256];
  private int labeledRows;

  private record RowKey(String correlationId, int row) {}

  /**
   * @param features          the served model's signature inputs
   * @param positiveClass     the class whose probability is "probability" (null: prediction drift and
   *                          performance are judged on labels only / not at all)
   * @param registeredMetrics the served version's registered test metrics (BinaryMetrics names)
   * @param groundTruth       labels posted for the endpoint (any window; only the window's rows are used)
   */
  public WindowComputation(List<ColumnSpec> features, Baseline baseline, Thresholds thresholds, List<Signal> signals,
      String positiveClass, Map<String, Double> registeredMetrics, List<GroundTruth> groundTruth) {
    this.baseline = baseline;
    this.thresholds = thresholds;
    this.signals = List.copyOf(signals);
    this.positiveClass = positiveClass;
    this.registeredMetrics = Map.copyOf(registeredMetrics);
    this.names = new String[features.size()];
    this.trackers = new ColumnTracker[features.size()];
    for (int i = 0; i < names.length; i++) {
      ColumnSpec c = features.get(i);
      names[i] = c.name();
      BaselineColumn b = baseline.column(c.name());
      trackers[i] = b.numeric()
          ? ColumnTracker.numeric(c.name(), b, needsSample(b, baseline.rows(), c.name()))
          : ColumnTracker.text(c.name(), b);
    }
    boolean predictions = this.signals.contains(Signal.PREDICTION_DRIFT);
    this.probability = predictions && baseline.probability() != null && positiveClass != null
        ? ColumnTracker.numeric(PROBABILITY, baseline.probability(),
            needsSample(baseline.probability(), baseline.probability().count(), PROBABILITY))
        : null;
    this.label = predictions && baseline.label() != null ? ColumnTracker.text(LABEL, baseline.label()) : null;
    this.truth = new HashMap<>();
    // Without a positive class there is no 0/1 to compare with: performance is not judged (see modelPerformance).
    if (this.signals.contains(Signal.MODEL_PERFORMANCE) && positiveClass != null) {
      for (GroundTruth g : groundTruth) {
        truth.put(new RowKey(g.correlationId(), g.row()), g.label());
      }
    }
  }

  private boolean needsSample(BaselineColumn b, long baselineRows, String feature) {
    return ColumnDrift.continuous(b, thresholds, feature) && ColumnDrift.smallBaseline(baselineRows, thresholds, feature);
  }

  /** Counts one production record (the hot path: no allocation beyond the sketches' own). */
  public void accept(CollectedRecord r) {
    rows++;
    Map<String, Object> inputs = r.inputs();
    for (int i = 0; i < trackers.length; i++) {
      trackers[i].accept(inputs.get(names[i]));
    }
    if (probability != null) {
      probability.acceptNumber(r.probability(positiveClass));
    }
    if (label != null) {
      label.acceptText(r.label());
    }
    if (!truth.isEmpty() && r.correlationId() != null) {
      String actual = truth.get(new RowKey(r.correlationId(), r.row()));
      if (actual != null) {
        addLabeled(actual, r);
      }
    }
  }

  private void addLabeled(String actual, CollectedRecord r) {
    if (labeledRows == labeled.length) {
      labeled = Arrays.copyOf(labeled, labeledRows * 2);
      labeledProbability = Arrays.copyOf(labeledProbability, labeledRows * 2);
    }
    double p = positiveClass == null ? Double.NaN : r.probability(positiveClass);
    if (Double.isNaN(p)) {
      // a model without probabilities: its label stands for a certain 0 or 1
      p = r.label() != null && r.label().equals(positiveClass) ? 1 : 0;
    }
    labeled[labeledRows] = actual.equals(positiveClass) ? 1 : 0;
    labeledProbability[labeledRows++] = p;
  }

  /** Adds a line to the run's notes. */
  public void note(String text) {
    notes.add(text);
  }

  public long rows() {
    return rows;
  }

  /** The run's data-dependent parts; {@code window} names the window for people ("FROM..TO"). */
  public WindowResult finish(String window) {
    if (rows == 0) {
      return new WindowResult(0, 0, Verdict.NO_DATA, "no production data in the window " + window + ": nothing judged",
          List.of(), List.of(), List.of(), notes);
    }
    List<SignalResult> results = new ArrayList<>();
    List<MetricResult> metrics = new ArrayList<>();
    List<Histogram> histograms = new ArrayList<>();
    for (Signal s : signals) {
      switch (s) {
        case DATA_DRIFT -> results.add(dataDrift(metrics, histograms));
        case PREDICTION_DRIFT -> results.add(predictionDrift(metrics, histograms));
        case DATA_QUALITY -> results.add(DataQuality.judge(trackers, baseline, thresholds, rows, metrics, notes));
        case MODEL_PERFORMANCE -> results.add(modelPerformance(metrics));
        default -> throw new IllegalStateException("unknown signal " + s);
      }
    }
    List<String> alerting = results.stream().filter(SignalResult::alert)
        .map(r -> r.signal().id() + breaches(r, metrics)).toList();
    Verdict verdict = alerting.isEmpty() ? Verdict.OK : Verdict.ALERT;
    String summary = alerting.isEmpty()
        ? "OK: no signal breached its threshold over " + count(rows) + " rows"
        : "ALERT: " + String.join("; ", alerting) + " over " + count(rows) + " rows";
    return new WindowResult(rows, labeledRows, verdict, summary, results, metrics, histograms, notes);
  }

  /**
   * What a breached signal names in the run's summary: its features, e.g. " (PlasmaGlucose)"; for data
   * quality each feature with the rules it breached, e.g. " (Age: null_rate; BMI: type_error_rate)".
   */
  private static String breaches(SignalResult r, List<MetricResult> metrics) {
    if (r.breachedFeatures().isEmpty()) {
      return "";
    }
    if (r.signal() != Signal.DATA_QUALITY) {
      return " (" + String.join(", ", r.breachedFeatures()) + ")";
    }
    List<String> parts = new ArrayList<>();
    for (String feature : r.breachedFeatures()) {
      parts.add(feature + ": " + String.join(", ", metrics.stream()
          .filter(m -> m.signal() == Signal.DATA_QUALITY && m.breached() && m.feature().equals(feature))
          .map(MetricResult::metric).toList()));
    }
    return " (" + String.join("; ", parts) + ")";
  }

  private SignalResult dataDrift(List<MetricResult> metrics, List<Histogram> histograms) {
    List<String> drifted = new ArrayList<>();
    int judged = 0;
    for (int i = 0; i < trackers.length; i++) {
      ColumnDrift d = ColumnDrift.judge(Signal.DATA_DRIFT, names[i], baseline.column(names[i]), baseline.rows(),
          trackers[i], thresholds);
      if (!d.judged()) {
        notes.add("data_drift: " + names[i] + " not judged: " + (baseline.column(names[i]).count() == 0
            ? "the baseline has no values" : "no valid production values in the window"));
        continue;
      }
      judged++;
      metrics.addAll(d.metrics());
      histograms.add(d.histogram());
      if (d.drifted()) {
        drifted.add(names[i]);
      }
    }
    double share = judged == 0 ? 0 : (double) drifted.size() / judged;
    double needed = thresholds.get(Thresholds.DATASET_DRIFT_SHARE);
    MetricResult dataset = MetricResult.judged(Signal.DATA_DRIFT, "*", Thresholds.DATASET_DRIFT_SHARE, share, needed,
        Comparison.AT_LEAST);
    metrics.add(dataset);
    String datasetText = "dataset drift: " + (dataset.breached() ? "yes, " + percent(share) + " >= " + percent(needed)
        : "no, " + percent(share) + " < " + percent(needed));
    String summary = drifted.isEmpty()
        ? "no drift in " + judged + " features (" + datasetText + ")"
        : drifted.size() + " of " + judged + " features drift: " + String.join(", ", drifted) + " (" + datasetText + ")";
    return new SignalResult(Signal.DATA_DRIFT, !drifted.isEmpty(), drifted, summary);
  }

  private SignalResult predictionDrift(List<MetricResult> metrics, List<Histogram> histograms) {
    List<String> drifted = new ArrayList<>();
    List<String> judged = new ArrayList<>();
    if (probability != null) {
      BaselineColumn b = baseline.probability();
      judgeOutput(PROBABILITY, b, probability, metrics, histograms, drifted, judged);
    }
    if (label != null) {
      judgeOutput(LABEL, baseline.label(), label, metrics, histograms, drifted, judged);
    }
    if (judged.isEmpty()) {
      notes.add("prediction_drift: not judged: " + (baseline.label() == null
          ? "the model's outputs on the baseline are unknown" : "the window's records carry no model outputs"));
      return new SignalResult(Signal.PREDICTION_DRIFT, false, List.of(), "prediction drift not judged (no model outputs"
          + " to compare)");
    }
    String summary = drifted.isEmpty()
        ? "no prediction drift (" + String.join("; ", judged) + ")"
        : "prediction drift: " + String.join(", ", drifted);
    return new SignalResult(Signal.PREDICTION_DRIFT, !drifted.isEmpty(), drifted, summary);
  }

  private void judgeOutput(String name, BaselineColumn b, ColumnTracker production, List<MetricResult> metrics,
      List<Histogram> histograms, List<String> drifted, List<String> judged) {
    ColumnDrift d = ColumnDrift.judge(Signal.PREDICTION_DRIFT, name, b, b.count(), production, thresholds);
    if (!d.judged()) {
      return;
    }
    // The summary carries the judged figure, so "no prediction drift" shows how close it came.
    judged.add(d.metrics().stream().filter(m -> m.comparison() != Comparison.REPORTED).findFirst()
        .map(m -> String.format(Locale.ROOT, "%s %s %.3f, threshold %s", name, m.metric(), m.value(),
            BigDecimal.valueOf(m.threshold()).stripTrailingZeros().toPlainString()))
        .orElse(name));
    metrics.addAll(d.metrics());
    histograms.add(d.histogram());
    if (d.drifted()) {
      drifted.add(name);
    }
  }

  private SignalResult modelPerformance(List<MetricResult> metrics) {
    if (positiveClass == null) {
      String why = "the served model names no positive class, so its outputs cannot be scored as 0/1";
      notes.add("model_performance: not judged: " + why);
      return new SignalResult(Signal.MODEL_PERFORMANCE, false, List.of(), "performance not judged: " + why);
    }
    if (labeledRows == 0) {
      String why = truth.isEmpty() ? "no ground truth has been posted for the endpoint"
          : "none of the posted ground truth is for the window's rows";
      notes.add("model_performance: not judged: " + why);
      return new SignalResult(Signal.MODEL_PERFORMANCE, false, List.of(),
          "no labeled rows in the window (" + why + "): performance not judged");
    }
    int[] y = Arrays.copyOf(labeled, labeledRows);
    double[] p = Arrays.copyOf(labeledProbability, labeledRows);
    double drop = thresholds.get(Thresholds.PERFORMANCE_DROP);
    List<String> breached = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    String[] names = {BinaryMetrics.ACCURACY, BinaryMetrics.AUC, BinaryMetrics.PRECISION, BinaryMetrics.RECALL};
    for (String name : names) {
      double value;
      try {
        value = switch (name) {
          case BinaryMetrics.ACCURACY -> BinaryMetrics.accuracy(y, p);
          case BinaryMetrics.AUC -> BinaryMetrics.auc(y, p);
          case BinaryMetrics.PRECISION -> BinaryMetrics.precision(y, p);
          default -> BinaryMetrics.recall(y, p);
        };
      } catch (IllegalArgumentException e) {
        notes.add("model_performance: " + name + " not computed: " + e.getMessage());
        continue;
      }
      String metric = name.toLowerCase(Locale.ROOT);
      Double registered = registeredMetrics.get(name);
      if (registered == null) {
        metrics.add(MetricResult.reported(Signal.MODEL_PERFORMANCE, "*", metric, value));
        parts.add(String.format(Locale.ROOT, "%s %.3f", name, value));
        continue;
      }
      MetricResult m = MetricResult.judged(Signal.MODEL_PERFORMANCE, "*", metric, value,
          Math.max(0, registered - drop), Comparison.BELOW);
      metrics.add(m);
      parts.add(String.format(Locale.ROOT, "%s %.3f (registered %.3f)", name, value, registered));
      if (m.breached()) {
        breached.add(metric);
      }
    }
    List<String> unregistered = new ArrayList<>();
    for (String name : names) {
      if (!registeredMetrics.containsKey(name)) {
        unregistered.add(name);
      }
    }
    if (!unregistered.isEmpty()) {
      notes.add("model_performance: the served version has no registered " + String.join(", ", unregistered)
          + ": reported, not judged");
    }
    String summary = count(labeledRows) + " labeled rows: " + String.join(", ", parts)
        + (breached.isEmpty() ? "" : "; below the registered value minus " + drop + ": " + String.join(", ", breached));
    return new SignalResult(Signal.MODEL_PERFORMANCE, !breached.isEmpty(), breached, summary);
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
