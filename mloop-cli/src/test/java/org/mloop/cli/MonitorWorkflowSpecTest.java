package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.app.WorkspaceServer;
import org.mloop.app.Workspaces;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.Conclusion;
import org.mloop.ci.runner.RunRecord;
import org.mloop.cli.quickstart.ProductionMonitoring;
import org.mloop.cli.quickstart.PushLoop;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.serving.host.HostOptions;

/**
 * Production monitored as the quickstart does it, then by the project's monitor.yml: after a push
 * reaches diabetes-prod, traffic scored over HTTP is collected; unshifted traffic drifts on no
 * feature, traffic with PlasmaGlucose shifted by one standard deviation drifts on PlasmaGlucose alone
 * and in its predictions, and posted labels give performance. A scheduled run of monitor.yml on the
 * local runner then sees the alert and starts train-deploy.yml, which retrains and promotes again.
 */
@Timeout(600)
class MonitorWorkflowSpecTest {
  static final int ROWS = 2000;

  @TempDir Path temp;

  @Test
  void driftOnPlasmaGlucoseIsReportedAloneAndTheScheduledWorkflowStartsRetraining() throws Exception {
    Path project = ProjectFiles.modelJob().getParent().getParent();
    try (WorkspaceServer server = WorkspaceServer.start(temp.resolve("ws"))) {
      PushLoop loop = new PushLoop(temp, server.url());
      loop.createRepository(project, project.resolve("model/target/diabetes-model.jar"), true);
      loop.registerData(temp.resolve("data"), 1000, 3000, 1000);
      RunRecord pushed = loop.awaitCompleted(loop.awaitRun(loop.commitAndPush("The model").sha()).number());
      assertThat(pushed.conclusion()).as(loop.hookLogs()).isEqualTo(Conclusion.SUCCESS);

      try (ProductionMonitoring monitoring = new ProductionMonitoring(Workspaces.open(server.url()), server.url(),
          PushLoop.PROD_ENDPOINT, ProductionMonitoring.MONITOR, ProductionMonitoring.BATCH_ROWS)) {
        ProductionMonitoring.Created created = monitoring.createOrReuse();
        assertThat(created.reused()).isFalse();
        assertThat(created.collectionTurnedOn()).as("promotions do not collect by default").isNotEmpty();
        long ready = System.currentTimeMillis() + 2 * HostOptions.DEFAULT_POLL.toMillis();

        ProductionMonitoring.Window plain = monitoring.send("unshifted", new DiabetesSynthesizer(4), ROWS, ready);
        ProductionMonitoring.Window shifted = monitoring.send("shifted",
            new DiabetesSynthesizer(5).shift("PlasmaGlucose", 1.0), ROWS, plain.to());
        assertThat(plain.labels()).hasSize(ROWS);
        assertThat(monitoring.awaitCollected(plain.from(), shifted.to(), 2L * ROWS)).isEqualTo(2L * ROWS);

        MonitorRun first = monitoring.run(plain);
        assertThat(first.rows()).isEqualTo(ROWS);
        assertThat(ProductionMonitoring.breached(first, Signal.DATA_DRIFT)).as("no drift").isEmpty();
        assertThat(signal(first, Signal.PREDICTION_DRIFT).alert()).isFalse();

        MonitorRun second = monitoring.run(shifted);
        assertThat(second.rows()).isEqualTo(ROWS);
        assertThat(ProductionMonitoring.breached(second, Signal.DATA_DRIFT)).containsExactly("PlasmaGlucose");
        // the predicted probabilities move with the shift (whether past the 0.1 threshold depends on the model)
        assertThat(metric(second, Signal.PREDICTION_DRIFT, "probability", "normalized_wasserstein"))
            .isGreaterThan(metric(first, Signal.PREDICTION_DRIFT, "probability", "normalized_wasserstein"));
        assertThat(ProductionMonitoring.describe(second, Signal.DATA_DRIFT)).contains("ALERT", "PlasmaGlucose");

        assertThat(monitoring.postLabels(List.of(plain, shifted))).isEqualTo(2 * ROWS);
        MonitorRun labeled = monitoring.run(shifted);
        assertThat(labeled.labeledRows()).isEqualTo(ROWS);
        assertThat(labeled.metrics().stream().filter(m -> m.signal() == Signal.MODEL_PERFORMANCE)
            .map(MetricResult::metric)).contains("accuracy", "precision", "recall", "auc");
        Path report = monitoring.report(labeled, temp.resolve("reports"));
        assertThat(Files.readString(report)).containsIgnoringCase("<html").contains("PlasmaGlucose");
      }

      // cron's part: `mloop ci run --event schedule` starts monitor.yml; the 24h window holds the drift
      Process cron = scheduled(loop);
      String cronOutput = new String(cron.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(cron.waitFor(5, TimeUnit.MINUTES)).as(cronOutput).isTrue();
      assertThat(cron.exitValue()).as(cronOutput).isZero();
      CiRuns runs = new CiRuns(loop.ciHome());
      RunRecord monitorRun = runs.list().stream().filter(r -> r.event() != null && "schedule".equals(r.event().name())).findFirst()
          .orElseThrow();
      assertThat(monitorRun.conclusion()).as(cronOutput).isEqualTo(Conclusion.SUCCESS);
      assertThat(runs.summary(monitorRun.number(), "monitor")).contains("**ALERT**", "PlasmaGlucose",
          "Retraining started: `train-deploy.yml`");

      RunRecord retraining = awaitDispatched(runs);
      RunRecord retrained = loop.awaitCompleted(retraining.number());
      assertThat(retrained.conclusion()).as(loop.hookLogs()).isEqualTo(Conclusion.SUCCESS);
      assertThat(loop.invokeProduction(loop.clone().resolve("model/sample-request.json")).version())
          .as("the retrained version serves production").isEqualTo(2);
    }
  }

  private static double metric(MonitorRun run, Signal signal, String feature, String name) {
    return run.metrics().stream().filter(m -> m.signal() == signal && m.feature().equals(feature)
        && m.metric().equals(name)).findFirst().orElseThrow().value();
  }

  private static SignalResult signal(MonitorRun run, Signal signal) {
    return run.signals().stream().filter(s -> s.signal() == signal).findFirst().orElseThrow();
  }

  /** What a cron line would run: the hook's mloop build, its JDK first on PATH, the settings of the hook. */
  private static Process scheduled(PushLoop loop) throws Exception {
    Path bin = loop.ciHome().resolve("bin");
    Path mloop = bin.resolve("mloop");
    String javaHome = System.getProperty("java.home");
    ProcessBuilder builder = new ProcessBuilder(mloop.toString(), "ci", "run", "--event", "schedule",
        "--repo", loop.bare().toString(), "--ci-home", loop.ciHome().toString())
        .directory(loop.bare().toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("MLOOP_"));
    env.put("JAVA_HOME", javaHome);
    env.put("PATH", bin + File.pathSeparator + Path.of(javaHome, "bin") + File.pathSeparator + env.get("PATH"));
    env.put("MLOOP_CLI", mloop.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  /** The train-deploy run the monitor workflow dispatched, once it exists. */
  private static RunRecord awaitDispatched(CiRuns runs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      Optional<RunRecord> run = runs.list().stream().filter(r -> r.event() != null && "workflow_dispatch".equals(r.event().name()))
          .max(Comparator.comparingInt(RunRecord::number));
      if (run.isPresent()) {
        return run.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("monitor.yml started no workflow_dispatch run within 60 s; runs: " + runs.list());
  }
}
