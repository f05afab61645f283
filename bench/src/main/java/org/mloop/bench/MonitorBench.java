package org.mloop.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.files.FileTrees;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.serving.collect.CollectorStats;

/**
 * The monitoring benchmark (issue 6, "Performance"): a monitor run over 1,000,000 collected rows x 8
 * features in under 5 seconds, and memory that stays bounded as the window grows.
 *
 * <p>Set-up ({@link MonitoredEndpoint}): a workspace with the baseline (10,000 synthetic patients) as a
 * data asset, a logistic regression trained on it by {@code model/target/diabetes-model.jar}, an
 * endpoint with one deployment collecting 100%, and collected rows written by the scoring host's own
 * collector ({@link SyntheticTraffic}: the same JSON Lines files, names and rolling, 1,000,000 rows a
 * day). Then, each in a fresh JVM ({@link MonitorProbe}):
 * <ol>
 *   <li>time: the raw read of the window (records parsed, nothing done with them) and
 *       {@code MonitorEvaluator.evaluate} over it, after warm-up, median and min;
 *   <li>memory: one evaluation per window size in a JVM with a small fixed heap ({@code --heap}), the
 *       live heap sampled after forced full collections while it runs.
 * </ol>
 *
 * Options: {@code --rows N} timed window (default 1000000), {@code --memory-rows A,B,C} (default
 * 250000,1000000,4000000; {@code none} to skip), {@code --heap SIZE} (default 192m), {@code --warmup N}
 * (default 1), {@code --repeats N} (default 5), {@code --signals LIST} (default
 * data_drift,prediction_drift,data_quality), {@code --memory-what evaluate|read}, {@code --rows-per-day N},
 * {@code --baseline-rows N}, {@code --model-jar PATH}, {@code --dir PATH} (kept, and its data reused by a
 * later run that needs no more rows; default a temporary folder, deleted).
 */
public final class MonitorBench {
  private static final double TARGET_SECONDS = 5;
  /** How much more live heap the largest window may need than the smallest and still count as bounded. */
  private static final double BOUNDED_GROWTH_MB = 8;

  private MonitorBench() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(BenchArgs.option(args, "--rows", "1000000"));
    String memoryOption = BenchArgs.option(args, "--memory-rows", "250000,1000000,4000000");
    List<Long> memoryRows = memoryOption.equals("none") ? List.of()
        : Arrays.stream(memoryOption.split(",")).map(String::strip).map(Long::parseLong).toList();
    String signals = BenchArgs.option(args, "--signals", "data_drift,prediction_drift,data_quality");
    Path modelJar = Path.of(BenchArgs.option(args, "--model-jar", "model/target/diabetes-model.jar"));
    long total = memoryRows.stream().mapToLong(Long::longValue).max().orElse(0);
    MonitoredEndpoint.Plan plan = new MonitoredEndpoint.Plan(BenchArgs.intOption(args, "--baseline-rows", 10_000),
        Math.max(rows, total), Long.parseLong(BenchArgs.option(args, "--rows-per-day", "1000000")));

    boolean ok;
    try (WorkFolder folder = WorkFolder.open(args, "mloop-monbench-")) {
      Path dir = folder.path();
      System.out.printf(Locale.ROOT, "java %s, %d cores, load average %.2f, work folder %s%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(), dir);
      Path workspace = prepare(dir, plan, modelJar, rows, memoryRows);
      List<Map<String, String>> results = new ArrayList<>();
      System.out.printf(Locale.ROOT, "%ntime: %,d rows, signals %s (load average %.2f)%n", rows, signals, loadAverage());
      results.addAll(probe(List.of(), workspace, rows, signals, "--mode", "time",
          "--warmup", BenchArgs.option(args, "--warmup", "1"), "--repeats", BenchArgs.option(args, "--repeats", "5")));
      String heap = BenchArgs.option(args, "--heap", "192m");
      for (long n : memoryRows) {
        System.out.printf(Locale.ROOT, "%nmemory: %,d rows, -Xmx%s (load average %.2f)%n", n, heap, loadAverage());
        results.addAll(probe(List.of("-Xmx" + heap), workspace, n, signals, "--mode", "memory",
            "--what", BenchArgs.option(args, "--memory-what", "evaluate")));
      }
      ok = summarize(results, rows);
      System.out.printf(Locale.ROOT, "load average at the end %.2f%n", loadAverage());
      System.out.println(ok ? "RESULT: all targets met" : "RESULT: a target was missed (or not measured)");
    }
    if (!ok) {
      System.exit(1);
    }
  }

  /** The workspace folder with enough collected rows: reused from an earlier run with --dir, else written now. */
  private static Path prepare(Path dir, MonitoredEndpoint.Plan plan, Path modelJar, long rows, List<Long> memoryRows)
      throws Exception {
    Path workspace = dir.resolve("workspace");
    MonitoredEndpoint.Plan existing = MonitoredEndpoint.readPlan(workspace);
    if (existing != null && existing.covers(plan)) {
      System.out.printf(Locale.ROOT, "reusing %s: %,d collected rows, %,d a day, baseline of %,d rows%n", workspace,
          existing.rows(), existing.rowsPerDay(), existing.baselineRows());
      describeFiles(workspace);
      return workspace;
    }
    TrainingJar.require(modelJar);
    for (String sub : List.of("workspace", "baseline", "model")) {
      FileTrees.deleteTree(dir.resolve(sub));
    }
    List<Long> boundaries = new ArrayList<>(memoryRows);
    boundaries.add(rows);
    long t0 = System.nanoTime();
    CollectorStats stats = MonitoredEndpoint.create(workspace, plan, boundaries, dir.resolve("baseline"),
        data -> TrainingJar.train(modelJar, data, dir.resolve("model"), "logistic_regression"),
        n -> System.out.printf(Locale.ROOT, "  %,d rows offered to the collector (%.0f s)%n", n, (System.nanoTime() - t0) / 1e9));
    System.out.printf(Locale.ROOT, "set up in %.1f s: %,d rows in %,d files written by the collector%n",
        (System.nanoTime() - t0) / 1e9, stats.writtenRows(), stats.writtenFiles());
    describeFiles(workspace);
    return workspace;
  }

  private static void describeFiles(Path workspace) {
    try (LocalWorkspace ws = MonitoredEndpoint.open(workspace)) {
      List<ArtifactFile> files = ws.endpoints().listCollectedData(MonitoredEndpoint.ENDPOINT, MonitoredEndpoint.DEPLOYMENT).stream()
          .filter(f -> !f.directory()).toList();
      long bytes = files.stream().mapToLong(ArtifactFile::sizeBytes).sum();
      System.out.printf(Locale.ROOT, "collected data of %s/%s: %,d files, %,.1f MB (e.g. %s)%n", MonitoredEndpoint.ENDPOINT,
          MonitoredEndpoint.DEPLOYMENT, files.size(), bytes / 1e6, files.isEmpty() ? "-" : files.get(0).path());
    }
  }

  /** Runs {@link MonitorProbe} in a new JVM, echoing its output; returns its RESULT lines as key=value maps. */
  private static List<Map<String, String>> probe(List<String> jvmOptions, Path workspace, long rows, String signals,
      String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MonitorProbe.class.getName(),
        "--workspace", workspace.toString(), "--rows", Long.toString(rows), "--signals", signals));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Map<String, String>> results = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println(line);
        if (line.startsWith(MonitorProbe.RESULT)) {
          results.add(fields(line.substring(MonitorProbe.RESULT.length())));
        }
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the probe exited with " + p.exitValue() + ": " + String.join(" ", options));
    }
    return results;
  }

  /** "time what=read median=1.2" -> {kind=time, what=read, median=1.2}; a "reason" runs to the end of the line. */
  private static Map<String, String> fields(String line) {
    Map<String, String> m = new HashMap<>();
    int space = line.indexOf(' ');
    m.put("kind", space < 0 ? line : line.substring(0, space));
    String rest = space < 0 ? "" : line.substring(space + 1);
    int reason = rest.indexOf("reason=");
    if (reason >= 0) {
      m.put("reason", rest.substring(reason + "reason=".length()));
      rest = rest.substring(0, reason);
    }
    for (String kv : rest.trim().split(" +")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  /** Prints the figures as docs/benchmarks.md rows; true when both targets were measured and met. */
  private static boolean summarize(List<Map<String, String>> results, long rows) {
    System.out.printf(Locale.ROOT, "%n| what | median | min | CPU of the calling thread (median) | process CPU (median) |%n"
        + "| --- | --- | --- | --- | --- |%n");
    boolean timeOk = false;
    for (Map<String, String> r : results) {
      if (r.get("kind").equals("time")) {
        System.out.printf(Locale.ROOT, "| %s, %,d rows | %s s | %s s | %s s | %s s |%n", r.get("what"), rows, r.get("median"),
            r.get("min"), r.get("thread_cpu_median"), r.get("cpu_median"));
        if (r.get("what").equals("evaluate")) {
          timeOk = Double.parseDouble(r.get("median")) < TARGET_SECONDS;
        }
      } else if (r.get("kind").equals("unavailable")) {
        System.out.printf(Locale.ROOT, "| %s | not measured: %s | | | |%n", r.get("what"), r.get("reason"));
      }
    }
    System.out.printf(Locale.ROOT, "evaluate median under %.0f s: %s%n", TARGET_SECONDS, timeOk ? "yes" : "no");

    List<Map<String, String>> memory = results.stream().filter(r -> r.get("kind").equals("memory")).toList();
    if (memory.isEmpty()) {
      return false;
    }
    System.out.printf(Locale.ROOT, "%n| rows | what | max heap | live heap before | live heap peak (sampled) | heap after any GC, peak "
        + "| seconds |%n| --- | --- | --- | --- | --- | --- | --- |%n");
    for (Map<String, String> r : memory) {
      System.out.printf(Locale.ROOT, "| %,d | %s | %s MB | %s MB | %s MB | %s MB | %s |%n", Long.parseLong(r.get("rows")),
          r.get("what"), r.get("max_heap_mb"), r.get("idle_mb"), r.get("live_peak_mb"), r.get("after_gc_peak_mb"),
          r.get("seconds"));
    }
    double smallest = Double.parseDouble(memory.get(0).get("live_peak_mb"));
    double largest = Double.parseDouble(memory.get(memory.size() - 1).get("live_peak_mb"));
    boolean bounded = largest - smallest < BOUNDED_GROWTH_MB;
    System.out.printf(Locale.ROOT, "live heap peak from %s to %s rows: %+.1f MB, bounded (< %.0f MB more): %s%n",
        memory.get(0).get("rows"), memory.get(memory.size() - 1).get("rows"), largest - smallest, BOUNDED_GROWTH_MB,
        bounded ? "yes" : "no");
    return timeOk && bounded;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
