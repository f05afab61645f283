package org.mloop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.runtime.ModelLoader;
import org.mloop.serving.collect.CollectorStats;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * The monitoring benchmark's workspace (SQLite + file artifact store in one folder, wired as
 * LocalWorkspaces does, without a job runner): the baseline registered as data asset
 * {@value #BASELINE}:1 (a folder with one CSV of synthetic patients), the model as {@value #MODEL}:1,
 * endpoint {@value #ENDPOINT} with deployment {@value #DEPLOYMENT} (data collection at 100%), and its
 * collected data: {@link SyntheticTraffic} rows written by the scoring host's collector. What was
 * written is recorded in {@value #PLAN_FILE}, so a later run can reuse the folder.
 */
final class MonitoredEndpoint {
  static final String ENDPOINT = "diabetes-prod";
  static final String DEPLOYMENT = "blue";
  static final String MODEL = "diabetes";
  static final String BASELINE = "diabetes-baseline";
  static final String MONITOR = "diabetes-prod-monitor";
  static final String PLAN_FILE = "traffic.properties";
  static final long BASELINE_SEED = 7;
  static final long TRAFFIC_SEED = 11;

  /** What the folder holds: the baseline's size and the traffic's rows and rate. */
  record Plan(int baselineRows, long rows, long rowsPerDay) {
    SyntheticTraffic traffic() {
      return new SyntheticTraffic(rowsPerDay, TRAFFIC_SEED);
    }

    /** The window [from, to) that holds exactly the first {@code n} collected rows. */
    long[] window(long n) {
      if (n > rows) {
        throw new IllegalArgumentException("the workspace holds " + rows + " collected rows, not " + n);
      }
      return new long[] {SyntheticTraffic.START, traffic().timestamp(n)};
    }

    /** True when this folder's data serves a benchmark that needs {@code needed}. */
    boolean covers(Plan needed) {
      return baselineRows == needed.baselineRows && rowsPerDay == needed.rowsPerDay && rows >= needed.rows;
    }
  }

  private MonitoredEndpoint() {}

  static LocalWorkspace open(Path dir) {
    return new LocalWorkspace(dir.toString(), MetadataStores.openSqlite(dir.resolve("mloop.db")),
        new FileArtifactStore(dir.resolve("artifacts")), null, null);
  }

  /** The plan of an existing folder, or null when it has none (not set up, or set up half-way). */
  static Plan readPlan(Path dir) {
    Path file = dir.resolve(PLAN_FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Plan(Integer.parseInt(p.getProperty("baseline_rows")), Long.parseLong(p.getProperty("rows")),
        Long.parseLong(p.getProperty("rows_per_day")));
  }

  /**
   * Sets up an empty folder: writes the baseline CSV ({@code plan.baselineRows()} patients, seed
   * {@value #BASELINE_SEED}) into {@code baselineFolder}, registers it and {@code modelFolder} (which
   * {@code modelTrainer} makes from the baseline folder), creates the endpoint and writes the traffic.
   */
  static CollectorStats create(Path dir, Plan plan, List<Long> boundaries, Path baselineFolder, ModelTrainer modelTrainer,
      LongConsumer progress) throws Exception {
    if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
      throw new IllegalArgumentException("the benchmark's workspace folder " + dir + " is not empty and holds no "
          + PLAN_FILE + " (an earlier set-up stopped half-way?): delete it or pass another --dir");
    }
    Files.createDirectories(dir);
    new DiabetesSynthesizer(BASELINE_SEED).write(baselineFolder.resolve("diabetes.csv"), plan.baselineRows());
    Path modelFolder = modelTrainer.train(baselineFolder);
    CollectorStats stats;
    try (LocalWorkspace workspace = open(dir)) {
      DataAsset baseline = workspace.data().create(BASELINE, baselineFolder, "monitoring benchmark baseline", Map.of());
      ModelVersion version = workspace.registry().register(
          ModelRegistration.fromFolder(MODEL, modelFolder, "monitoring benchmark", Map.of()));
      workspace.endpoints().create(ENDPOINT, "monitoring benchmark", null);
      workspace.endpoints().createDeployment(new DeploymentSpec(ENDPOINT, DEPLOYMENT, version.ref(), 1, DataCollection.ALL, null));
      stats = plan.traffic().write(workspace, ENDPOINT, DEPLOYMENT, MODEL, version.version(), ModelLoader.load(modelFolder),
          plan.rows(), boundaries, progress);
      if (!baseline.ref().equals(baselineRef())) {
        throw new IllegalStateException("the baseline was registered as " + baseline.ref() + ", expected " + baselineRef());
      }
    }
    Properties p = new Properties();
    p.setProperty("baseline_rows", Integer.toString(plan.baselineRows()));
    p.setProperty("rows", Long.toString(plan.rows()));
    p.setProperty("rows_per_day", Long.toString(plan.rowsPerDay()));
    try (OutputStream out = Files.newOutputStream(dir.resolve(PLAN_FILE))) {
      p.store(out, "collected rows written by the monitoring benchmark");
    }
    return stats;
  }

  /** Makes the model folder from the baseline data folder. */
  @FunctionalInterface
  interface ModelTrainer {
    Path train(Path dataFolder) throws Exception;
  }

  static String baselineRef() {
    return "mloop:" + BASELINE + ":1";
  }

  /** The benchmark's monitor, as `mloop monitor create` would store it (not stored: the evaluator takes it as is). */
  static Monitor monitor(List<Signal> signals) {
    long now = System.currentTimeMillis();
    return new Monitor(new MonitorSpec(MONITOR, ENDPOINT, baselineRef(), signals, Thresholds.defaults(), null,
        Duration.ofDays(1), List.of()), now, now);
  }
}
