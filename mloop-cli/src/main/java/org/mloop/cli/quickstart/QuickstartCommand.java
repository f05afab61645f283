package org.mloop.cli.quickstart;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.cli.endpoints.RolloutRuns;
import org.mloop.cli.jobs.JobFollower;
import org.mloop.cli.jobs.JobSubmissions;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.files.FileTrees;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.registry.GateReport;
import org.mloop.core.registry.GateRequest;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.rollout.RolloutRequest;
import org.mloop.core.rollout.RolloutResult;
import org.mloop.core.tracking.Run;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole loop, by default through git and CI ({@link PushLoopQuickstart}): a workspace server, a
 * bare repository with the push hook, a clone, the data, and two pushes of model/ that go through the
 * project's train-deploy workflow to the production endpoint, then the production endpoint monitored
 * ({@link ProductionMonitoring}). With --no-ci, the in-process path
 * without git or workflows, on the embedded default: a workspace, synthetic dev and prod
 * data registered as data assets, the diabetes training job run on each as tracked jobs, and the
 * prod model registered, judged by the champion gate on held-out data and promoted to @staging,
 * then deployed to the online endpoint diabetes-staging and asked about the sample patients.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {"Run the loop end to end on synthetic data, as a team would: a workspace server (a new workspace"
        + " DIR/workspace, unless one is named, served on a free loopback port), a bare git repository with the push hook (`mloop ci install-hook`),"
        + " a clone with the project's .github/ and model/, the data assets, then `git push`: the train-deploy"
        + " workflow trains, registers, stages, gates, waits for production's approval (given by the quickstart with"
        + " `mloop ci approve`) and rolls out to diabetes-prod, which answers model/sample-request.json. A second push"
        + " with a new reg_rate takes the same path. Then monitoring: the monitor diabetes-prod-monitor, a window of"
        + " synthetic traffic scored on diabetes-prod (no drift), a window with PlasmaGlucose shifted by one standard"
        + " deviation (drift on it alone; prediction drift judged too), the true labels posted (accuracy, precision, recall,"
        + " AUC) and the HTML report. One line per stage, with its duration.",
        "--no-ci: the in-process path without git or workflows (train, register, gate, deploy to diabetes-staging)."},
    footer = {"", "Examples:", "  ./mloop quickstart", "  ./mloop quickstart --auto-approve --dir /tmp/qs",
        "  ./mloop quickstart --no-ci"})
public final class QuickstartCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Spec CommandSpec spec;

  @Option(names = "--job-file", description = "The training job (default: model/job.yml of this project).")
  Path jobFile;

  @Option(names = "--sample-request", paramLabel = "FILE",
      description = "The request scored on the staging endpoint (default: model/sample-request.json of this project).")
  Path sampleRequestFile;

  @Option(names = "--dev-rows", defaultValue = "5000", description = "Rows of dev data (default: ${DEFAULT-VALUE}).")
  int devRows;

  @Option(names = "--prod-rows", defaultValue = "10000", description = "Rows of prod data (default: ${DEFAULT-VALUE}).")
  int prodRows;

  @Option(names = "--holdout-rows", defaultValue = "3000",
      description = "Rows of held-out data for the champion gate (default: ${DEFAULT-VALUE}).")
  int holdoutRows;

  @Option(names = "--monitor-rows", defaultValue = "5000",
      description = "Rows of each window of production traffic the monitoring stage sends (default: ${DEFAULT-VALUE}).")
  int monitorRows;

  @Option(names = "--no-ci", description = "The in-process path: no server, git or workflows.")
  boolean noCi;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "mloop-quickstart",
      description = "Where the workspace (unless --workspace or $MLOOP_WORKSPACE names one), the bare"
          + " repository, its CI runs and the clone go; emptied first when an earlier quickstart made it"
          + " (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--auto-approve", description = "Approve production automatically (the benchmark's settings).")
  boolean autoApprove;

  @Option(names = "--reg-rate", paramLabel = "RATE", defaultValue = "0.1",
      description = "The regularization rate of the second push (default: ${DEFAULT-VALUE}).")
  String secondRegRate;

  private static final String MODEL = "diabetes";
  private static final String CHAMPION = MODEL + "@production";
  private static final String STAGING_MONITOR = "diabetes-staging-monitor";
  static final String STAGING_ENDPOINT = "diabetes-staging";
  /** In this process every request starts a scoring host: fewer, bigger requests keep the stage quick. */
  private static final int IN_PROCESS_BATCH_ROWS = 1000;

  @Override
  public Integer call() throws IOException {
    if (!noCi) {
      if (jobFile != null || sampleRequestFile != null) {
        throw MloopException.invalid("--job-file and --sample-request are for --no-ci: the full loop pushes the"
            + " project's model/ folder");
      }
      PushLoopQuickstart.Options options = new PushLoopQuickstart.Options(
          workspace.named() ? workspace.location() : null, projectDirectory(),
          dir, autoApprove, secondRegRate, devRows, prodRows, holdoutRows, monitorRows);
      return new PushLoopQuickstart(options, Printer.of(spec, workspace.json())).run();
    }
    return inProcess();
  }

  private int inProcess() throws IOException {
    Path job = jobFile != null ? jobFile : projectDirectory().resolve("model/job.yml");
    if (!Files.isRegularFile(job)) {
      throw MloopException.invalid("job file " + job + " not found: run the quickstart from the project folder,"
          + " or pass --job-file");
    }
    Path sampleRequest = sampleRequestFile != null ? sampleRequestFile
        : projectDirectory().resolve("model/sample-request.json");
    if (!Files.isRegularFile(sampleRequest)) {
      throw MloopException.invalid("sample request " + sampleRequest + " not found: run the quickstart from the"
          + " project folder, or pass --sample-request");
    }
    // With --output json, stdout carries only the JSON summary; progress goes to stderr.
    Printer out = Printer.of(spec, workspace.json());
    PrintWriter progress = out.progress();
    Path data = Files.createTempDirectory("mloop-quickstart-");
    try (Workspace ws = workspace.open()) {
      progress.println("== 1. Workspace: " + ws.location());

      progress.println("== 2. Data: synthetic diabetes patients, registered as versioned data assets");
      new DiabetesSynthesizer(1).write(data.resolve("dev/diabetes.csv"), devRows);
      new DiabetesSynthesizer(2).write(data.resolve("prod/diabetes.csv"), prodRows);
      DataAsset dev = ws.data().create("diabetes-dev-folder", data.resolve("dev"),
          "Synthetic diabetes data for development (" + devRows + " rows)", Map.of("source", "mloop data synth"));
      DataAsset prod = ws.data().create("diabetes-prod-folder", data.resolve("prod"),
          "Synthetic diabetes data for production training (" + prodRows + " rows)", Map.of("source", "mloop data synth"));
      progress.println("   " + dev.ref() + " (" + devRows + " rows), " + prod.ref() + " (" + prodRows + " rows)");

      progress.println("== 3. Inner loop: train on dev, then on prod (" + job + ")");
      List<Job> jobs = new ArrayList<>();
      for (DataAsset asset : List.of(dev, prod)) {
        Job submitted = ws.jobs().create(JobSubmissions.fromFile(job, null,
            List.of("inputs.training_data=mloop:" + asset.name() + "@latest")));
        progress.println("-- job " + submitted.name() + " on " + asset.ref());
        jobs.add(new JobFollower(ws, progress).follow(submitted.name()));
      }

      progress.println("== Runs");
      List<Map<String, Object>> summary = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        Job j = jobs.get(i);
        Run run = ws.tracking().getRun(j.runId()).orElseThrow();
        String asset = i == 0 ? dev.ref() : prod.ref();
        Double accuracy = run.data().metric("Accuracy");
        Double auc = run.data().metric("AUC");
        rows.add(List.of(j.name(), asset, j.status().name(), j.runId(), format(accuracy), format(auc)));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job", j.name());
        s.put("data", asset);
        s.put("status", j.status());
        s.put("run_id", j.runId());
        s.put("Accuracy", accuracy);
        s.put("AUC", auc);
        summary.add(s);
      }
      if (!out.json()) {
        out.table(List.of("JOB", "DATA", "STATUS", "RUN", "ACCURACY", "AUC"), rows);
      }
      if (!jobs.stream().allMatch(j -> j.status() == JobStatus.Completed)) {
        if (out.json()) {
          out.json(Map.of("runs", summary));
        }
        return 1;
      }

      progress.println("== 4. Continuous integration: register the prod model, champion gate against "
          + CHAMPION + ", promote to @staging");
      new DiabetesSynthesizer(3).write(data.resolve("holdout/diabetes.csv"), holdoutRows);
      DataAsset holdout = ws.data().create("diabetes-holdout-folder", data.resolve("holdout"),
          "Held-out synthetic diabetes data for the champion gate (" + holdoutRows + " rows)",
          Map.of("source", "mloop data synth"));
      Job prodJob = jobs.get(jobs.size() - 1);
      String algorithm = ws.tracking().getRun(prodJob.runId()).map(r -> r.data().param("model")).orElse(null);
      ModelVersion candidate = ws.registry().register(ModelRegistration.fromJob(MODEL, prodJob.name(), "model_output",
          (algorithm == null ? "Model" : algorithm) + " trained on " + prod.ref() + " by job " + prodJob.name(),
          Map.of()));
      progress.println("   registered " + candidate.ref() + " from job " + prodJob.name());
      GateReport gate = ws.registry().gate(GateRequest.builder(ModelRef.ofVersion(MODEL, candidate.version()))
          .champion(ModelRef.parse(CHAMPION)).data(AssetRef.parse(holdout.ref())).build());
      progress.println("   gate on " + holdout.ref() + ": " + gate.verdict().message());
      if (gate.verdict().passed()) {
        ws.registry().setAlias(MODEL, "staging", candidate.version(), "mloop quickstart", gate.verdict().message());
        progress.println("   " + MODEL + "@staging -> " + candidate.ref());
      } else {
        progress.println("   " + MODEL + "@staging unchanged: the candidate is not as good as the champion");
      }

      progress.println("== 5. Outer loop: deploy " + MODEL + "@staging to online endpoint "
          + STAGING_ENDPOINT + " (mloop endpoint rollout)");
      ModelVersion deployed = ws.registry().getVersion(ModelRef.parse(modelToDeploy(ws, candidate,
          gate.verdict().passed(), progress)));
      Path sample = sampleRequest;
      SamplePredictions.Result scored = rollOut(ws, deployed, sample, progress);
      progress.println("   invoked " + STAGING_ENDPOINT + " with " + sample + ": deployment "
          + scored.deployment() + " answered (request " + scored.requestId() + ")");

      progress.println("== 6. Monitoring: " + STAGING_MONITOR + " on " + STAGING_ENDPOINT
          + ", unshifted traffic, then PlasmaGlucose +1 sd, then the true labels");
      Map<String, Object> monitored = monitorStaging(ws, progress);
      if (out.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runs", summary);
        json.put("model", candidate.ref());
        json.put("gate", gate.toJson());
        json.put("deployment", scored.json());
        json.put("monitoring", monitored);
        out.json(json);
      } else {
        out.line("");
        out.line("Predictions of " + STAGING_ENDPOINT + " (" + scored.model() + ") for " + sample + ":");
        SamplePredictions.print(out, scored);
        out.line("");
        out.line("Next: `./mloop model show " + MODEL + "@staging` for the version's lineage and metrics;"
            + " `./mloop job show " + prodJob.name() + "` for the run;"
            + " `./mloop endpoint invoke --name " + STAGING_ENDPOINT
            + " --request-file model/sample-request.json` to score again;"
            + " `./mloop serve --endpoint " + STAGING_ENDPOINT + "` to serve it over HTTP.");
      }
      return 0;
    } finally {
      FileTrees.deleteTree(data);
    }
  }

  /**
   * Rolls {@code version} out to the staging endpoint as the workflow scripts do (all traffic at once,
   * smoke-tested with the sample request, data collection at 100% for the monitoring step, the
   * previous deployment kept at 0%), then scores the sample on it for the predictions shown.
   */
  private SamplePredictions.Result rollOut(Workspace ws, ModelVersion version, Path sample, PrintWriter progress)
      throws IOException {
    RolloutRequest request = RolloutRequest.builder().endpoint(STAGING_ENDPOINT).model(version.ref())
        .smokeTestRequest(Files.readString(sample)).collectPercent(100.0)
        .description("Staging: the model the champion gate promoted, tested before production")
        .reason("mloop quickstart").who("mloop quickstart").build();
    RolloutResult result = RolloutRuns.run(ws, workspace.location(), STAGING_ENDPOINT,
        w -> w.endpoints().rollout(request));
    RolloutRuns.print(result, progress, "   ");
    progress.flush();
    if (!result.succeeded()) {
      throw new MloopException(ErrorCode.INVALID_STATE, "rollout of " + version.ref() + " to " + STAGING_ENDPOINT
          + " failed: " + result.error());
    }
    return SamplePredictions.invoke(ws, STAGING_ENDPOINT, version.ref(), sample);
  }

  /** The version to deploy: @staging when the gate promoted it (or an earlier run did), else the candidate. */
  private static String modelToDeploy(Workspace ws, ModelVersion candidate, boolean promoted, PrintWriter progress) {
    String staging = MODEL + "@staging";
    if (promoted) {
      return staging;
    }
    try {
      ws.registry().getVersion(ModelRef.parse(staging));
      progress.println("   the gate did not promote " + candidate.ref() + "; deploying the current " + staging);
      return staging;
    } catch (MloopException e) {
      if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw e;
      }
    }
    progress.println("   " + staging + " does not exist (the gate did not pass): deploying the candidate "
        + candidate.ref() + " instead");
    return MODEL + ":" + candidate.version();
  }

  /**
   * The monitoring stage of the in-process path, on the staging endpoint: scored in this process
   * (each request's host writes its collected rows when it closes, so nothing is waited for).
   */
  private Map<String, Object> monitorStaging(Workspace ws, PrintWriter progress) throws IOException {
    ProductionMonitoring monitoring = new ProductionMonitoring(ws, workspace.location(), STAGING_ENDPOINT,
        STAGING_MONITOR, IN_PROCESS_BATCH_ROWS);
    ProductionMonitoring.Created created = monitoring.createOrReuse();
    progress.println("   monitor " + STAGING_MONITOR + (created.reused() ? " (kept from an earlier quickstart)" : "")
        + (created.collectionTurnedOn().isEmpty() ? ""
        : "; data collection turned on for " + String.join(", ", created.collectionTurnedOn())));
    ProductionMonitoring.Window plain = monitoring.send("unshifted", new DiabetesSynthesizer(4), monitorRows, 0);
    ProductionMonitoring.Window shifted = monitoring.send("PlasmaGlucose +1 sd",
        new DiabetesSynthesizer(5).shift("PlasmaGlucose", 1.0), monitorRows, plain.to());
    monitoring.awaitCollected(plain.from(), shifted.to(), 2L * monitorRows);
    MonitorRun first = monitoring.run(plain);
    progress.println("   unshifted window (" + monitorRows + " rows): "
        + ProductionMonitoring.describe(first, Signal.DATA_DRIFT));
    MonitorRun second = monitoring.run(shifted);
    progress.println("   PlasmaGlucose +1 sd (" + monitorRows + " rows): "
        + ProductionMonitoring.describe(second, Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT));
    int posted = monitoring.postLabels(List.of(plain, shifted));
    MonitorRun labeled = monitoring.run(shifted);
    Path report = monitoring.report(labeled, Path.of(workspace.location()).resolve("monitoring"));
    progress.println("   " + posted + " labels posted: " + ProductionMonitoring.describe(labeled,
        Signal.MODEL_PERFORMANCE));
    progress.println("   HTML report: " + report);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("monitor", STAGING_MONITOR);
    json.put("runs", List.of(first.id(), second.id(), labeled.id()));
    json.put("verdicts", List.of(first.verdict(), second.verdict(), labeled.verdict()));
    json.put("drifting_features", ProductionMonitoring.breached(second, Signal.DATA_DRIFT));
    json.put("report", report.toString());
    return json;
  }

  /** The project folder: $MLOOP_PROJECT_DIR (set by the ./mloop launcher), else the current folder. */
  static Path projectDirectory() {
    String dir = System.getenv("MLOOP_PROJECT_DIR");
    return Path.of(dir != null && !dir.isBlank() ? dir : ".").toAbsolutePath().normalize();
  }

  private static String format(Double v) {
    return v == null ? "-" : String.format("%.4f", v);
  }
}
