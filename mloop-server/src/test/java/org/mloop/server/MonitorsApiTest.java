package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorEngine;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.runtime.testing.ModelFolders;
import org.mloop.core.workspace.Workspace;

/**
 * Monitors over HTTP: RemoteWorkspace against a live server does what the embedded workspace does
 * (same transcript, errors included), and the routes' own rules (HTML reports, label bodies). The
 * engine is a small deterministic implementation of the {@link MonitorEngine} port; the real one
 * (mloop-monitor) is tested in its module.
 */
class MonitorsApiTest {
  @TempDir Path dir;

  /** Drift when the window starts at or after 5000; delivers alerts at once. */
  static final class TestEngine implements MonitorEngine {
    final List<long[]> windows = new ArrayList<>();

    @Override
    public MonitorRun evaluate(Workspace workspace, Monitor monitor, long from, long to) {
      windows.add(new long[] {from, to});
      boolean drift = from >= 5000;
      return new MonitorRun(0, monitor.name(), monitor.spec().endpoint(), 11L, 12L, from, to,
          "mloop:diabetes-prod-folder:1", 1000, List.of("diabetes:1"), 500, 7, drift ? Verdict.ALERT : Verdict.OK,
          drift ? "1 of 1 features drift: BMI" : "no drift",
          List.of(new SignalResult(Signal.DATA_DRIFT, drift, drift ? List.of("BMI") : List.of(), "drift summary")),
          List.of(MetricResult.judged(Signal.DATA_DRIFT, "BMI", "normalized_wasserstein", drift ? 0.4 : 0.02, 0.1,
                  Comparison.AT_LEAST),
              MetricResult.reported(Signal.DATA_DRIFT, "BMI", "psi", Double.POSITIVE_INFINITY)),
          List.of(new Histogram(Signal.DATA_DRIFT, "BMI", List.of("low", "high"), List.of(10.0, 25.0, 60.0),
              List.of(60L, 40L), List.of(drift ? 10L : 55L, drift ? 90L : 45L))),
          List.of("test engine"));
    }

    @Override
    public byte[] report(Monitor monitor, MonitorRun run) {
      return ("<!doctype html><title>" + monitor.name() + "</title><p>run " + run.id() + ": " + run.summary())
          .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void deliver(Monitor monitor, Alert alert, MonitorRun run, Consumer<String> delivered) {
      delivered.accept("delivered");
    }
  }

  private void prepare(TestWorkspace ws) throws IOException {
    // a model in a flavor mloop serves, as deployments of others are refused; the test engine does not score it
    Path folder = ModelFolders.write(dir.resolve("model-" + ws.dir.getFileName()),
        ModelFolders.logistic(ModelFolders.patients(1, 100)), ModelFolders.patients(10, 2));
    ws.workspace.registry().register(ModelRegistration.fromFolder("diabetes", folder, null, null));
    ws.workspace.endpoints().create("diabetes-prod", null, null);
    ws.workspace.endpoints().createDeployment(new DeploymentSpec("diabetes-prod", "blue", "diabetes:1", 1,
        DataCollection.OFF, null));
    Path data = dir.resolve("baseline-" + ws.dir.getFileName() + ".csv");
    Files.writeString(data, "BMI,Diabetic\n30,0\n");
    ws.workspace.data().create("diabetes-prod-folder", data, null, Map.of());
  }

  private static final MonitorSpec SPEC = new MonitorSpec("diabetes-prod-monitor", "diabetes-prod",
      "mloop:diabetes-prod-folder@latest", List.of(Signal.DATA_DRIFT, Signal.MODEL_PERFORMANCE),
      new Thresholds(Map.of(Thresholds.WASSERSTEIN, 0.1), Map.of("BMI", Map.of(Thresholds.WASSERSTEIN, 0.2))),
      Duration.ofHours(1), Duration.ofHours(6), List.of("http://127.0.0.1:9/hook"));

  @Test
  void theRemoteWorkspaceMonitorsAsTheEmbeddedOneDoes() throws IOException {
    List<String> local;
    try (TestWorkspace ws = TestWorkspace.local(dir.resolve("local"), new TestEngine())) {
      prepare(ws);
      local = scenario(ws.workspace);
    }
    List<String> remote;
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("remote"), new TestEngine())) {
      prepare(ws);
      remote = scenario(new RemoteWorkspace(ws.url(), null));
      assertThat(ws.workspace.endpoints().getDeployment("diabetes-prod", "blue").dataCollection())
          .as("the server's workspace turned collection on").isEqualTo(DataCollection.ALL);
    }
    assertThat(remote).containsExactlyElementsOf(local);
    assertThat(local).contains("created diabetes-prod-monitor, collection turned on for [blue]",
        "spec kept whole: true", "run 2 ALERT 1 of 1 features drift: BMI, notes [test engine]",
        "stored run 2 is the returned run: true", "report: <!doctype html><title>diabetes-prod-monitor</title><p>run 2: "
            + "1 of 1 features drift: BMI",
        "alerts: [run 2 [data_drift] delivered]", "labels stored 3 then 1",
        "labels [c-1/0=0, c-1/1=1, c-2/0=1]");
    assertThat(local).anyMatch(l -> l.startsWith("create again: RESOURCE_ALREADY_EXISTS monitor 'diabetes-prod-monitor'"));
    assertThat(local).anyMatch(l -> l.startsWith("bad label: INVALID_PARAMETER_VALUE label 1 (c-3): row must be >= 0"));
    assertThat(local).anyMatch(l -> l.startsWith("empty window: INVALID_PARAMETER_VALUE"));
    assertThat(local).anyMatch(l -> l.startsWith("after delete: RESOURCE_DOES_NOT_EXIST monitor 'diabetes-prod-monitor'"));
  }

  private static List<String> scenario(Workspace w) {
    List<String> out = new ArrayList<>();
    MonitorCreation created = w.monitors().create(SPEC);
    out.add("created " + created.monitor().name() + ", collection turned on for " + created.collectionTurnedOn());
    attempt(out, "create again", () -> w.monitors().create(SPEC));
    attempt(out, "bad webhook", () -> w.monitors().create(new MonitorSpec("other-monitor", "diabetes-prod", null,
        List.of(Signal.DATA_DRIFT), null, null, null, List.of("file:///etc/passwd"))));
    out.add("spec kept whole: " + w.monitors().get("diabetes-prod-monitor").spec().equals(SPEC));
    out.add("monitors " + w.monitors().list().stream().map(Monitor::name).toList());

    MonitorRun ok = w.monitors().run("diabetes-prod-monitor", 1000L, 5000L);
    MonitorRun alert = w.monitors().run("diabetes-prod-monitor", 5000L, 9000L);
    for (MonitorRun r : List.of(ok, alert)) {
      out.add("run " + r.id() + " " + r.verdict() + " " + r.summary() + ", notes " + r.notes());
    }
    MonitorRun stored = w.monitors().getRun("diabetes-prod-monitor", alert.id());
    out.add("stored run " + stored.id() + " is the returned run: " + stored.equals(alert));
    out.add("psi is " + stored.metrics().get(1).value() + ", its threshold " + stored.metrics().get(1).threshold());
    out.add("histograms " + stored.histograms());
    out.add("history " + w.monitors().listRuns("diabetes-prod-monitor", 10).stream()
        .map(r -> r.id() + ":" + r.verdict() + ":" + r.histograms().size()).toList());
    out.add("history limit 1 " + w.monitors().listRuns("diabetes-prod-monitor", 1).stream().map(MonitorRun::id).toList());
    try (InputStream report = w.monitors().openReport("diabetes-prod-monitor", alert.id())) {
      out.add("report: " + new String(report.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.add("alerts: " + w.monitors().listAlerts("diabetes-prod-monitor", 10).stream()
        .map(a -> "run " + a.runId() + " " + a.signals() + " " + a.delivery()).toList());
    out.add("all alerts: " + w.monitors().listAlerts(null, 10).stream().map(Alert::monitor).toList());
    attempt(out, "empty window", () -> w.monitors().run("diabetes-prod-monitor", 9000L, 9000L));
    attempt(out, "missing run", () -> w.monitors().getRun("diabetes-prod-monitor", 99));
    attempt(out, "missing report", () -> w.monitors().openReport("diabetes-prod-monitor", 99));
    attempt(out, "missing monitor", () -> w.monitors().listRuns("nope-monitor", 10));

    int first = w.monitors().postGroundTruth("diabetes-prod", List.of(new GroundTruth("c-1", 0, "1"),
        new GroundTruth("c-1", 1, "1"), new GroundTruth("c-2", 0, "1")));
    int second = w.monitors().postGroundTruth("diabetes-prod", List.of(new GroundTruth("c-1", 0, "0")));
    out.add("labels stored " + first + " then " + second);
    attempt(out, "bad label", () -> w.monitors().postGroundTruth("diabetes-prod", List.of(new GroundTruth("c-3", 0, "1"),
        new GroundTruth("c-3", -1, "1"))));
    attempt(out, "labels of a missing endpoint", () -> w.monitors().postGroundTruth("nowhere", List.of(
        new GroundTruth("c-3", 0, "1"))));
    out.add("labels " + w.monitors().listGroundTruth("diabetes-prod", 0).stream()
        .map(g -> g.correlationId() + "/" + g.row() + "=" + g.label()).toList());

    w.monitors().delete("diabetes-prod-monitor");
    attempt(out, "after delete", () -> w.monitors().get("diabetes-prod-monitor"));
    out.add("alerts after delete " + w.monitors().listAlerts(null, 10).size());
    return out;
  }

  private static void attempt(List<String> out, String what, Runnable call) {
    try {
      call.run();
      out.add(what + ": ok");
    } catch (MloopException e) {
      out.add(what + ": " + e.code() + " " + e.getMessage());
    }
  }

  @Test
  void theRoutesServeTheReportAsHtmlAndTakeLabelsAsTheySayTheyDo() throws IOException {
    TestEngine engine = new TestEngine();
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"), engine)) {
      prepare(ws);
      HttpCalls http = ws.http();
      HttpCalls.Reply created = http.post("/api/v1/monitors", "{\"name\": \"diabetes-prod-monitor\", "
          + "\"endpoint\": \"diabetes-prod\", \"signals\": [\"data_drift\"], \"window\": \"2h\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      assertThat(created.json().path("collection_turned_on").toString()).isEqualTo("[\"blue\"]");
      assertThat(created.json().path("monitor").path("spec").path("window").asText()).isEqualTo("2h");

      long before = System.currentTimeMillis();
      HttpCalls.Reply run = http.post("/api/v1/monitors/diabetes-prod-monitor/runs", "");
      assertThat(run.status()).as(run.body()).isEqualTo(200);
      long[] window = engine.windows.get(0);
      assertThat(window[1]).as("no body: the window ends now").isBetween(before, System.currentTimeMillis());
      assertThat(window[1] - window[0]).isEqualTo(Duration.ofHours(2).toMillis());
      long id = run.json().path("id").asLong();

      HttpCalls.Reply report = http.get("/api/v1/monitors/diabetes-prod-monitor/runs/" + id + "/report");
      assertThat(report.status()).isEqualTo(200);
      assertThat(report.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
      assertThat(report.headers().firstValue("content-security-policy").orElseThrow()).contains("sandbox");
      assertThat(report.body()).startsWith("<!doctype html>");
      assertThat(http.get("/api/v1/monitors/diabetes-prod-monitor/runs/abc").errorCode())
          .isEqualTo("RESOURCE_DOES_NOT_EXIST");

      HttpCalls.Reply bare = http.post("/api/v1/endpoints/diabetes-prod/labels",
          "[{\"correlation_id\": \"c-1\", \"row\": 0, \"label\": 1}, {\"correlation_id\": \"c-2\", \"label\": \"0\"}]");
      assertThat(bare.status()).as(bare.body()).isEqualTo(200);
      assertThat(bare.json().path("stored").asInt()).isEqualTo(2);
      assertThat(http.get("/api/v1/endpoints/diabetes-prod/labels").json().path("labels").toString())
          .isEqualTo("[{\"correlation_id\":\"c-1\",\"row\":0,\"label\":\"1\"},"
              + "{\"correlation_id\":\"c-2\",\"row\":0,\"label\":\"0\"}]");
      HttpCalls.Reply wrongShape = http.post("/api/v1/endpoints/diabetes-prod/labels", "{\"rows\": []}");
      assertThat(wrongShape.status()).isEqualTo(400);
      assertThat(wrongShape.message()).contains("{\"labels\": [...]}");

      String huge = "[" + "{\"correlation_id\": \"x\", \"row\": 0, \"label\": \"1\"},".repeat(400_000) + "]";
      HttpCalls.Reply tooBig = http.post("/api/v1/endpoints/diabetes-prod/labels", huge);
      assertThat(tooBig.status()).isEqualTo(413);
      assertThat(tooBig.message()).contains("labels body is over 16 MiB", "batches");
      assertThat(ws.workspace.monitors().listGroundTruth("diabetes-prod", 0)).hasSize(2);

      assertThat(http.get("/api/v1/monitors/diabetes-prod-monitor/runs?limit=0").message()).contains("limit");
      assertThat(http.get("/api/v1/alerts?limit=5").json().path("alerts").isArray()).isTrue();
      HttpCalls.Reply badSpec = http.post("/api/v1/monitors", "{\"name\": \"m-2-monitor\", \"endpoint\": "
          + "\"diabetes-prod\", \"signals\": [\"drift\"]}");
      assertThat(badSpec.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
      assertThat(badSpec.message()).contains("unknown monitoring signal 'drift'", "data_drift");
    }
  }
}
