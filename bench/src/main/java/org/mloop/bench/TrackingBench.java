package org.mloop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.tracking.ViewType;
import org.mloop.store.MetadataStores;

/**
 * Measures the tracking store on SQLite (a new file in a temporary folder, deleted afterwards):
 *
 * <ol>
 *   <li>log-batch ingestion: batches of 1000 metric values (10 keys x 100 steps) into one run,
 *       in metric values per second (target: at least 50,000/s);
 *   <li>runs/search over 10,000 runs with {@code metrics.AUC > 0.8 AND params.reg_rate = '0.01'},
 *       median latency of the first page (target: under 100 ms).
 * </ol>
 *
 * Options: {@code --batches N} (default 300), {@code --runs N} (default 10000), {@code --searches N}
 * (default 50), {@code --dir PATH} (default a temporary folder), {@code --only ingest|search}.
 */
public final class TrackingBench {
  private static final String FILTER = "metrics.AUC > 0.8 AND params.reg_rate = '0.01'";
  private static final String[] RATES = {"0.001", "0.01", "0.1", "1", "10"};

  private TrackingBench() {}

  public static void main(String[] args) throws Exception {
    int batches = BenchArgs.intOption(args, "--batches", 300);
    int runs = BenchArgs.intOption(args, "--runs", 10_000);
    int searches = BenchArgs.intOption(args, "--searches", 50);
    boolean ok;
    try (WorkFolder folder = WorkFolder.open(args, "mloop-bench-")) {
      Path dir = folder.path();
      System.out.printf(Locale.ROOT, "java %s, %d cores, database folder %s%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), dir);
      String only = BenchArgs.option(args, "--only");
      boolean ingestOk = "search".equals(only) || ingestion(dir.resolve("ingest.db"), batches);
      boolean searchOk = "ingest".equals(only) || search(dir.resolve("search.db"), runs, searches);
      ok = ingestOk && searchOk;
      System.out.println(ok ? "RESULT: all targets met" : "RESULT: a target was missed");
    }
    if (!ok) {
      System.exit(1);
    }
  }

  private static boolean ingestion(Path file, int batches) {
    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      String runId = store.tracking().createRun("0", "bench", System.currentTimeMillis(), "ingest", List.of()).info().runId();
      int warmup = Math.max(20, batches / 10);
      long step = 0;
      for (int b = 0; b < warmup; b++) {
        store.tracking().logBatch(runId, batch(step), null, null);
        step += 100;
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        store.tracking().logBatch(runId, batch(step), null, null);
        step += 100;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      long values = (long) batches * 1000;
      double rate = values / seconds;
      // CPU time of the logging thread (SQLite runs in it) shows the cost when other processes share the cores.
      System.out.printf(Locale.ROOT,
          "ingestion: %d batches x 1000 metric values in %.2f s = %,.0f values/s (%.2f ms per batch; "
              + "thread CPU %.2f s = %,.0f values per CPU second; target >= 50,000/s)%n",
          batches, seconds, rate, seconds * 1000 / batches, cpuSeconds, values / cpuSeconds);
      return rate >= 50_000;
    }
  }

  /** 10 metric keys x 100 consecutive steps. */
  private static List<Metric> batch(long firstStep) {
    List<Metric> metrics = new ArrayList<>(1000);
    long now = System.currentTimeMillis();
    for (int s = 0; s < 100; s++) {
      for (int k = 0; k < 10; k++) {
        metrics.add(new Metric("metric_" + k, Math.sin(firstStep + s + k), now, firstStep + s));
      }
    }
    return metrics;
  }

  private static boolean search(Path file, int runs, int searches) {
    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      String experimentId = store.tracking().createExperiment("bench-search", null, null);
      Random random = new Random(42);
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        String runId = store.tracking().createRun(experimentId, "bench", 1_700_000_000_000L + i, null,
            List.of(new RunTag("mlflow.source.type", "JOB"))).info().runId();
        store.tracking().logBatch(runId,
            List.of(new Metric("AUC", 0.5 + random.nextDouble() / 2, 1, 0),
                new Metric("Accuracy", 0.6 + random.nextDouble() / 3, 1, 0),
                new Metric("training_loss", random.nextDouble(), 1, 0)),
            List.of(new Param("reg_rate", RATES[random.nextInt(RATES.length)]),
                new Param("solver", random.nextBoolean() ? "liblinear" : "lbfgs"),
                new Param("training_data", "mloop:diabetes-dev-folder:1")),
            List.of(new RunTag("team", "data")));
      }
      System.out.printf(Locale.ROOT, "search setup: %,d runs with 3 metrics, 3 params, 3 tags each in %.1f s%n",
          runs, (System.nanoTime() - start) / 1e9);

      boolean ok = true;
      ok &= measure(store, experimentId, FILTER, List.of(), RunSearch.DEFAULT_MAX_RESULTS, searches, true);
      measure(store, experimentId, FILTER, List.of(), 100, searches, false);
      measure(store, experimentId, FILTER, List.of("metrics.AUC DESC"), 100, searches, false);
      measure(store, experimentId, null, List.of(), 100, searches, false);
      return ok;
    }
  }

  private static boolean measure(MetadataStore store, String experimentId, String filter, List<String> orderBy,
      int maxResults, int searches, boolean target) {
    RunSearch request = new RunSearch(List.of(experimentId), filter, ViewType.ACTIVE_ONLY, maxResults, orderBy, null);
    int found = 0;
    for (int i = 0; i < 10; i++) {
      found = store.tracking().searchRuns(request).items().size();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] millis = new double[searches];
    double[] cpuMillis = new double[searches];
    for (int i = 0; i < searches; i++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Page<Run> page = store.tracking().searchRuns(request);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
      found = page.items().size();
    }
    Arrays.sort(millis);
    Arrays.sort(cpuMillis);
    double median = millis[searches / 2];
    double p90 = millis[(int) Math.min(searches - 1, Math.ceil(searches * 0.9) - 1)];
    System.out.printf(Locale.ROOT,
        "search: filter=%s order_by=%s max_results=%d -> %d runs; median %.1f ms, p90 %.1f ms, median thread CPU %.1f ms%s%n",
        filter == null ? "(none)" : "\"" + filter + "\"", orderBy.isEmpty() ? "(default)" : orderBy, maxResults, found,
        median, p90, cpuMillis[searches / 2], target ? " (target < 100 ms)" : "");
    return median < 100;
  }

}
