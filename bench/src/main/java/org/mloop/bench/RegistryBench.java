package org.mloop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.tracking.ViewType;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.runtime.Batch;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictor;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;
import org.mloop.core.files.FileTrees;

/**
 * Measures the model registry and a large runs/search on SQLite (new files in a temporary folder,
 * deleted afterwards):
 *
 * <ol>
 *   <li>{@code models:/diabetes@production} resolution and model load, warm: real diabetes models
 *       (logistic regression and gradient boosting, trained by {@code model/target/diabetes-model.jar}
 *       on synthetic rows) are registered in a workspace over SQLite and the file artifact store, the
 *       alias points at each in turn, and every load parses the reference, resolves the alias, gets
 *       the version's files and loads them with {@link ModelLoader} (which verifies every sha256).
 *       Files are got two ways: copied into a fresh folder with their recorded sha256 checked (what
 *       {@code mloop model download} and the champion gate do) and materialized (the file store hands
 *       out its own content-addressed folder; no copy). Target: under 50 ms.
 *   <li>registration: a model folder (the logistic regression plus one small file that differs each
 *       time, so every version's files are new) registered with {@code workspace.registry().register}: hash,
 *       verify, copy the files into the artifact store and insert the version row. This is what
 *       durable commits (fsync of each file and its folder, SQLite's synchronous setting) cost.
 *   <li>runs/search over 30,000 runs with 20 metrics each, filtered on one metric
 *       ({@code metrics.m7 > 0.9}). Target: median under 200 ms.
 * </ol>
 *
 * Options: {@code --only registry|search}, {@code --model-jar PATH} (default
 * model/target/diabetes-model.jar), {@code --rows N} synthetic training rows (default 5000),
 * {@code --loads N} (default 50), {@code --registrations N} (default 30), {@code --runs N} (default 30000), {@code --metrics N} per run
 * (default 20), {@code --searches N} (default 30), {@code --dir PATH} (default a temporary folder).
 */
public final class RegistryBench {
  private static final String MODEL_REF = "models:/diabetes@production";
  private static final String SEARCH_FILTER = "metrics.m7 > 0.9";

  private RegistryBench() {}

  public static void main(String[] args) throws Exception {
    boolean ok;
    try (WorkFolder folder = WorkFolder.open(args, "mloop-regbench-")) {
      Path dir = folder.path();
      System.out.printf(Locale.ROOT, "java %s, %d cores, work folder %s%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), dir);
      String only = BenchArgs.option(args, "--only");
      boolean registryOk = "search".equals(only) || registry(dir.resolve("registry"),
          Path.of(BenchArgs.option(args, "--model-jar", "model/target/diabetes-model.jar")),
          BenchArgs.intOption(args, "--rows", 5000), BenchArgs.intOption(args, "--loads", 50),
          BenchArgs.intOption(args, "--registrations", 30));
      boolean searchOk = "registry".equals(only) || search(dir.resolve("search.db"),
          BenchArgs.intOption(args, "--runs", 30_000), BenchArgs.intOption(args, "--metrics", 20), BenchArgs.intOption(args, "--searches", 30));
      ok = registryOk && searchOk;
      System.out.println(ok ? "RESULT: all targets met" : "RESULT: a target was missed");
    }
    if (!ok) {
      System.exit(1);
    }
  }

  // ---- 1. models:/diabetes@production resolution and load

  private static boolean registry(Path dir, Path modelJar, int rows, int loads, int registrations) throws Exception {
    TrainingJar.require(modelJar);
    Path data = TrainingJar.syntheticData(dir, rows);
    Map<String, Path> trained = new LinkedHashMap<>();
    for (String kind : List.of("logistic_regression", "gradient_boosting")) {
      trained.put(kind, TrainingJar.train(modelJar, data, dir.resolve("trained-" + kind), kind));
    }

    Path workspaceDir = dir.resolve("workspace");
    Files.createDirectories(workspaceDir);
    // The embedded workspace as LocalWorkspaces wires it for the CLI, without a job runner.
    try (MetadataStore metadata = MetadataStores.openSqlite(workspaceDir.resolve("mloop.db"))) {
      FileArtifactStore artifacts = new FileArtifactStore(workspaceDir.resolve("artifacts"));
      LocalWorkspace workspace = new LocalWorkspace(workspaceDir.toString(), metadata, artifacts, null, null);
      boolean ok = true;
      for (Map.Entry<String, Path> e : trained.entrySet()) {
        ModelVersion version = workspace.registry().register(
            ModelRegistration.fromFolder("diabetes", e.getValue(), e.getKey(), Map.of("model", e.getKey())));
        workspace.registry().setAlias("diabetes", "production", version.version(), "bench", "benchmark");
        System.out.printf(Locale.ROOT, "%n%s: registered as %s at %s, alias production -> %d; files:%n",
            e.getKey(), version.ref(), version.source(), version.version());
        for (ArtifactFile f : workspace.registry().listFiles(version)) {
          if (!f.directory()) {
            System.out.printf(Locale.ROOT, "  %-20s %,10d bytes%n", f.path(), f.sizeBytes());
          }
        }
        ok &= measureLoads(workspace, dir.resolve("copies"), loads, Fetch.COPY, true);
        ok &= measureLoads(workspace, dir.resolve("copies"), loads, Fetch.MATERIALIZE, true);
        breakdown(workspace, loads);
      }
      measureRegistrations(workspace, trained.get("logistic_regression"), dir.resolve("variants"), registrations);
      return ok;
    }
  }

  /**
   * Registers {@code count} versions of a model folder, each with one extra file of its own (listed in a
   * rewritten MLmodel), so every registration writes all its files to the store; times each
   * {@code registry().register} call.
   */
  private static void measureRegistrations(LocalWorkspace workspace, Path model, Path variants, int count)
      throws IOException {
    MlModel parsed = MlModelFiles.read(model);
    List<Path> folders = new ArrayList<>();
    for (int i = 0; i < count + 5; i++) {
      Path folder = variants.resolve("v" + i);
      FileTrees.copyTree(model, folder);
      Files.writeString(folder.resolve("variant.txt"), "variant " + i + "\n");
      MlModelFiles.write(folder, parsed);
      folders.add(folder);
    }
    int files = MlModelFiles.checksumsOf(folders.get(0)).size() + 1; // and the MLmodel
    long[] nanos = new long[count];
    for (int i = 0; i < folders.size(); i++) { // the first five warm up
      long t0 = System.nanoTime();
      workspace.registry().register(ModelRegistration.fromFolder("diabetes-registrations", folders.get(i), null, Map.of()));
      if (i >= 5) {
        nanos[i - 5] = System.nanoTime() - t0;
      }
    }
    FileTrees.deleteTree(variants);
    double[] ms = millis(nanos);
    System.out.printf(Locale.ROOT,
        "%nregistration of a %d-file model folder (new files each time; %d after 5 warm-up): median %.1f ms, p90 %.1f ms%n",
        files, count, median(ms), p90(ms));
  }

  private enum Fetch { COPY, MATERIALIZE }

  /** One load end to end, with the time of each step in nanoseconds. */
  private record Load(long resolve, long fetch, long load) {
    long total() {
      return resolve + fetch + load;
    }
  }

  private static boolean measureLoads(LocalWorkspace workspace, Path copies, int loads, Fetch fetch, boolean target)
      throws IOException {
    int warmup = Math.max(20, loads / 2);
    for (int i = 0; i < warmup; i++) {
      loadOnce(workspace, copies.resolve("w" + i), fetch);
    }
    List<Load> timings = new ArrayList<>();
    for (int i = 0; i < loads; i++) {
      timings.add(loadOnce(workspace, copies.resolve("m" + i), fetch));
    }
    FileTrees.deleteTree(copies);
    double[] total = millis(timings.stream().mapToLong(Load::total).toArray());
    System.out.printf(Locale.ROOT,
        "  %s -> %s (%d loads after %d warm-up): median %.1f ms, p90 %.1f ms%s%n"
            + "    steps (median): resolve %.2f ms, %s %.2f ms, ModelLoader.load %.2f ms%n",
        MODEL_REF, fetch == Fetch.COPY ? "copy + sha256 check" : "materialize (no copy)", loads, warmup,
        median(total), p90(total), target ? " (target < 50 ms)" : "",
        median(millis(timings.stream().mapToLong(Load::resolve).toArray())),
        fetch == Fetch.COPY ? "copy" : "materialize", median(millis(timings.stream().mapToLong(Load::fetch).toArray())),
        median(millis(timings.stream().mapToLong(Load::load).toArray())));
    return median(total) < 50;
  }

  private static Load loadOnce(LocalWorkspace workspace, Path copy, Fetch fetch) throws IOException {
    long t0 = System.nanoTime();
    ModelVersion version = workspace.registry().getVersion(ModelRef.parse(MODEL_REF));
    long t1 = System.nanoTime();
    Path dir = fetch == Fetch.COPY ? copy(workspace, version, copy)
        : workspace.artifacts().materialize(version.source(), copy);
    long t2 = System.nanoTime();
    Predictor predictor = ModelLoader.load(dir);
    long t3 = System.nanoTime();
    if (predictor.positiveClass() == null || predictor.model().signature().inputNames().size() != 8) {
      throw new IllegalStateException("loaded model " + version.ref() + " is not the diabetes classifier");
    }
    return new Load(t1 - t0, t2 - t1, t3 - t2);
  }

  /** Streams the version's files into {@code target} and checks each against its recorded sha256. */
  private static Path copy(LocalWorkspace workspace, ModelVersion version, Path target) throws IOException {
    for (ArtifactFile f : workspace.registry().listFiles(version)) {
      if (f.directory()) {
        continue;
      }
      Path file = target.resolve(f.path());
      Files.createDirectories(file.getParent());
      try (InputStream in = workspace.registry().openFile(version, f.path())) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!ContentHash.ofFile(file).equals(f.sha256())) {
        throw new IllegalStateException("copied " + f.path() + " does not match its recorded sha256");
      }
    }
    return target;
  }

  /** The parts of ModelLoader.load, timed one by one on the store's own folder, plus one prediction. */
  private static void breakdown(LocalWorkspace workspace, int loads) throws IOException {
    ModelVersion version = workspace.registry().getVersion(ModelRef.parse(MODEL_REF));
    Path dir = workspace.artifacts().materialize(version.source(), null);
    MlModel model = MlModelFiles.read(dir);
    Path modelFile = dir.resolve(String.valueOf(model.flavors().values().iterator().next().get("model_file")));
    Batch example = Batch.parseDataframeSplit(Files.readString(dir.resolve("input_example.json")));
    Predictor predictor = ModelLoader.load(dir);
    int n = Math.max(loads, 50);
    long[] list = new long[n];
    long[] parse = new long[n];
    long[] verify = new long[n];
    long[] deserialize = new long[n];
    long[] predict = new long[n];
    for (int round = 0; round < 2; round++) { // the first round warms up
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        workspace.registry().listFiles(version);
        long t1 = System.nanoTime();
        MlModel parsed = MlModelFiles.parse(Files.readString(dir.resolve(MlModelFiles.MLMODEL)), "MLmodel");
        long t2 = System.nanoTime();
        MlModelFiles.verify(dir, parsed);
        long t3 = System.nanoTime();
        try {
          org.tribuo.Model.deserializeFromFile(modelFile);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        long t4 = System.nanoTime();
        predictor.predict(example);
        long t5 = System.nanoTime();
        list[i] = t1 - t0;
        parse[i] = t2 - t1;
        verify[i] = t3 - t2;
        deserialize[i] = t4 - t3;
        predict[i] = t5 - t4;
      }
    }
    System.out.printf(Locale.ROOT,
        "    parts (median of %d): list files + recorded digests %.2f ms, read MLmodel %.2f ms, verify sha256 of "
            + "every file %.2f ms, deserialize %s %.2f ms; predict the %d-row input example %.2f ms%n",
        n, median(millis(list)), median(millis(parse)), median(millis(verify)), modelFile.getFileName(),
        median(millis(deserialize)), example.size(), median(millis(predict)));
  }

  // ---- 2. runs/search over many runs with many metrics

  private static boolean search(Path file, int runs, int metricsPerRun, int searches) {
    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      String experimentName = "bench-registry-search-" + runs + "x" + metricsPerRun;
      Optional<Experiment> existing = store.tracking().getExperimentByName(experimentName);
      if (existing.isPresent()) { // a --dir from an earlier run: search the runs it already has
        System.out.printf(Locale.ROOT, "%nsearch: reusing experiment %s in %s%n", experimentName, file);
        return searches(store, existing.get().experimentId(), searches);
      }
      String experimentId = store.tracking().createExperiment(experimentName, null, null);
      Random random = new Random(42);
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        String runId = store.tracking().createRun(experimentId, "bench", 1_700_000_000_000L + i, null,
            List.of(new RunTag("mlflow.source.type", "JOB"))).info().runId();
        List<Metric> metrics = new ArrayList<>(metricsPerRun);
        for (int m = 0; m < metricsPerRun; m++) {
          metrics.add(new Metric("m" + m, random.nextDouble(), 1, 0));
        }
        store.tracking().logBatch(runId, metrics,
            List.of(new Param("model", random.nextBoolean() ? "logistic_regression" : "gradient_boosting"),
                new Param("reg_rate", String.valueOf(random.nextInt(5))),
                new Param("training_data", "mloop:diabetes-dev-folder:1")),
            List.of(new RunTag("team", "data")));
      }
      System.out.printf(Locale.ROOT,
          "%nsearch setup: %,d runs with %d metrics, 3 params, 3 tags (with mlflow.runName) each in %.1f s (one log-batch per run)%n",
          runs, metricsPerRun, (System.nanoTime() - start) / 1e9);
      return searches(store, experimentId, searches);
    }
  }

  private static boolean searches(MetadataStore store, String experimentId, int searches) {
    {
      boolean ok = measureSearch(store, experimentId, SEARCH_FILTER, List.of(), RunSearch.DEFAULT_MAX_RESULTS,
          searches, true);
      measureSearch(store, experimentId, SEARCH_FILTER, List.of(), 100, searches, false);
      measureSearch(store, experimentId, SEARCH_FILTER, List.of("metrics.m7 DESC"), 100, searches, false);
      measureSearch(store, experimentId, SEARCH_FILTER + " AND params.model = 'gradient_boosting'", List.of(), 100,
          searches, false);
      measureSearch(store, experimentId, null, List.of(), RunSearch.DEFAULT_MAX_RESULTS, searches, false);
      return ok;
    }
  }

  private static boolean measureSearch(MetadataStore store, String experimentId, String filter, List<String> orderBy,
      int maxResults, int searches, boolean target) {
    RunSearch request = new RunSearch(List.of(experimentId), filter, ViewType.ACTIVE_ONLY, maxResults, orderBy, null);
    for (int i = 0; i < 5; i++) {
      store.tracking().searchRuns(request);
    }
    long[] nanos = new long[searches];
    long[] cpu = new long[searches];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int found = 0;
    int metrics = 0;
    for (int i = 0; i < searches; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Page<Run> page = store.tracking().searchRuns(request);
      nanos[i] = System.nanoTime() - t0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
      found = page.items().size();
      metrics = page.items().isEmpty() ? 0 : page.items().get(0).data().metrics().size();
    }
    double[] ms = millis(nanos);
    System.out.printf(Locale.ROOT,
        "search: filter=%s order_by=%s max_results=%d -> %d runs (%d metrics each); median %.1f ms, p90 %.1f ms, median thread CPU %.1f ms%s%n",
        filter == null ? "(none)" : "\"" + filter + "\"", orderBy.isEmpty() ? "(default)" : orderBy, maxResults, found, metrics,
        median(ms), p90(ms), median(millis(cpu)), target ? " (target < 200 ms)" : "");
    return median(ms) < 200;
  }

  // ---- helpers

  private static double[] millis(long[] nanos) {
    double[] ms = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      ms[i] = nanos[i] / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static double p90(double[] sorted) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
  }

}
