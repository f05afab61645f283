package org.mloop.cli.quickstart;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.app.WorkspaceServer;
import org.mloop.app.Workspaces;
import org.mloop.ci.runner.Conclusion;
import org.mloop.ci.runner.JobRecord;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.RunStatus;
import org.mloop.cli.Printer;
import org.mloop.core.MloopException;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.files.FileTrees;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Signal;

/**
 * The quickstart's whole loop, visibly: a workspace server, a bare repository with the push hook, a
 * clone, the data, then two pushes of model/ (the second with a new regularization rate) that each
 * go through the project's train-deploy workflow to the production endpoint, then monitoring of that
 * endpoint on synthetic traffic (no drift, then drift, then performance from posted labels). One
 * line per stage, with its duration.
 */
final class PushLoopQuickstart {
  static final String MARKER = ".mloop-quickstart";

  /** {@code workspace}: a folder or server URL; null for the quickstart's own, {@code DIR/workspace}. */
  record Options(String workspace, Path project, Path dir, boolean autoApprove, String secondRegRate,
      int devRows, int prodRows, int holdoutRows, int monitorRows) {}

  /** One push's figures: the version that reached production and how long it took from the push. */
  record Outcome(int run, int version, String deployment, long pushToProductionMs, String predictions) {}

  private final Options options;
  private final Printer printer;
  /** Progress: stdout, or stderr when stdout carries the JSON summary (--output json). */
  private final PrintWriter out;
  private long stageStart;
  private int stage;

  PushLoopQuickstart(Options options, Printer printer) {
    this.options = options;
    this.printer = printer;
    this.out = printer.progress();
  }

  int run() throws IOException {
    Path jar = options.project().resolve("model/target/diabetes-model.jar");
    if (!Files.isRegularFile(jar)) {
      throw MloopException.invalid(jar + " not found: build the project first (./mloop builds it), or use --no-ci");
    }
    Path dir = fresh(options.dir());
    // Unless a workspace is named, the quickstart's own, inside its folder: every quickstart starts from
    // nothing (an earlier run's better production model would otherwise stop this run's pushes at the gate).
    String workspace = options.workspace() != null ? options.workspace() : dir.resolve("workspace").toString();
    long start = System.nanoTime();
    begin();
    WorkspaceServer server = null;
    String url;
    EnvironmentTokens tokens = null;
    if (Workspaces.isRemote(workspace)) {
      url = workspace;
      done("Workspace server: using " + url + " (with $MLOOP_TOKEN for every environment)");
    } else {
      // Tokens required, so what each environment's token may do is all it can do.
      server = WorkspaceServer.Options.builder(Path.of(workspace)).requireTokens(true).start();
      url = server.url();
      tokens = EnvironmentTokens.create(server.tokens());
      done("Workspace server: " + Path.of(workspace).toAbsolutePath().normalize() + " served at " + url
          + ", tokens required; one token per GitHub environment: " + EnvironmentTokens.describe());
    }
    try {
      PushLoop loop = new PushLoop(dir, url, tokens);
      begin();
      loop.createRepository(options.project(), jar, options.autoApprove());
      done("Git: bare repository " + loop.bare() + " with the push hook (settings: "
          + loop.ciHome().resolve("settings.yml") + "), clone " + loop.clone() + " with .github/ and model/");
      begin();
      loop.registerData(dir.resolve("data"), options.devRows(), options.prodRows(), options.holdoutRows());
      done("Data: diabetes-dev-folder (" + options.devRows() + " rows), diabetes-prod-folder (" + options.prodRows()
          + "), diabetes-holdout-folder (" + options.holdoutRows() + "), synthetic, registered on the server");

      Outcome first = push(loop, "The diabetes model and its workflows", null);
      Outcome second = push(loop, "Retrain with reg_rate " + options.secondRegRate(), options.secondRegRate());
      Monitored monitored = monitor(loop, dir);
      out.println();
      out.println("diabetes-prod answered model/sample-request.json with diabetes:" + second.version()
          + " (deployment " + second.deployment() + "): " + second.predictions().replaceAll("\\s+", " "));
      out.println(String.format(Locale.ROOT, "Push to production: %.1f s (first push), %.1f s (second push)%s;"
          + " whole quickstart %.1f s.", first.pushToProductionMs() / 1000.0, second.pushToProductionMs() / 1000.0,
          options.autoApprove() ? " with automatic approval" : ", approval included", seconds(start)));
      // the server stops with the quickstart; a folder workspace is read directly afterwards
      String next = server == null ? url : workspace;
      out.println("Next: `mloop ci list --repo " + loop.bare() + "`, `mloop ci logs " + second.run() + " --repo "
          + loop.bare() + "`, `mloop endpoint show --name diabetes-prod --workspace " + next + "`, `mloop monitor"
          + " history --name " + ProductionMonitoring.MONITOR + " --workspace " + next + "`.");
      out.println("mloop studio, the web UI: " + (server == null ? url + "/" : "`mloop server --workspace " + workspace
          + "`, then open http://127.0.0.1:5050/") + " (sign in with a token when the server requires one).");
      if (printer.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workspace", url);
        json.put("repository", loop.bare().toString());
        json.put("pushes", List.of(first, second));
        json.put("monitoring", monitored);
        printer.json(json);
      }
      return 0;
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** The monitoring stage's figures: the runs' ids and verdicts and where the HTML report is. */
  record Monitored(String monitor, List<Long> runs, List<String> verdicts, List<String> driftingFeatures,
      String report, long stageMs) {}

  /**
   * After the second push: a monitor on diabetes-prod, a window of unshifted traffic (no drift), a
   * window with PlasmaGlucose shifted by one standard deviation (drift on it alone; prediction
   * drift judged too), then the windows' true labels posted (performance). Nothing is waited for: the
   * server's monitor runs have its data collector write what it holds before they read.
   */
  private Monitored monitor(PushLoop loop, Path dir) throws IOException {
    long stageStart = System.nanoTime();
    int rows = options.monitorRows();
    try (ProductionMonitoring monitoring = new ProductionMonitoring(loop.workspace(), loop.url(),
        PushLoop.PROD_ENDPOINT, ProductionMonitoring.MONITOR, ProductionMonitoring.BATCH_ROWS)) {
      begin();
      ProductionMonitoring.Created created = monitoring.createOrReuse();
      done("Monitor " + ProductionMonitoring.MONITOR + (created.reused() ? " (kept from an earlier quickstart)" : "")
          + " on " + PushLoop.PROD_ENDPOINT + " (baseline: "
          + (created.monitor().spec().baseline() == null ? "the served model's training data"
          : created.monitor().spec().baseline()) + "; every signal, default thresholds)"
          + (created.collectionTurnedOn().isEmpty() ? ""
          : "; data collection turned on for " + String.join(", ", created.collectionTurnedOn())));
      // Collection turned on through the server is served by its next answer (the server's host re-reads
      // the endpoint before it answers a change), so the traffic can start at once.
      begin();
      ProductionMonitoring.Window plain = monitoring.send("unshifted", new DiabetesSynthesizer(4), rows, 0);
      ProductionMonitoring.Window shifted = monitoring.send("PlasmaGlucose +1 sd",
          new DiabetesSynthesizer(5).shift("PlasmaGlucose", 1.0), rows, plain.to());
      done("Traffic: " + rows + " synthetic patients scored on " + PushLoop.PROD_ENDPOINT + " over HTTP in batches of "
          + ProductionMonitoring.BATCH_ROWS + " (unshifted), then " + rows + " with PlasmaGlucose +1 sd"
          + " (mloop data synth diabetes --shift PlasmaGlucose=+1sd); correlation ids and true labels kept");

      // A monitor run on the server has its scoring host's collector write what it holds first: no wait here.
      begin();
      MonitorRun first = monitoring.run(plain);
      ProductionMonitoring.checkCollected(first, rows);
      done("mloop monitor run --from/--to (unshifted window): " + ProductionMonitoring.describe(first,
          Signal.DATA_DRIFT));
      begin();
      MonitorRun second = monitoring.run(shifted);
      ProductionMonitoring.checkCollected(second, rows);
      List<String> drifting = ProductionMonitoring.breached(second, Signal.DATA_DRIFT);
      done("mloop monitor run --from/--to (shifted window): " + ProductionMonitoring.describe(second,
          Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT));
      begin();
      int posted = monitoring.postLabels(List.of(plain, shifted));
      MonitorRun labeled = monitoring.run(shifted);
      Path report = monitoring.report(labeled, dir.resolve("monitoring"));
      done("Labels: " + posted + " true labels posted by correlation id; run again on the shifted window: "
          + ProductionMonitoring.describe(labeled, Signal.MODEL_PERFORMANCE));
      out.println("       HTML report: " + report);
      return new Monitored(ProductionMonitoring.MONITOR, List.of(first.id(), second.id(), labeled.id()),
          List.of(first.verdict().name(), second.verdict().name(), labeled.verdict().name()), drifting,
          report.toString(), (System.nanoTime() - stageStart) / 1_000_000);
    }
  }

  /** Pushes what changed in model/ (a new reg_rate when given) and follows it to production. */
  private Outcome push(PushLoop loop, String message, String regRate) throws IOException {
    begin();
    if (regRate != null) {
      loop.setRegRate(regRate);
    }
    PushLoop.Pushed pushed = loop.commitAndPush(message);
    long pushedAt = System.nanoTime();
    long pushedAtMillis = System.currentTimeMillis();
    RunRecord run = loop.awaitRun(pushed.sha());
    done("git push " + pushed.sha().substring(0, 7) + " (" + message + "): the hook started CI run "
        + run.number() + " (train-deploy.yml)");
    begin();
    RunRecord waiting = loop.awaitWaitingOrDone(run.number(), "production");
    if (waiting.status() == RunStatus.COMPLETED && waiting.conclusion() != Conclusion.SUCCESS) {
      throw failed(loop, waiting);
    }
    String version = waiting.job("production").outputs().getOrDefault("model_version", "?");
    if (options.autoApprove()) {
      done("Run " + run.number() + ": trained on dev and prod data, registered diabetes:" + version
          + ", staged, passed the gate; production approved automatically");
    } else {
      done("Run " + run.number() + ": trained on dev and prod data, registered diabetes:" + version
          + ", staged on diabetes-staging, passed the champion gate; waiting for approval of production");
      begin();
      PushLoop.Captured approved = loop.approve(run.number(), "production");
      if (approved.code() != 0) {
        throw new IllegalStateException("mloop ci approve failed:\n" + approved.text());
      }
      done("mloop ci approve " + run.number() + " --environment production");
    }
    begin();
    RunRecord finished = loop.awaitCompleted(run.number());
    if (finished.conclusion() != Conclusion.SUCCESS) {
      throw failed(loop, finished);
    }
    long pushToProduction = (System.nanoTime() - pushedAt) / 1_000_000;
    PushLoop.Served served = loop.invokeProduction(loop.clone().resolve("model/sample-request.json"));
    done("Production: diabetes-prod serves diabetes:" + served.version() + " (blue/green deployment "
        + served.deployment() + "), diabetes@production = " + served.version() + "; run " + run.number() + " "
        + finished.conclusion());
    out.println(String.format(Locale.ROOT, "       push to production %.1f s: ", pushToProduction / 1000.0)
        + PushShares.line(PushShares.of(finished, pushedAtMillis, pushToProduction), pushToProduction));
    return new Outcome(run.number(), served.version(), served.deployment(), pushToProduction, served.body());
  }

  private static IllegalStateException failed(PushLoop loop, RunRecord run) {
    StringBuilder why = new StringBuilder("CI run " + run.number() + " ended " + run.conclusion());
    if (run.error() != null) {
      why.append(": ").append(run.error());
    }
    for (JobRecord job : run.jobs().values()) {
      why.append(System.lineSeparator()).append("  job ").append(job.id()).append(": ").append(job.conclusion());
    }
    why.append(System.lineSeparator()).append("(mloop ci logs ").append(run.number()).append(" --repo ")
        .append(loop.bare()).append(")");
    return new IllegalStateException(why.toString());
  }

  /** The quickstart's folder, emptied when an earlier quickstart made it; refused when it holds anything else. */
  private static Path fresh(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      if (!Files.exists(abs.resolve(MARKER))) {
        try (var entries = Files.list(abs)) {
          if (entries.findAny().isPresent()) {
            throw MloopException.invalid(abs + " exists and was not made by mloop quickstart: give another --dir");
          }
        }
      }
      FileTrees.deleteTree(abs);
    }
    Files.createDirectories(abs);
    Files.writeString(abs.resolve(MARKER), "made by mloop quickstart; deleted by the next one\n");
    return abs;
  }

  private void begin() {
    stageStart = System.nanoTime();
  }

  private void done(String line) {
    stage++;
    out.println(String.format(Locale.ROOT, "[%2d] %-6s %s", stage, String.format(Locale.ROOT, "%.1fs",
        seconds(stageStart)), line));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
