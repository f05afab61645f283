package org.mloop.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Role;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.store.TokenSpec;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.JobExecutor;
import org.mloop.jobs.JobLogReader;
import org.mloop.jobs.JobScratch;
import org.mloop.runtime.RuntimeModelEvaluator;
import org.mloop.runtime.testing.ModelFolders;
import org.mloop.server.MloopServer;
import org.mloop.server.ServerOptions;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * A real workspace in a temporary directory (SQLite metadata, file artifacts, the jobs module's log
 * reader) served with the studio by a real server on 127.0.0.1. Jobs are recorded, not run; a
 * cancelation is the jobs module's request. {@link #fill} records what the pages show: a model whose
 * production and staging aliases point at versions with metrics, an endpoint with two deployments
 * splitting traffic 90/10, two jobs (one running, with a log) and a monitor with an alerting run;
 * some names and values look like HTML, which the pages must show as text.
 */
final class StudioWorkspace implements AutoCloseable {
  static final String HTML_DISPLAY_NAME = "<img src=x onerror=alert(1)>";
  static final String HTML_METRIC = "<script>alert('m')</script>";
  static final String CODE_SHA = "c".repeat(64);
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String SECRET_TAG = "deploy.api_key";
  static final String SECRET = "sk-live-do-not-show";
  static final String REPORT = "<html><script>alert('report')</script></html>";
  static final String LIVE = "risk-live";
  static final String LIVE_MODEL = "risk";
  static final String LOG_LINE = "epoch 3: loss=0.25 <b>not bold</b>";

  final Path dir;
  final MetadataStore metadata;
  final ArtifactStore artifacts;
  final JobScratch scratch;
  final LocalWorkspace workspace;
  final MloopServer server;

  StudioWorkspace(Path dir, boolean requireTokens) {
    this(dir, requireTokens, false);
  }

  /** {@code scoring}: the server also scores the workspace's endpoints (its models cached in the directory). */
  StudioWorkspace(Path dir, boolean requireTokens, boolean scoring) {
    this.dir = dir;
    this.metadata = MetadataStores.open("jdbc:sqlite:" + dir.resolve("mloop.db"));
    this.artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    this.scratch = new JobScratch(dir.resolve("scratch"));
    JobRunner runner = new JobRunner() {
      @Override
      public void start(Job job) {}

      @Override
      public void cancel(String jobName) {
        JobExecutor.requestCancel(metadata, jobName);
      }
    };
    this.workspace = new LocalWorkspace(dir.toString(), metadata, artifacts, runner,
        new JobLogReader(metadata.jobs(), artifacts, scratch), null, new RuntimeModelEvaluator());
    ServerOptions options = ServerOptions.ephemeral().withRequireTokens(requireTokens)
        .withUploadDirectory(dir.resolve("uploads")).withPages(new Studio(workspace));
    this.server = MloopServer.start(workspace, scoring ? options.withEndpoints(dir.resolve("model-cache")) : options);
  }

  String url() {
    return server.url();
  }

  /** A token of {@code role} in the workspace's token store; the secret is returned, only its sha256 is kept. */
  String token(String name, Role role) {
    String secret = "mloop_" + name + "_secret_" + Long.toHexString(System.nanoTime());
    metadata.tokens().createToken(new TokenSpec(name, role, null, null), ContentHash.ofString(secret));
    return secret;
  }

  StudioWorkspace fill() {
    long now = System.currentTimeMillis();
    var registry = metadata.registry();
    registry.createModelVersion("diabetes", "runs:/r1/model", "a".repeat(64), "first", Map.of(),
        lineage(Map.of("auc", 0.8123456, "accuracy", 0.75, HTML_METRIC, 1.0)));
    registry.createModelVersion("diabetes", "runs:/r2/model", "b".repeat(64), "second", Map.of(),
        lineage(Map.of("auc", 0.8345, "accuracy", 0.77)));
    registry.setModelAlias("diabetes", "production", 1, "test", "first release");
    registry.setModelAlias("diabetes", "staging", 2, "test", "candidate");

    workspace.endpoints().create("diabetes-prod", "production scoring", AuthMode.KEY);
    metadata.endpoints().createDeployment(new Deployment("diabetes-prod", "blue", "diabetes", 1, "diabetes@production",
        1, null, now, now));
    metadata.endpoints().createDeployment(new Deployment("diabetes-prod", "green", "diabetes", 2, "diabetes@staging",
        1, null, now, now));
    metadata.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(Map.of("blue", 90, "green", 10), Map.of()));

    metadata.jobs().createJob(Job.builder().name("train-1").displayName(HTML_DISPLAY_NAME).experimentName("diabetes")
        .status(JobStatus.Completed).createdAt(now - 60_000).startedAt(now - 59_000).endedAt(now - 30_000).exitCode(0)
        .commandLine("java -jar model.jar").build());
    metadata.jobs().createJob(Job.builder().name("train-2").displayName("retrain").experimentName("diabetes")
        .status(JobStatus.Running).createdAt(now).startedAt(now).commandLine("java -jar model.jar --epochs 5").build());
    try {
      Path log = scratch.logFile("train-2");
      Files.createDirectories(log.getParent());
      Files.writeString(log, LOG_LINE + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    metadata.monitors().createMonitor(new MonitorSpec("diabetes-drift", "diabetes-prod", "diabetes-baseline", List.of(),
        null, Duration.ofHours(1), null, List.of()), now);
    metadata.monitors().insertMonitorRun(new MonitorRun(0, "diabetes-drift", "diabetes-prod", now - 5_000, now - 4_000,
        now - 3_600_000, now - 5_000, "diabetes-baseline:1", 400, List.of("diabetes:1"), 120, 0, Verdict.ALERT,
        "drift on bmi (psi 0.31 > 0.2)", List.of(), List.of(), List.of(), List.of()));
    metadata.monitors().insertAlert(new Alert(0, "diabetes-drift", 1, now - 4_000, List.of(),
        "<i>bmi</i> drifted past its threshold", "pending"));
    runs("diabetes", 3);
    try {
      Path source = Files.createDirectories(dir.resolve("data-src"));
      Files.writeString(source.resolve("rows.csv"), "age,bmi\n50,31.2\n61,27.0\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    workspace.data().create("diabetes-prod-rows", dir.resolve("data-src"), "collected rows", Map.of());
    return this;
  }

  /**
   * A served endpoint {@value #LIVE} (key auth) over two real models trained on synthetic patients
   * (registered as {@value #LIVE_MODEL} 1 and 2, each with its input example): deployment blue serves
   * version 1 with all live traffic, green version 2 with none. Needs the scoring constructor.
   */
  StudioWorkspace live() {
    try {
      for (int v = 1; v <= 2; v++) {
        Path folder = ModelFolders.write(dir.resolve("model-" + v), ModelFolders.logistic(ModelFolders.patients(v, 300)),
            ModelFolders.patients(10 + v, 2));
        workspace.registry().register(ModelRegistration.fromFolder(LIVE_MODEL, folder, null, Map.of()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    workspace.endpoints().create(LIVE, "scored by the server", AuthMode.KEY);
    workspace.endpoints().createDeployment(new DeploymentSpec(LIVE, "blue", LIVE_MODEL + ":1", 1, null, 100));
    workspace.endpoints().createDeployment(new DeploymentSpec(LIVE, "green", LIVE_MODEL + ":2", 1, null, null));
    server.scoringHost().refreshNow();
    return this;
  }

  /** Runs in experiment {@code experiment} (created when missing): run-1..run-N with auc 0.70 + i/100 and reg_rate. */
  StudioWorkspace runs(String experiment, int count) {
    var tracking = workspace.tracking();
    String id = tracking.getExperimentByName(experiment).map(e -> e.experimentId())
        .orElseGet(() -> tracking.createExperiment(experiment, null, Map.of()));
    long now = System.currentTimeMillis();
    for (int i = 1; i <= count; i++) {
      Run run = tracking.createRun(id, "test", now - (count - i) * 1000L, "run-" + i, List.of());
      tracking.logBatch(run.info().runId(), List.of(new Metric("auc", 0.70 + i / 100.0, now, 0)),
          List.of(new Param("reg_rate", i == 1 ? "<b>0.1</b>" : "0." + i)), List.of());
    }
    return this;
  }

  /**
   * A run as a training job leaves it, in experiment "diabetes": params, a loss logged at steps 0..4 and
   * an auc, the job's tags (job train-1, code snapshot, commit) plus a tag holding a secret, a PNG image
   * (ROC-Curve.png) and an HTML-looking report (report.html); returns its id.
   */
  String trainedRun(String name, double regRate) {
    var tracking = workspace.tracking();
    String experiment = tracking.getExperimentByName("diabetes").map(e -> e.experimentId())
        .orElseGet(() -> tracking.createExperiment("diabetes", null, Map.of()));
    long now = System.currentTimeMillis();
    Run run = tracking.createRun(experiment, "test", now, name, List.of(new RunTag("mloop.job.name", "train-1"),
        new RunTag("mloop.code.sha256", CODE_SHA), new RunTag("mlflow.source.git.commit", COMMIT),
        new RunTag("mlflow.source.git.branch", "main"), new RunTag(SECRET_TAG, SECRET)));
    String id = run.info().runId();
    List<Metric> metrics = new ArrayList<>();
    for (int step = 0; step < 5; step++) {
      metrics.add(new Metric("loss", 1.0 / (step + 1) + regRate, now + step, step));
    }
    metrics.add(new Metric("auc", 0.8 + regRate / 10, now, 0));
    tracking.logBatch(id, metrics, List.of(new Param("reg_rate", String.valueOf(regRate)),
        new Param("solver", "liblinear")), List.of());
    String root = "mlartifacts/" + run.info().artifactUri().substring("mlflow-artifacts:/".length()).replaceAll("^/+", "");
    artifacts.write(root + "/ROC-Curve.png", new ByteArrayInputStream(png()));
    artifacts.write(root + "/report.html", new ByteArrayInputStream(
        REPORT.getBytes(StandardCharsets.UTF_8)));
    return id;
  }

  /** A real 40x30 PNG image. */
  static byte[] png() {
    var image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 4, 0xff0000);
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Lineage lineage(Map<String, Double> metrics) {
    return new Lineage(null, null, null, null, List.of(), null, null, null, null, null, Map.of(), metrics);
  }

  @Override
  public void close() {
    server.stop();
    workspace.close();
  }
}
