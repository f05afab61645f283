package org.mloop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The online scoring benchmark: HTTP throughput and latency of single-row and 1,000-row scoring
 * requests, driven by wrk over loopback, against
 *
 * <ol>
 *   <li>a no-op handler on the scoring host's HTTP stack ({@link NoopScoringServer}): the ceiling;
 *   <li>a Python server doing what {@code mlflow models serve} does for a scikit-learn model
 *       (bench/python/mlflow_like_server.py: FastAPI + uvicorn with one worker per core, pandas,
 *       scikit-learn), scoring the same logistic regression: its weights are copied out of our model
 *       ({@link LinearWeights}) and both answers are checked against our predictor first;
 *   <li>the scoring host serving that model from a workspace endpoint ({@link BenchScoringHost}).
 * </ol>
 *
 * Each case gets a warm-up run, then a measured run at full speed ({@code --connections} connections,
 * no pause). wrk cannot hold a fixed rate (wrk2 is not packaged in Debian), so the latency at half of
 * the maximum throughput is measured by pacing: every connection pauses 1 ms between a response and
 * its next request, and the number of connections is calibrated by one short probe so that the
 * throughput comes out near half the maximum. The figures, ratios and targets are printed and, with
 * {@code --docs FILE}, appended to that file as a dated section.
 *
 * <p>Options: {@code --seconds 10} per measured run, {@code --warmup 5}, {@code --connections 64},
 * {@code --threads 2} (wrk's), {@code --batch-rows 1000}, {@code --batch-connections 16},
 * {@code --workers N} uvicorn workers (default: cores), {@code --python /usr/bin/python3},
 * {@code --model-jar model/target/diabetes-model.jar}, {@code --rows 5000} training rows,
 * {@code --docs FILE|none} (default none), {@code --cases noop,python,host} (the default; add noop-half
 * for the no-op handler's latency at half load), {@code --rounds 3} (alternated no-op/host and
 * collection off/on rounds), {@code --dir PATH} (default a temporary folder, deleted).
 *
 * <p>The ratios that the targets are about are measured side by side in one process: the no-op
 * handler and the host run at once and are loaded in turn, round after round, so a burst of other
 * work on a shared machine hits both alike; the table gives each side's median round, the ratio is
 * the median of the rounds' ratios, with their spread.
 */
public final class ScoringBench {
  private static final String SCORE = "/score";
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  private final Options options;
  private final Wrk wrk;
  private final Path dir;
  private final ScoringCases cases;
  /** What the host's data collector did in the collection case (null when not run). */
  private org.mloop.serving.collect.CollectorStats collected;
  /** The collector's writer thread's share of the process's CPU time while collecting (null when not run). */
  private Double collectorCpuShare;
  /** The host's share of the no-op handler's requests/s in each alternated round. */
  private final List<Double> noopRatios = new ArrayList<>();
  /** The throughput lost to data collection in each alternated round (1 - on/off). */
  private final List<Double> collectionCosts = new ArrayList<>();
  private static final String COLLECTOR_THREAD = "mloop-data-collector-";

  private ScoringBench(Options options, Path dir) {
    this.options = options;
    this.wrk = new Wrk(Path.of("bench/wrk/post.lua").toAbsolutePath(), options.threads);
    this.dir = dir;
    this.cases = new ScoringCases(wrk, options.seconds, options.warmup, options.connections, options.rounds);
  }

  /** What the command line sets. */
  private record Options(int seconds, int warmup, int connections, int threads, int batchRows, int batchConnections,
      int workers, String python, Path modelJar, int trainingRows, String docs, List<String> cases, int rounds) {
    static Options parse(String[] args) {
      int cores = Runtime.getRuntime().availableProcessors();
      return new Options(BenchArgs.intOption(args, "--seconds", 10), BenchArgs.intOption(args, "--warmup", 5),
          BenchArgs.intOption(args, "--connections", 64), BenchArgs.intOption(args, "--threads", 2),
          BenchArgs.intOption(args, "--batch-rows", 1000), BenchArgs.intOption(args, "--batch-connections", 16),
          BenchArgs.intOption(args, "--workers", cores), BenchArgs.option(args, "--python", "/usr/bin/python3"),
          Path.of(BenchArgs.option(args, "--model-jar", "model/target/diabetes-model.jar")),
          BenchArgs.intOption(args, "--rows", 5000), BenchArgs.option(args, "--docs", "none"),
          List.of(BenchArgs.option(args, "--cases", "noop,python,host").split(",")),
          Math.max(1, BenchArgs.intOption(args, "--rounds", 3)));
    }
  }


  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    try (WorkFolder folder = WorkFolder.open(args, "mloop-scorebench-")) {
      System.out.printf(Locale.ROOT, "java %s, %d cores, work folder %s%n", System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(), folder.path());
      new ScoringBench(options, folder.path()).run();
    }
  }

  private void run() throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    ScoringModel model = ScoringModel.train(options.modelJar, options.trainingRows, options.batchRows, dir);
    Path single = dir.resolve("single-row.json");
    Path batch = dir.resolve("batch.json");
    Files.writeString(single, model.azureBody(1));
    Files.writeString(batch, model.azureBody(options.batchRows));
    System.out.printf(Locale.ROOT, "single-row body (%d bytes): %s%nbatch body: %d rows, %,d bytes%n",
        Files.size(single), Files.readString(single), options.batchRows, Files.size(batch));

    if (options.cases.contains("python")) {
      pythonCases(model, single, batch);
    }
    if (options.cases.contains("host")) {
      hostCases(model, single, batch);
    } else if (options.cases.contains("noop")) {
      noopCases(single);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String section = new ScoringReport(options.seconds, options.warmup, options.connections, options.threads,
        options.batchRows, options.batchConnections, options.workers, cases.all(), loadBefore, loadAfter,
        versions(options.python), collected, collectorCpuShare, noopRatios, collectionCosts, options.rounds)
        .markdown(LocalDate.now());
    System.out.println();
    System.out.println(section);
    if (!options.docs.equals("none")) {
      Files.writeString(Path.of(options.docs), "\n" + section, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      System.out.println("appended to " + options.docs);
    }
  }

  private void noopCases(Path single) throws IOException, InterruptedException {
    try (NoopScoringServer noop = NoopScoringServer.start(freePort(), Runtime.getRuntime().availableProcessors())) {
      String url = "http://127.0.0.1:" + noop.port() + SCORE;
      System.out.printf(Locale.ROOT, "%nno-op (Vert.x, %d verticles) at %s%n", Runtime.getRuntime().availableProcessors(), url);
      Wrk.Result max = cases.measure("noop", "no-op handler, same HTTP stack (Vert.x 5 + Router, one verticle per core)",
          url, single, 1, JSON, options.connections);
      if (options.cases.contains("noop-half")) { // not in the default set: the target is the host's
        cases.halfLoad("noop-half", "no-op handler at about half of its maximum", url, single, JSON, max.perSecond());
      }
    }
  }

  private void pythonCases(ScoringModel model, Path single, Path batch) throws IOException, InterruptedException {
    try (PythonServer python = PythonServer.start(options.python, Path.of("bench/python/mlflow_like_server.py"),
        model.weightsFile(), freePort(), options.workers, dir.resolve("python.log"))) {
      String url = python.url() + SCORE;
      System.out.printf(Locale.ROOT, "%nPython (FastAPI + uvicorn, %d workers, pandas, scikit-learn) at %s%n",
          options.workers, url);
      model.checkAnswer("python", url, JSON, single);
      cases.measure("python", "Python: FastAPI + uvicorn (" + options.workers + " workers), pandas, scikit-learn", url, single, 1,
          JSON, options.connections);
      cases.measure("python-batch", "Python, " + options.batchRows + "-row requests", url, batch, options.batchRows, JSON,
          options.batchConnections);
    }
  }

  /**
   * The scoring host's cases ({@link BenchScoringHost}: a standalone host for one endpoint of a new
   * workspace, key auth, as {@code mloop serve --endpoint NAME} runs): single row at full speed
   * ("host", routed by the endpoint's traffic) alternated with the no-op handler ("noop") when that
   * case is asked for, at about half of the host's maximum ("host-half"), 1,000-row batches
   * ("host-batch"), then the same single row sent to the deployment without data collection and to
   * the one collecting 100% of its requests, both through the mloop-deployment header, alternated
   * ("host-off", "host-collect").
   */
  private void hostCases(ScoringModel model, Path single, Path batch) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    BenchScoringHost host = BenchScoringHost.start(dir.resolve("workspace"), model.dir(), cores);
    NoopScoringServer noop = options.cases.contains("noop") ? NoopScoringServer.start(freePort(), cores) : null;
    try {
      String url = host.scoreUrl();
      System.out.printf(Locale.ROOT, "%nscoring host (%d event loops), endpoint %s serving %s at %s%n", cores,
          BenchScoringHost.ENDPOINT, host.modelRef(), url);
      Map<String, String> byTraffic = host.headers(null);
      model.checkAnswer("the scoring host", url, byTraffic, single);
      // A fresh JVM: the JIT is still compiling the request path; without this extra warm-up the first
      // case measured the compiler as much as the host (half the throughput of the same path later).
      wrk.run(url, single, byTraffic, options.connections, 0, 2 * options.warmup);
      Wrk.Result max;
      if (noop != null) {
        String noopUrl = "http://127.0.0.1:" + noop.port() + SCORE;
        System.out.printf(Locale.ROOT, "no-op handler (Vert.x, %d verticles) at %s%n", cores, noopUrl);
        wrk.run(noopUrl, single, JSON, options.connections, 0, options.warmup);
        max = cases.alternated(new ScoringCases.Side("noop", "no-op handler, same HTTP stack (Vert.x 5 + Router, one verticle per core)",
            noopUrl, JSON), new ScoringCases.Side("host", "scoring host, key auth, routed by traffic", url, byTraffic), single,
            noopRatios);
        if (options.cases.contains("noop-half")) { // not in the default set: the target is the host's
          cases.halfLoad("noop-half", "no-op handler at about half of its maximum", noopUrl, single, JSON,
              cases.get("noop").result().perSecond());
        }
      } else {
        max = cases.measure("host", "scoring host, key auth, routed by traffic", url, single, 1, byTraffic,
            options.connections);
      }
      cases.halfLoad("host-half", "scoring host at about half of its maximum", url, single, byTraffic, max.perSecond());
      cases.measure("host-batch", "scoring host, " + options.batchRows + "-row requests", url, batch, options.batchRows,
          byTraffic, options.batchConnections);
      collectionCases(url, single, host.headers(BenchScoringHost.LIVE), host.headers(BenchScoringHost.COLLECTING),
          model);
    } finally {
      if (noop != null) {
        noop.close();
      }
      host.close(); // the collector writes what it still holds
    }
    collected = host.collected();
    System.out.printf(Locale.ROOT, "  data collector: %s%n", collected);
  }


  /**
   * Data collection off against on, alternated over {@link Options#rounds} rounds; the median round of
   * each goes into the table, each round's cost into {@link #collectionCosts}. During the "on" runs the
   * collector's threads' CPU time is compared with the whole process's, which says what collection
   * costs independently of the machine's noise.
   */
  private void collectionCases(String url, Path single, Map<String, String> off, Map<String, String> on, ScoringModel model)
      throws IOException, InterruptedException {
    model.checkAnswer("the collecting deployment", url, on, single);
    wrk.run(url, single, off, options.connections, 0, options.warmup);
    wrk.run(url, single, on, options.connections, 0, options.warmup);
    List<Wrk.Result> offs = new ArrayList<>();
    List<Wrk.Result> ons = new ArrayList<>();
    long writerCpu = 0;
    long processCpu = 0;
    for (int round = 1; round <= options.rounds; round++) {
      offs.add(wrk.run(url, single, off, options.connections, 0, options.seconds));
      long writerBefore = CpuTimes.threadNamed(COLLECTOR_THREAD);
      long processBefore = CpuTimes.process();
      ons.add(wrk.run(url, single, on, options.connections, 0, options.seconds));
      writerCpu += CpuTimes.threadNamed(COLLECTOR_THREAD) - writerBefore;
      processCpu += CpuTimes.process() - processBefore;
      collectionCosts.add(1 - ons.get(round - 1).perSecond() / offs.get(round - 1).perSecond());
      System.out.printf(Locale.ROOT, "  round %d: collection off %,.0f req/s, on %,.0f req/s (costs %.1f%%)%n", round,
          offs.get(round - 1).perSecond(), ons.get(round - 1).perSecond(), 100 * collectionCosts.get(round - 1));
    }
    Wrk.Result medianOff = ScoringCases.median(offs);
    Wrk.Result medianOn = ScoringCases.median(ons);
    cases.add(new ScoringCases.Case("host-off", "scoring host, deployment '" + BenchScoringHost.LIVE + "' by header, data "
        + "collection off (median of " + options.rounds + " alternated runs)", 1, medianOff));
    cases.add(new ScoringCases.Case("host-collect", "scoring host, deployment '" + BenchScoringHost.COLLECTING + "' by header, data "
        + "collection at 100% (median of " + options.rounds + " alternated runs)", 1, medianOn));
    collectorCpuShare = processCpu > 0 ? (double) writerCpu / processCpu : null;
    System.out.printf(Locale.ROOT, "  collector threads: %.1f%% of the host process's CPU while collecting%n",
        collectorCpuShare == null ? Double.NaN : 100 * collectorCpuShare);
  }

  // ---- helpers

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** "wrk 4.1.0, Python 3.11.2 with fastapi 0.92.0, ..." for the report. */
  private static String versions(String python) throws IOException, InterruptedException {
    String wrkVersion = run(List.of("wrk", "-v")).lines().findFirst().orElse("wrk ?").replaceAll("\\s*Copyright.*", "");
    // uvicorn picks httptools and uvloop when they are installed, h11 and asyncio otherwise.
    String py = run(List.of(python, "-c", "import sys, importlib.util as u, fastapi, uvicorn, sklearn, pandas, numpy;"
        + "http = 'httptools' if u.find_spec('httptools') else 'h11';"
        + "loop = 'uvloop' if u.find_spec('uvloop') else 'asyncio';"
        + "print('Python %s, FastAPI %s, uvicorn %s (%s, %s), scikit-learn %s, pandas %s, NumPy %s' % ("
        + "sys.version.split()[0], fastapi.__version__, uvicorn.__version__, http, loop, sklearn.__version__,"
        + " pandas.__version__, numpy.__version__))")).trim();
    return wrkVersion + "; " + py;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
