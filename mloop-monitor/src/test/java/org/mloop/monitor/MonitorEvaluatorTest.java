package org.mloop.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.endpoints.CollectedFileName;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.json.Json;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels.Trained;
import org.mloop.runtime.testing.ModelFolders;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/** A monitor evaluated over a real workspace: registered model, baseline asset, endpoint and collected files. */
class MonitorEvaluatorTest {
  private static final long HOUR = Instant.parse("2026-11-26T15:00:00Z").toEpochMilli();
  private static final List<Signal> SIGNALS = List.of(Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT, Signal.DATA_QUALITY);

  @TempDir
  static Path temp;
  static MetadataStore metadata;
  static LocalWorkspace workspace;
  static Predictor model;
  static int endpoints;
  String endpoint;
  int files;

  /** One workspace for all tests (opening one migrates a database); each test has its own endpoint. */
  @BeforeAll
  static void workspace() throws IOException {
    metadata = MetadataStores.openSqlite(temp.resolve("mloop.db"));
    workspace = new LocalWorkspace(temp.toString(), metadata, new FileArtifactStore(temp.resolve("artifacts")), null,
        null);
    Path folder = ModelFolders.write(temp.resolve("model"), ModelFolders.logistic(ModelFolders.patients(1, 1_000)),
        ModelFolders.patients(3, 3));
    model = ModelLoader.load(folder);
    workspace.registry().register(ModelRegistration.fromFolder("diabetes", folder, "first", Map.of()));
    new DiabetesSynthesizer(1).write(temp.resolve("baseline/data.csv"), 5_000);
    workspace.data().create("diabetes-baseline", temp.resolve("baseline"), "baseline", Map.of());
  }

  @AfterAll
  static void close() {
    metadata.close();
  }

  @BeforeEach
  void endpoint() {
    endpoint = "diabetes-prod-" + ++endpoints;
    workspace.endpoints().create(endpoint, "production", null);
    workspace.endpoints().createDeployment(new DeploymentSpec(endpoint, "blue", "diabetes:1", 1, DataCollection.ALL, null));
  }

  private MonitorRun evaluate(String baseline, List<Signal> signals) {
    Monitor monitor = new Monitor(new MonitorSpec("diabetes-prod-monitor", endpoint, baseline, signals, Thresholds.defaults(),
        null, null, List.of()), 0, 0);
    return new MonitorEvaluator().evaluate(workspace, monitor, HOUR, HOUR + 3_600_000);
  }

  private static SignalResult signal(MonitorRun run, Signal s) {
    return run.signals().stream().filter(r -> r.signal() == s).findFirst().orElseThrow();
  }

  @Test
  void unshiftedTrafficIsJudgedOkAgainstTheGivenBaseline() throws IOException {
    collect(new DiabetesSynthesizer(7), 3_000, HOUR + 1_000);
    MonitorRun run = evaluate("mloop:diabetes-baseline@latest", SIGNALS);
    assertThat(run.verdict()).as(run.summary()).isEqualTo(Verdict.OK);
    assertThat(run.rows()).isEqualTo(3_000);
    assertThat(run.baseline()).isEqualTo("mloop:diabetes-baseline:1");
    assertThat(run.baselineRows()).isEqualTo(5_000);
    assertThat(run.models()).containsExactly("diabetes:1");
    assertThat(run.windowFrom()).isEqualTo(HOUR);
    assertThat(signal(run, Signal.DATA_DRIFT).summary()).startsWith("no drift in 8 features");
    assertThat(signal(run, Signal.PREDICTION_DRIFT).summary())
        .matches("no prediction drift \\(probability \\w+ 0\\.\\d{3}, threshold [0-9.]+; label \\w+ 0\\.\\d{3}, threshold [0-9.]+\\)");
    assertThat(run.histograms()).extracting(h -> h.feature()).contains("PlasmaGlucose", "probability", "label");
  }

  @Test
  void aGlucoseShiftIsDataDriftOnThatFeatureAlone() throws IOException {
    collect(new DiabetesSynthesizer(7).shift("PlasmaGlucose", 1), 3_000, HOUR + 1_000);
    collect(new DiabetesSynthesizer(8), 500, HOUR - 600_000); // before the window: not read
    MonitorRun run = evaluate("mloop:diabetes-baseline:1", SIGNALS);
    assertThat(run.verdict()).isEqualTo(Verdict.ALERT);
    assertThat(run.rows()).isEqualTo(3_000);
    assertThat(signal(run, Signal.DATA_DRIFT).breachedFeatures()).containsExactly("PlasmaGlucose");
    assertThat(run.summary()).startsWith("ALERT: data_drift (PlasmaGlucose)");
    assertThat(run.metrics()).anySatisfy(m -> {
      assertThat(m.feature()).isEqualTo("PlasmaGlucose");
      assertThat(m.metric()).isEqualTo(Thresholds.WASSERSTEIN);
      assertThat(m.comparison()).isEqualTo(Comparison.AT_LEAST);
      assertThat(m.value()).isGreaterThan(0.5);
    });
  }

  @Test
  void olderPatientsMoveTheModelsOutputs() throws IOException {
    // the logistic model leans on age (a step at 35 in the synthetic risk): +1 sd of Age moves its probabilities
    collect(new DiabetesSynthesizer(7).shift("Age", 1), 3_000, HOUR + 1_000);
    MonitorRun run = evaluate("mloop:diabetes-baseline:1", SIGNALS);
    assertThat(signal(run, Signal.DATA_DRIFT).breachedFeatures()).containsExactly("Age");
    SignalResult predictions = signal(run, Signal.PREDICTION_DRIFT);
    assertThat(predictions.breachedFeatures()).as(predictions.summary()).contains("probability");
    assertThat(predictions.summary()).startsWith("prediction drift: probability");
  }

  @Test
  void postedGroundTruthGivesPerformanceOnTheWindowsLabeledRows() throws IOException {
    DiabetesSynthesizer synth = new DiabetesSynthesizer(7);
    collect(synth, 1_000, HOUR + 1_000);
    List<PatientRow> patients = synth.rows(300);
    List<GroundTruth> labels = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      labels.add(new GroundTruth("req-7-" + i, 0, Integer.toString(patients.get(i).diabetic())));
    }
    workspace.monitors().postGroundTruth(endpoint, labels);
    MonitorRun run = evaluate("mloop:diabetes-baseline:1", List.of(Signal.MODEL_PERFORMANCE));
    assertThat(run.labeledRows()).isEqualTo(300);
    assertThat(run.metrics()).extracting(m -> m.metric()).containsExactly("accuracy", "auc", "precision", "recall");
    // registered from a folder, the version has no test metrics: performance is reported, not judged
    assertThat(run.metrics()).allSatisfy(m -> assertThat(m.comparison()).isEqualTo(Comparison.REPORTED));
    assertThat(signal(run, Signal.MODEL_PERFORMANCE).summary()).startsWith("300 labeled rows: Accuracy 0.");
    assertThat(run.verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void anEmptyWindowIsNoDataNotNoDrift() {
    MonitorRun run = evaluate("mloop:diabetes-baseline@latest", SIGNALS);
    assertThat(run.verdict()).isEqualTo(Verdict.NO_DATA);
    assertThat(run.summary()).isEqualTo("no production data in the window 2026-11-26T15:00:00Z..2026-11-26T16:00:00Z:"
        + " nothing judged");
  }

  @Test
  void malformedLinesAreSkippedAndNoted() throws IOException {
    collect(new DiabetesSynthesizer(7), 1_000, HOUR + 1_000);
    String path = new CollectedFileName("host-b", HOUR + 5_000, 0).path();
    workspace.endpoints().writeCollectedData(endpoint, "blue", path, "{not json\n{\"row\": 0}\n".getBytes(StandardCharsets.UTF_8));
    MonitorRun run = evaluate("mloop:diabetes-baseline@latest", SIGNALS);
    assertThat(run.rows()).isEqualTo(1_000);
    assertThat(run.notes()).contains("2 malformed line(s) of collected data skipped");
  }

  @Test
  void aBaselineWithoutASignatureColumnFailsNamingFileAndColumn() throws IOException {
    Files.createDirectories(temp.resolve("thin"));
    Files.writeString(temp.resolve("thin/part-1.csv"), "PatientID,Pregnancies,Age\n1,2,30\n");
    workspace.data().create("thin", temp.resolve("thin"), "too few columns", Map.of());
    collect(new DiabetesSynthesizer(7), 100, HOUR + 1_000);
    MonitorRun run = evaluate("mloop:thin:1", SIGNALS);
    assertThat(run.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(run.summary()).contains("part-1.csv").contains("'PlasmaGlucose'");
  }

  @Test
  void withoutABaselineOrTrainingLineageTheRunFailsSayingWhatToGive() throws IOException {
    collect(new DiabetesSynthesizer(7), 100, HOUR + 1_000);
    MonitorRun run = evaluate(null, SIGNALS);
    assertThat(run.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(run.summary()).contains("records no training data asset").contains("give the monitor a baseline data asset");
  }

  @Test
  void aModelTrainedInPythonAndConvertedToOnnxIsMonitoredLikeAnyOther() throws IOException {
    Assumptions.assumeTrue(SklearnOnnxModels.unavailable() == null, SklearnOnnxModels.unavailable());
    Trained trained = SklearnOnnxModels.train(temp.resolve("python-" + endpoint), "double", 1_000, 10);
    workspace.registry().register(ModelRegistration.fromFolder("diabetes-onnx", trained.folder(), "sklearn", Map.of()));
    workspace.endpoints().createDeployment(new DeploymentSpec(endpoint, "green", "diabetes-onnx:1", 1, DataCollection.ALL, 100));
    Predictor onnx = ModelLoader.load(workspace.registry().modelDirectory(workspace.registry().getVersion(
        ModelRef.parse("diabetes-onnx:1")), temp.resolve("onnx-cache")));
    DiabetesSynthesizer synth = new DiabetesSynthesizer(7);
    collect(onnx, "green", "diabetes-onnx", synth, 1_000, HOUR + 1_000);
    List<PatientRow> patients = synth.rows(300);
    List<GroundTruth> labels = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      labels.add(new GroundTruth("req-7-" + i, 0, Integer.toString(patients.get(i).diabetic())));
    }
    workspace.monitors().postGroundTruth(endpoint, labels);

    List<Signal> signals = List.of(Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT, Signal.MODEL_PERFORMANCE);
    MonitorRun run = evaluate("mloop:diabetes-baseline@latest", signals);

    assertThat(run.verdict()).as(run.summary()).isEqualTo(Verdict.OK);
    assertThat(run.models()).containsExactly("diabetes-onnx:1");
    assertThat(signal(run, Signal.PREDICTION_DRIFT).summary()).as("the baseline scored by ONNX Runtime")
        .startsWith("no prediction drift (probability");
    assertThat(run.labeledRows()).isEqualTo(300);
    assertThat(run.metrics()).extracting(m -> m.metric()).contains("accuracy", "auc");
  }

  /** Scores synthetic patients with the registered model and writes them as the collector does, one file. */
  private void collect(DiabetesSynthesizer synth, int rows, long firstTimestamp) throws IOException {
    collect(model, "blue", "diabetes", synth, rows, firstTimestamp);
  }

  private void collect(Predictor model, String deployment, String modelName, DiabetesSynthesizer synth, int rows,
      long firstTimestamp) throws IOException {
    List<PatientRow> patients = synth.rows(rows);
    double[][] matrix = new double[rows][];
    for (int i = 0; i < rows; i++) {
      matrix[i] = ModelFolders.features(patients.get(i));
    }
    Predictions predictions = model.predictRows(matrix);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      ObjectNode line = Json.mapper().createObjectNode();
      line.put("correlation_id", "req-" + synth.seed() + "-" + i);
      line.put("row", 0);
      line.put("timestamp", Instant.ofEpochMilli(firstTimestamp + i * 100L).toString());
      line.put("endpoint", endpoint);
      line.put("deployment", deployment);
      line.put("model", modelName);
      line.put("model_version", 1);
      ObjectNode inputs = line.putObject("inputs");
      for (DiabetesFeature f : DiabetesFeature.values()) {
        double v = patients.get(i).feature(f);
        if (f.integer()) {
          inputs.put(f.column(), (long) v);
        } else {
          inputs.put(f.column(), v);
        }
      }
      ObjectNode outputs = line.putObject("outputs");
      outputs.put("label", predictions.labels().get(i));
      ObjectNode probabilities = outputs.putObject("probabilities");
      for (String c : predictions.classes()) {
        probabilities.put(c, predictions.probability(i, c));
      }
      lines.append(Json.write(line)).append('\n');
    }
    String path = new CollectedFileName("host-a", firstTimestamp, files++).path();
    workspace.endpoints().writeCollectedData(endpoint, deployment, path, lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFailedRunSaysTheUnderlyingCauseNotOnlyTheWrappersMessage() {
    RuntimeException wrapped = new java.io.UncheckedIOException("cannot read the MLmodel of diabetes:2",
        new java.io.IOException("/models/diabetes/2/MLmodel: No such file or directory"));
    assertThat(MonitorEvaluator.reason(wrapped))
        .isEqualTo("cannot read the MLmodel of diabetes:2: /models/diabetes/2/MLmodel: No such file or directory");
    assertThat(MonitorEvaluator.reason(new IllegalStateException("plain"))).isEqualTo("plain");
  }
}
