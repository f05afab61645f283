package org.mloop.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import org.mloop.monitor.signals.Baseline;
import org.mloop.monitor.signals.BaselineColumn;
import org.mloop.monitor.signals.BaselineReader;
import org.mloop.monitor.signals.WindowComputation;
import org.mloop.monitor.signals.WindowResult;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a monitor's run from a workspace's data (see {@link org.mloop.core.monitoring.MonitorEngine#evaluate}):
 * gathers the inputs (the served model version and its signature, the baseline, the model's outputs on
 * the baseline, ground truth) and streams every deployment's collected records of the window through a
 * {@link WindowComputation}, which does the judging. Any failure gives a run with verdict FAILED and the
 * reason as its summary.
 */
public final class MonitorEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorEvaluator.class);
  /** Baseline rows scored per call when computing the model's outputs on the baseline. */
  private static final int SCORING_CHUNK = 4096;
  /**
   * A row's label is posted after the row was scored, so a run reads only labels received since its
   * window began, less this much for a scoring replica whose clock runs ahead of the server's: the
   * labels a run holds grow with its window, not with the endpoint's whole history.
   */
  static final Duration LABEL_CLOCK_SKEW = Duration.ofHours(1);

  public MonitorRun evaluate(Workspace workspace, Monitor monitor, long from, long to) {
    long started = System.currentTimeMillis();
    MonitorSpec spec = monitor.spec();
    Inputs in = new Inputs();
    try {
      WindowResult result = compute(workspace, spec, from, to, in);
      return new MonitorRun(0, spec.name(), spec.endpoint(), started, System.currentTimeMillis(), from, to, in.baselineRef,
          in.baselineRows, List.copyOf(in.models), result.rows(), result.labeledRows(), result.verdict(),
          result.summary(), result.signals(), result.metrics(), result.histograms(), result.notes());
    } catch (RuntimeException e) {
      LOG.warn("Monitor {} failed over {}", spec.name(), window(from, to), e);
      String reason = reason(e);
      return new MonitorRun(0, spec.name(), spec.endpoint(), started, System.currentTimeMillis(), from, to,
          in.baselineRef, in.baselineRows, List.copyOf(in.models), 0, 0, Verdict.FAILED, "monitor run failed: " + reason,
          List.of(), List.of(), List.of(), in.notes);
    }
  }

  /** The failure's message with its causes' ("cannot read X: No such file"), which wrapped I/O errors carry. */
  static String reason(Throwable e) {
    StringBuilder out = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
    Throwable c = e.getCause();
    for (int depth = 0; c != null && depth < 5; depth++, c = c.getCause()) {
      String text = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
      if (!out.toString().contains(text)) {
        out.append(": ").append(text);
      }
    }
    return out.toString();
  }

  /** What has been gathered so far, so a failed run still says what it knew. */
  private static final class Inputs {
    String baselineRef;
    long baselineRows;
    final Set<String> models = new LinkedHashSet<>();
    final List<String> notes = new ArrayList<>();
  }

  private static WindowResult compute(Workspace workspace, MonitorSpec spec, long from, long to, Inputs in) {
    String endpointName = spec.endpoint();
    Endpoint endpoint = workspace.endpoints().get(endpointName);
    List<Deployment> deployments = workspace.endpoints().listDeployments(endpointName);
    if (deployments.isEmpty()) {
      throw MloopException.invalid("endpoint " + endpointName + " has no deployments: nothing serves, nothing to monitor");
    }
    Deployment served = served(endpoint, deployments);
    ModelVersion version = workspace.registry().getVersion(served.model());
    for (Deployment d : deployments) {
      if (d.modelVersion() != served.modelVersion() || !d.modelName().equals(served.modelName())) {
        in.notes.add("deployment " + d.name() + " serves " + d.modelName() + ":" + d.modelVersion() + "; signature, baseline"
            + " outputs and registered metrics are those of " + version.ref() + " (deployment " + served.name() + ")");
      }
    }
    MlModel mlModel = readMlModel(workspace, version);
    List<ColumnSpec> features = mlModel.signature().inputs();

    DataAsset asset = baselineAsset(workspace, spec, version);
    in.baselineRef = asset.ref();
    List<String> csvs = workspace.data().listFiles(asset).stream()
        .filter(f -> !f.directory() && f.path().toLowerCase().endsWith(".csv")).map(ArtifactFile::path).sorted().toList();
    BaselineReader reader = new BaselineReader(asset.ref(), features)
        .read(csvs, path -> workspace.data().openFile(asset, path));
    in.baselineRows = reader.rows();
    if (reader.unreadable() > 0) {
      in.notes.add("baseline " + asset.ref() + ": " + reader.unreadable() + " numeric cells held text and were read as missing");
    }
    Baseline baseline = reader.baseline();
    String positiveClass = positiveClass(mlModel);
    if (spec.signals().contains(Signal.PREDICTION_DRIFT)) {
      try {
        Scored scored = scoreBaseline(workspace, version, reader);
        baseline = baseline.withPredictions(scored.probability(), scored.label());
        positiveClass = scored.positiveClass() != null ? scored.positiveClass() : positiveClass;
      } catch (RuntimeException e) {
        in.notes.add("prediction_drift: cannot score the baseline with " + version.ref() + ": " + e.getMessage());
      }
    }
    List<GroundTruth> truth = spec.signals().contains(Signal.MODEL_PERFORMANCE)
        ? workspace.monitors().listGroundTruth(endpointName, from - LABEL_CLOCK_SKEW.toMillis()) : List.of();
    Map<String, Double> registered = version.lineage() == null ? Map.of() : version.lineage().metrics();

    WindowComputation window = new WindowComputation(features, baseline, spec.thresholds(), spec.signals(),
        positiveClass, registered, truth);
    in.notes.forEach(window::note);
    ModelTally models = new ModelTally(window, in.models);
    // One part per collected file of the window, deployment by deployment, so files parse in parallel.
    Instant start = Instant.ofEpochMilli(from);
    Instant end = Instant.ofEpochMilli(to);
    List<CollectedRecords> parts = new ArrayList<>();
    for (Deployment d : deployments) {
      String deployment = d.name();
      for (String path : CollectedRecords.of(workspace.endpoints(), endpointName, deployment).files(start, end)) {
        parts.add(new CollectedRecords(List.of(path), p -> workspace.endpoints().openCollectedData(endpointName, deployment, p)));
      }
    }
    PipelinedRead.forEach(parts, start, end, PipelinedRead.readers(), models);
    long malformed = parts.stream().mapToLong(CollectedRecords::malformedLines).sum();
    if (malformed > 0) {
      window.note(malformed + " malformed line(s) of collected data skipped");
    }
    if (in.models.isEmpty()) {
      in.models.add(version.ref());
    }
    return window.finish(window(from, to));
  }

  /** Hands records on and notes which model versions scored them (cheaply: records come in runs of one version). */
  private static final class ModelTally implements Consumer<CollectedRecord> {
    private final WindowComputation window;
    private final Set<String> models;
    private String lastModel;
    private int lastVersion = -1;

    ModelTally(WindowComputation window, Set<String> models) {
      this.window = window;
      this.models = models;
    }

    @Override
    public void accept(CollectedRecord r) {
      if (r.modelVersion() != lastVersion || (r.model() != null && !r.model().equals(lastModel))) {
        lastModel = r.model();
        lastVersion = r.modelVersion();
        if (r.model() != null) {
          models.add(r.model() + ":" + r.modelVersion());
        }
      }
      window.accept(r);
    }
  }

  /** The deployment whose model counts as "served": the most live traffic, then mirror traffic, then the name. */
  private static Deployment served(Endpoint endpoint, List<Deployment> deployments) {
    return deployments.stream()
        .max(Comparator.comparingInt((Deployment d) -> endpoint.trafficOf(d.name()))
            .thenComparingInt(d -> endpoint.mirrorOf(d.name()))
            .thenComparing(Deployment::name, Comparator.reverseOrder()))
        .orElseThrow();
  }

  private static MlModel readMlModel(Workspace workspace, ModelVersion version) {
    try (InputStream in = workspace.registry().openFile(version, MlModelFiles.MLMODEL)) {
      return MlModelFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          version.ref() + "/" + MlModelFiles.MLMODEL);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MLmodel of " + version.ref(), e);
    }
  }

  /** The monitor's baseline, else the training data recorded in the served version's lineage. */
  private static DataAsset baselineAsset(Workspace workspace, MonitorSpec spec, ModelVersion version) {
    if (spec.baseline() != null && !spec.baseline().isBlank()) {
      return workspace.data().get(AssetRef.parse(spec.baseline()));
    }
    List<Lineage.DataInput> inputs = version.lineage() == null ? List.of() : version.lineage().dataInputs().stream()
        .filter(i -> i.assetName() != null && i.assetVersion() != null).toList();
    Lineage.DataInput training = inputs.stream().filter(i -> i.input() != null && i.input().toLowerCase().contains("train"))
        .findFirst().orElse(inputs.isEmpty() ? null : inputs.get(0));
    if (training == null) {
      throw MloopException.invalid("monitor " + spec.name() + " has no baseline and model " + version.ref()
          + " records no training data asset in its lineage: give the monitor a baseline data asset, e.g."
          + " mloop:diabetes-prod-folder@latest");
    }
    return workspace.data().get(new AssetRef(training.assetName(), training.assetVersion()));
  }

  /** The class a model names as positive (MLflow metadata, or a flavor such as mloop_tribuo), or null. */
  private static String positiveClass(MlModel model) {
    return model.declared("positive_class").map(String::valueOf).orElse(null);
  }

  private record Scored(BaselineColumn probability, BaselineColumn label, String positiveClass) {}

  /** The served model's outputs on the baseline rows that have every input. */
  private static Scored scoreBaseline(Workspace workspace, ModelVersion version, BaselineReader reader) {
    if (!reader.allNumeric()) {
      throw MloopException.invalid("the signature has non-numeric inputs, which the monitor does not score");
    }
    Path cache;
    try {
      cache = Files.createTempDirectory("mloop-monitor-model");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the model", e);
    }
    try {
      Predictor predictor = ModelLoader.load(workspace.registry().modelDirectory(version, cache));
      String positive = predictor.positiveClass();
      double[][] probability = {new double[Math.max(1, reader.rows())]};
      List<String> labels = new ArrayList<>(reader.rows());
      int[] n = {0};
      reader.forEachCompleteChunk(SCORING_CHUNK, rows -> {
        Predictions p = predictor.predictRows(rows);
        for (int i = 0; i < p.size(); i++) {
          probability[0][n[0]++] = positive == null ? Double.NaN : p.probability(i, positive);
          labels.add(p.labels().get(i));
        }
      });
      double[] probabilities = java.util.Arrays.copyOf(probability[0], n[0]);
      return new Scored(positive == null ? null : BaselineColumn.numeric(WindowComputation.PROBABILITY, probabilities),
          BaselineColumn.text(WindowComputation.LABEL, labels), positive);
    } finally {
      deleteQuietly(cache);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", dir, e.toString());
    }
  }

  static String window(long from, long to) {
    return Instant.ofEpochMilli(from) + ".." + Instant.ofEpochMilli(to);
  }
}
