package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.store.MetadataStoreContract.fails;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorEngine;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.core.workspace.Workspace;

/**
 * LocalWorkspace's monitoring commands on a real SQLite store and file artifact store. The engine
 * is a small test implementation of the {@link MonitorEngine} port (the statistics are tested in
 * mloop-monitor): it returns the run it is told to and records what it was asked.
 */
class LocalWorkspaceMonitorsTest {
  @TempDir Path temp;
  MetadataStore metadata;
  FileArtifactStore artifacts;
  TestEngine engine = new TestEngine();
  LocalWorkspace workspace;

  /** The port's test double: computes nothing, returns {@link #verdict} over the window it is given. */
  static final class TestEngine implements MonitorEngine {
    Verdict verdict = Verdict.OK;
    RuntimeException evaluateFails;
    RuntimeException reportFails;
    final List<long[]> windows = new ArrayList<>();
    final List<Consumer<String>> deliveries = new ArrayList<>();
    final List<Alert> delivered = new ArrayList<>();

    @Override
    public MonitorRun evaluate(Workspace workspace, Monitor monitor, long from, long to) {
      if (evaluateFails != null) {
        throw evaluateFails;
      }
      windows.add(new long[] {from, to});
      boolean alert = verdict == Verdict.ALERT;
      return new MonitorRun(0, monitor.name(), monitor.spec().endpoint(), 1L, 2L, from, to, "mloop:baseline:1", 100,
          List.of("diabetes:1"), 50, 0, verdict, "verdict " + verdict,
          List.of(new SignalResult(Signal.DATA_DRIFT, alert, alert ? List.of("Age") : List.of(), "drift"),
              new SignalResult(Signal.DATA_QUALITY, false, List.of(), "clean")),
          List.of(), List.of(), List.of());
    }

    @Override
    public byte[] report(Monitor monitor, MonitorRun run) {
      if (reportFails != null) {
        throw reportFails;
      }
      return ("<html>run " + run.id() + " of " + monitor.name() + "</html>").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void deliver(Monitor monitor, Alert alert, MonitorRun run, Consumer<String> outcome) {
      delivered.add(alert);
      deliveries.add(outcome);
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    metadata = MetadataStores.openSqlite(temp.resolve("mloop.db"));
    artifacts = new FileArtifactStore(temp.resolve("artifacts"));
    workspace = new LocalWorkspace(temp.toString(), metadata, artifacts, null, null, engine);
    Path model = temp.resolve("model");
    Files.createDirectories(model);
    Files.writeString(model.resolve("model.bin"), "weights");
    MlModelFiles.write(model, MlModel.create("model", Map.of("mloop_test", Map.of("model_file", "model.bin")), null,
        new ModelSignature(List.of(ColumnSpec.of("Age", ColumnType.DOUBLE)),
            List.of(ColumnSpec.of("Diabetic", ColumnType.LONG))), null));
    workspace.registry().register(ModelRegistration.fromFolder("diabetes", model, "first", Map.of()));
    workspace.endpoints().create("diabetes-prod", null, null);
    workspace.endpoints().createDeployment(new DeploymentSpec("diabetes-prod", "blue", "diabetes:1", 1, DataCollection.OFF, null));
    workspace.endpoints().createDeployment(new DeploymentSpec("diabetes-prod", "green", "diabetes:1", 1, new DataCollection(10),
        0));
    Path data = temp.resolve("baseline.csv");
    Files.writeString(data, "Age,Diabetic\n30,0\n");
    workspace.data().create("diabetes-prod-folder", data, null, Map.of());
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  private static MonitorSpec spec(String name, List<String> webhooks) {
    return new MonitorSpec(name, "diabetes-prod", "mloop:diabetes-prod-folder@latest",
        List.of(Signal.DATA_DRIFT, Signal.DATA_QUALITY), null, Duration.ofHours(1), Duration.ofHours(24), webhooks);
  }

  private static MonitorSpec with(MonitorSpec s, String baseline, List<Signal> signals, Duration every,
      Duration window, List<String> webhooks) {
    return new MonitorSpec(s.name(), s.endpoint(), baseline, signals, s.thresholds(), every, window, webhooks);
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void creatingAMonitorTurnsOnCollectionWhereThereIsNoneAndSaysWhere() {
    MonitorCreation created = workspace.monitors().create(spec("diabetes-prod-monitor", List.of()));

    assertThat(created.collectionTurnedOn()).containsExactly("blue");
    assertThat(workspace.endpoints().getDeployment("diabetes-prod", "blue").dataCollection()).isEqualTo(DataCollection.ALL);
    assertThat(workspace.endpoints().getDeployment("diabetes-prod", "green").dataCollection().samplePercent())
        .as("a deployment that already collects keeps its rate").isEqualTo(10.0);
    assertThat(workspace.monitors().get("diabetes-prod-monitor")).isEqualTo(created.monitor());
    assertThat(workspace.monitors().list()).extracting(Monitor::name).containsExactly("diabetes-prod-monitor");
    assertThat(workspace.monitors().create(spec("second-monitor", List.of())).collectionTurnedOn()).isEmpty();
  }

  @Test
  void aMonitorIsRefusedWithTheFieldToFixAndNothingChanges() {
    MonitorSpec good = spec("diabetes-prod-monitor", List.of());
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().create(new MonitorSpec("m", "diabetes-prod", null,
        List.of(Signal.DATA_DRIFT), null, null, null, List.of())), "bad monitor name 'm'");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().create(new MonitorSpec("diabetes-prod-monitor",
        "nowhere", null, List.of(Signal.DATA_DRIFT), null, null, null, List.of())), "endpoint 'nowhere' not found");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().create(with(good, "mloop:diabetes-prod-folder:7",
        good.signals(), null, good.window(), List.of())), "diabetes-prod-folder:7");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().create(with(good, "mloop:bad name:1",
        good.signals(), null, good.window(), List.of())), "bad data asset name");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().create(with(good, null, List.of(), null,
        good.window(), List.of())), "has no signals", "data_drift");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().create(with(good, null, good.signals(),
        Duration.ofSeconds(30), good.window(), List.of())), "every 30s is too often");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().create(with(good, null, good.signals(), null,
        Duration.ZERO, List.of())), "window must be longer than 0");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().create(with(good, null, good.signals(), null,
        good.window(), List.of("ftp://hooks.example.com/x"))), "bad webhook 'ftp://hooks.example.com/x'");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().create(with(good, null, good.signals(), null,
        good.window(), List.of("hooks.example.com"))), "bad webhook");

    assertThat(workspace.monitors().list()).isEmpty();
    assertThat(workspace.endpoints().getDeployment("diabetes-prod", "blue").dataCollection()).isEqualTo(DataCollection.OFF);
    workspace.monitors().create(good);
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> workspace.monitors().create(good), "already exists");
  }

  @Test
  void aRunReadsTheLastWindowUpToNowByDefaultAndIsStoredWithItsReport() throws IOException {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of()));
    long before = System.currentTimeMillis();
    MonitorRun run = workspace.monitors().run("diabetes-prod-monitor", null, null);
    long after = System.currentTimeMillis();

    long[] window = engine.windows.get(0);
    assertThat(window[1]).isBetween(before, after);
    assertThat(window[1] - window[0]).isEqualTo(Duration.ofHours(24).toMillis());
    assertThat(run.id()).isPositive();
    assertThat(workspace.monitors().getRun("diabetes-prod-monitor", run.id())).isEqualTo(run);
    assertThat(read(workspace.monitors().openReport("diabetes-prod-monitor", run.id())))
        .isEqualTo("<html>run " + run.id() + " of diabetes-prod-monitor</html>");
    assertThat(artifacts.exists("monitoring/diabetes-prod-monitor/" + run.id() + "/report.html")).isTrue();
    assertThat(workspace.monitors().listAlerts("diabetes-prod-monitor", 10)).as("no alert for an OK run").isEmpty();

    MonitorRun explicit = workspace.monitors().run("diabetes-prod-monitor", 1000L, 5000L);
    assertThat(engine.windows.get(1)).containsExactly(1000L, 5000L);
    assertThat(workspace.monitors().run("diabetes-prod-monitor", null, 90_000_000L).windowFrom())
        .isEqualTo(90_000_000L - 86_400_000L);
    assertThat(workspace.monitors().listRuns("diabetes-prod-monitor", 2)).extracting(MonitorRun::id)
        .containsExactly(explicit.id() + 1, explicit.id());
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().run("diabetes-prod-monitor", 5000L, 5000L),
        "window start 5000 must be before its end 5000");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().getRun("diabetes-prod-monitor", 999),
        "has no run 999");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().run("missing", null, null),
        "monitor 'missing' not found");
  }

  @Test
  void anAlertIsRecordedAndItsDeliveryFollowsTheWebhookOutcome() {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of("http://127.0.0.1:9/hook")));
    workspace.monitors().create(spec("quiet-monitor", List.of()));
    engine.verdict = Verdict.ALERT;

    MonitorRun run = workspace.monitors().run("diabetes-prod-monitor", null, null);
    Alert pending = workspace.monitors().listAlerts("diabetes-prod-monitor", 10).get(0);
    assertThat(pending.runId()).isEqualTo(run.id());
    assertThat(pending.signals()).containsExactly(Signal.DATA_DRIFT);
    assertThat(pending.message()).isEqualTo("verdict ALERT");
    assertThat(pending.delivery()).isEqualTo("pending");
    assertThat(engine.delivered).containsExactly(pending);

    engine.deliveries.get(0).accept("delivered");
    assertThat(workspace.monitors().listAlerts("diabetes-prod-monitor", 10).get(0).delivery()).isEqualTo("delivered");

    workspace.monitors().run("quiet-monitor", null, null);
    assertThat(workspace.monitors().listAlerts("quiet-monitor", 10)).extracting(Alert::delivery).containsExactly("none");
    assertThat(engine.delivered).as("no webhooks, nothing to deliver").hasSize(1);
    assertThat(workspace.monitors().listAlerts(null, 10)).extracting(Alert::monitor)
        .containsExactly("quiet-monitor", "diabetes-prod-monitor");
  }

  /** A server killed while posting leaves the alert "pending"; the next server start posts it again. */
  @Test
  void anAlertWhoseDeliveryWasCutOffIsSentAgainOnceItHasStalled() throws InterruptedException {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of("http://127.0.0.1:9/hook")));
    workspace.monitors().create(spec("quiet-monitor", List.of()));
    engine.verdict = Verdict.ALERT;
    workspace.monitors().run("diabetes-prod-monitor", null, null);
    workspace.monitors().run("quiet-monitor", null, null);
    Alert cutOff = workspace.monitors().listAlerts("diabetes-prod-monitor", 10).get(0);
    assertThat(engine.delivered).containsExactly(cutOff);

    assertThat(workspace.monitors().redeliverStalledAlerts()).as("pending for less than the stall time: still in flight").isZero();
    Thread.sleep(5);
    assertThat(workspace.monitors().redeliverStalledAlerts(Duration.ZERO)).isEqualTo(1);
    assertThat(engine.delivered).containsExactly(cutOff, cutOff);

    engine.deliveries.get(1).accept(Alert.DELIVERED);
    assertThat(workspace.monitors().listAlerts("diabetes-prod-monitor", 10).get(0).delivery()).isEqualTo(Alert.DELIVERED);
    assertThat(workspace.monitors().redeliverStalledAlerts(Duration.ZERO)).as("delivered and 'none' alerts stay as they are")
        .isZero();
    assertThat(engine.delivered).hasSize(2);
  }

  @Test
  void aRunWhoseWindowEndsNowSaysWhichRowsDataCollectorsElsewhereMayStillHold() {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of()));
    long now = System.currentTimeMillis();

    MonitorRun recent = workspace.monitors().run("diabetes-prod-monitor", null, null);
    assertThat(recent.notes()).singleElement().asString().startsWith("data collectors write scored rows within 10 s"
        + " and none runs in this process: rows scored after ").contains(" may be missing from this run; a run after ")
        .endsWith(" includes them, as does a run on the workspace server, which first writes what its own collector"
            + " holds");
    assertThat(workspace.monitors().getRun("diabetes-prod-monitor", recent.id()).notes()).isEqualTo(recent.notes());

    MonitorRun past = workspace.monitors().run("diabetes-prod-monitor", now - 3_600_000, now - 60_000);
    assertThat(past.notes()).as("every row of a window that ended a minute ago has been written").isEmpty();
  }

  @Test
  void aRunWhoseWindowEndsNowFirstHasTheCollectorsOfThisProcessWriteWhatTheyHold() {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of()));
    List<Integer> evaluatedBeforeFlush = new ArrayList<>();
    List<CollectedDataFlush.Result> answers = new ArrayList<>(List.of(new CollectedDataFlush.Result(412, 0, true),
        new CollectedDataFlush.Result(0, 30, true), new CollectedDataFlush.Result(0, 0, false)));
    workspace.monitors().collectorsInThisProcess(timeout -> {
      evaluatedBeforeFlush.add(engine.windows.size());
      return answers.remove(0);
    });

    MonitorRun flushed = workspace.monitors().run("diabetes-prod-monitor", null, null);
    assertThat(evaluatedBeforeFlush).containsExactly(0);
    assertThat(flushed.notes()).hasSize(2).first().isEqualTo("this server's data collector wrote the 412 rows it held"
        + " before the run read the window");
    assertThat(flushed.notes().get(1)).startsWith("scoring replicas in other processes write their rows within 10 s:"
        + " rows they scored after ");

    assertThat(workspace.monitors().run("diabetes-prod-monitor", null, null).notes()).first().isEqualTo("this server's"
        + " data collector still holds 30 rows the artifact store did not take (it retries them): they are missing"
        + " from this run");
    assertThat(workspace.monitors().run("diabetes-prod-monitor", null, null).notes()).first().asString().startsWith(
        "this server's data collector did not finish writing the rows it holds within 5 s: rows it scored after ");

    long now = System.currentTimeMillis();
    assertThat(workspace.monitors().run("diabetes-prod-monitor", now - 3_600_000, now - 60_000).notes()).isEmpty();
    assertThat(evaluatedBeforeFlush).as("a window that ended a minute ago needs no flush").hasSize(3);
  }

  @Test
  void aRunWhoseReportFailsIsKeptAndSaysSo() {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of()));
    engine.reportFails = new IllegalStateException("no fonts");
    MonitorRun run = workspace.monitors().run("diabetes-prod-monitor", null, null);

    assertThat(run.notes()).endsWith("the HTML report could not be written: no fonts");
    assertThat(workspace.monitors().getRun("diabetes-prod-monitor", run.id()).verdict()).isEqualTo(Verdict.OK);
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().openReport("diabetes-prod-monitor", run.id()),
        "has no HTML report");
  }

  @Test
  void anEngineThatThrowsLeavesAFailedRunInTheHistory() {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of()));
    engine.evaluateFails = new IllegalStateException("baseline unreadable");
    MonitorRun run = workspace.monitors().run("diabetes-prod-monitor", 1000L, 2000L);

    assertThat(run.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(run.summary()).contains("baseline unreadable");
    assertThat(workspace.monitors().listRuns("diabetes-prod-monitor", 10)).extracting(MonitorRun::verdict)
        .containsExactly(Verdict.FAILED);
  }

  @Test
  void withoutAnEngineMonitorsAreManagedButRunsAreRefusedClearly() {
    LocalWorkspace plain = new LocalWorkspace(temp.toString(), metadata, artifacts, null, null);
    plain.monitors().create(spec("diabetes-prod-monitor", List.of()));
    fails(ErrorCode.INVALID_STATE, () -> plain.monitors().run("diabetes-prod-monitor", null, null),
        "this process has no monitoring engine", "monitor 'diabetes-prod-monitor'", "on the workspace server");
    assertThat(plain.monitors().listRuns("diabetes-prod-monitor", 10)).isEmpty();
  }

  @Test
  void deletingAMonitorDeletesItsRunsAlertsAndReports() {
    workspace.monitors().create(spec("diabetes-prod-monitor", List.of()));
    engine.verdict = Verdict.ALERT;
    MonitorRun run = workspace.monitors().run("diabetes-prod-monitor", null, null);

    workspace.monitors().delete("diabetes-prod-monitor");
    assertThat(workspace.monitors().list()).isEmpty();
    assertThat(workspace.monitors().listAlerts(null, 10)).isEmpty();
    assertThat(artifacts.exists("monitoring/diabetes-prod-monitor/" + run.id() + "/report.html")).isFalse();
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().delete("diabetes-prod-monitor"), "not found");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().listRuns("diabetes-prod-monitor", 10),
        "not found");
  }

  @Test
  void groundTruthIsCheckedEntryByEntryAndARepostReplaces() {
    assertThat(workspace.monitors().postGroundTruth("diabetes-prod", List.of(new GroundTruth("c-1", 0, "1"),
        new GroundTruth("c-1", 1, "0")))).isEqualTo(2);
    assertThat(workspace.monitors().postGroundTruth("diabetes-prod", List.of(new GroundTruth("c-1", 0, "0")))).isEqualTo(1);
    assertThat(workspace.monitors().listGroundTruth("diabetes-prod", 0)).containsExactly(new GroundTruth("c-1", 0, "0"),
        new GroundTruth("c-1", 1, "0"));

    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().postGroundTruth("diabetes-prod", List.of(
        new GroundTruth("c-2", 0, "1"), new GroundTruth("", 0, "1"))), "label 1: correlation_id");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().postGroundTruth("diabetes-prod", List.of(
        new GroundTruth("c-2", -1, "1"))), "label 0 (c-2): row must be >= 0");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().postGroundTruth("diabetes-prod", List.of(
        new GroundTruth("c-2", 0, "1"), new GroundTruth("c-3", 0, "1"), new GroundTruth("c-4", 0, " "))),
        "label 2 (c-4): label must be");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.monitors().postGroundTruth("diabetes-prod", List.of()),
        "no labels given");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> workspace.monitors().postGroundTruth("nowhere", List.of(
        new GroundTruth("c-2", 0, "1"))), "endpoint 'nowhere' not found");
    assertThat(workspace.monitors().listGroundTruth("diabetes-prod", 0)).as("refused posts store nothing").hasSize(2);
  }
}
