package org.mloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.files.FileTrees;
import org.mloop.core.json.Json;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictor;

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
  private final List<Case> cases = new ArrayList<>();
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

  /** One measured line of the table. {@code rowsPerRequest} turns requests into rows. */
  record Case(String key, String description, int rowsPerRequest, Wrk.Result result) {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    String dirOption = BenchArgs.option(args, "--dir");
    Path dir = dirOption != null ? Path.of(dirOption) : Files.createTempDirectory("mloop-scorebench-");
    Files.createDirectories(dir);
    System.out.printf(Locale.ROOT, "java %s, %d cores, work folder %s%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), dir);
    try {
      new ScoringBench(options, dir).run();
    } finally {
      if (dirOption == null) {
        FileTrees.deleteTree(dir);
      }
    }
  }

  private void run() throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Model model = trainModel();
    Path single = dir.resolve("single-row.json");
    Path batch = dir.resolve("batch.json");
    Files.writeString(single, azureBody(model, 1));
    Files.writeString(batch, azureBody(model, options.batchRows));
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
        options.batchRows, options.batchConnections, options.workers, cases, loadBefore, loadAfter,
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
      Wrk.Result max = measure("noop", "no-op handler, same HTTP stack (Vert.x 5 + Router, one verticle per core)",
          url, single, 1, JSON, options.connections);
      if (options.cases.contains("noop-half")) { // not in the default set: the target is the host's
        halfLoad("noop-half", "no-op handler at about half of its maximum", url, single, JSON, max.perSecond());
      }
    }
  }

  private void pythonCases(Model model, Path single, Path batch) throws IOException, InterruptedException {
    try (PythonServer python = PythonServer.start(options.python, Path.of("bench/python/mlflow_like_server.py"),
        model.weightsFile, freePort(), options.workers, dir.resolve("python.log"))) {
      String url = python.url() + SCORE;
      System.out.printf(Locale.ROOT, "%nPython (FastAPI + uvicorn, %d workers, pandas, scikit-learn) at %s%n",
          options.workers, url);
      checkAnswer("python", url, JSON, single, model);
      measure("python", "Python: FastAPI + uvicorn (" + options.workers + " workers), pandas, scikit-learn", url, single, 1,
          JSON, options.connections);
      measure("python-batch", "Python, " + options.batchRows + "-row requests", url, batch, options.batchRows, JSON,
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
  private void hostCases(Model model, Path single, Path batch) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    BenchScoringHost host = BenchScoringHost.start(dir.resolve("workspace"), model.dir(), cores);
    NoopScoringServer noop = options.cases.contains("noop") ? NoopScoringServer.start(freePort(), cores) : null;
    try {
      String url = host.scoreUrl();
      System.out.printf(Locale.ROOT, "%nscoring host (%d event loops), endpoint %s serving %s at %s%n", cores,
          BenchScoringHost.ENDPOINT, host.modelRef(), url);
      Map<String, String> byTraffic = host.headers(null);
      checkAnswer("the scoring host", url, byTraffic, single, model);
      // A fresh JVM: the JIT is still compiling the request path; without this extra warm-up the first
      // case measured the compiler as much as the host (half the throughput of the same path later).
      wrk.run(url, single, byTraffic, options.connections, 0, 2 * options.warmup);
      Wrk.Result max;
      if (noop != null) {
        String noopUrl = "http://127.0.0.1:" + noop.port() + SCORE;
        System.out.printf(Locale.ROOT, "no-op handler (Vert.x, %d verticles) at %s%n", cores, noopUrl);
        wrk.run(noopUrl, single, JSON, options.connections, 0, options.warmup);
        max = alternated(new Side("noop", "no-op handler, same HTTP stack (Vert.x 5 + Router, one verticle per core)",
            noopUrl, JSON), new Side("host", "scoring host, key auth, routed by traffic", url, byTraffic), single,
            noopRatios);
        if (options.cases.contains("noop-half")) { // not in the default set: the target is the host's
          halfLoad("noop-half", "no-op handler at about half of its maximum", noopUrl, single, JSON,
              ScoringBench.byKey(cases).get("noop").result().perSecond());
        }
      } else {
        max = measure("host", "scoring host, key auth, routed by traffic", url, single, 1, byTraffic,
            options.connections);
      }
      halfLoad("host-half", "scoring host at about half of its maximum", url, single, byTraffic, max.perSecond());
      measure("host-batch", "scoring host, " + options.batchRows + "-row requests", url, batch, options.batchRows,
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

  /** One server of an alternated comparison: its case key and description, URL and headers. */
  private record Side(String key, String description, String url, Map<String, String> headers) {}

  /**
   * {@link Options#rounds} rounds of {@code a} then {@code b} at full speed, single row; the median
   * round of each goes into the table and each round's ratio b/a into {@code ratios}. Returns b's median.
   */
  private Wrk.Result alternated(Side a, Side b, Path body, List<Double> ratios) throws IOException, InterruptedException {
    List<Wrk.Result> as = new ArrayList<>();
    List<Wrk.Result> bs = new ArrayList<>();
    for (int round = 1; round <= options.rounds; round++) {
      as.add(wrk.run(a.url, body, a.headers, options.connections, 0, options.seconds));
      bs.add(wrk.run(b.url, body, b.headers, options.connections, 0, options.seconds));
      ratios.add(bs.get(round - 1).perSecond() / as.get(round - 1).perSecond());
      System.out.printf(Locale.ROOT, "  round %d: %s %,.0f req/s, %s %,.0f req/s (%.1f%%)%n", round, a.key,
          as.get(round - 1).perSecond(), b.key, bs.get(round - 1).perSecond(), 100 * ratios.get(round - 1));
    }
    String rounds = " (median of " + options.rounds + " alternated runs)";
    cases.add(new Case(a.key, a.description + rounds, 1, median(as)));
    Wrk.Result result = median(bs);
    cases.add(new Case(b.key, b.description + rounds, 1, result));
    return result;
  }

  /**
   * Data collection off against on, alternated over {@link Options#rounds} rounds; the median round of
   * each goes into the table, each round's cost into {@link #collectionCosts}. During the "on" runs the
   * collector's threads' CPU time is compared with the whole process's, which says what collection
   * costs independently of the machine's noise.
   */
  private void collectionCases(String url, Path single, Map<String, String> off, Map<String, String> on, Model model)
      throws IOException, InterruptedException {
    checkAnswer("the collecting deployment", url, on, single, model);
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
    Wrk.Result medianOff = median(offs);
    Wrk.Result medianOn = median(ons);
    cases.add(new Case("host-off", "scoring host, deployment '" + BenchScoringHost.LIVE + "' by header, data "
        + "collection off (median of " + options.rounds + " alternated runs)", 1, medianOff));
    cases.add(new Case("host-collect", "scoring host, deployment '" + BenchScoringHost.COLLECTING + "' by header, data "
        + "collection at 100% (median of " + options.rounds + " alternated runs)", 1, medianOn));
    collectorCpuShare = processCpu > 0 ? (double) writerCpu / processCpu : null;
    System.out.printf(Locale.ROOT, "  collector threads: %.1f%% of the host process's CPU while collecting%n",
        collectorCpuShare == null ? Double.NaN : 100 * collectorCpuShare);
  }

  private static Wrk.Result median(List<Wrk.Result> results) {
    List<Wrk.Result> sorted = new ArrayList<>(results);
    sorted.sort(java.util.Comparator.comparingDouble(Wrk.Result::perSecond));
    return sorted.get(sorted.size() / 2);
  }

  // ---- measuring

  /** Warm-up, then one measured run at full speed; the result goes into the table. */
  private Wrk.Result measure(String key, String description, String url, Path body, int rowsPerRequest,
      Map<String, String> headers, int connections) throws IOException, InterruptedException {
    wrk.run(url, body, headers, connections, 0, options.warmup);
    Wrk.Result result = wrk.run(url, body, headers, connections, 0, options.seconds);
    System.out.printf(Locale.ROOT, "  %-13s %s%s%n", key, result.summary(),
        rowsPerRequest > 1 ? String.format(Locale.ROOT, " = %,.0f rows/s", result.perSecond() * rowsPerRequest) : "");
    cases.add(new Case(key, description, rowsPerRequest, result));
    return result;
  }

  /**
   * Latency at about half of {@code max} requests/s: every connection pauses 1 ms after each
   * response, and the connection count comes from a short probe (throughput grows with connections
   * until the server saturates).
   */
  private Wrk.Result halfLoad(String key, String description, String url, Path body, Map<String, String> headers,
      double max) throws IOException, InterruptedException {
    double target = max / 2;
    int guess = (int) Math.max(1, Math.min(1024, Math.round(target / 800))); // ~800 req/s per paced connection
    Wrk.Result probe = wrk.run(url, body, headers, guess, 1, Math.max(3, options.warmup));
    int connections = (int) Math.max(1, Math.min(1024, Math.round(guess * target / probe.perSecond())));
    System.out.printf(Locale.ROOT, "  half-load probe: %s -> %d connections for %,.0f req/s%n",
        probe.summary(), connections, target);
    Wrk.Result result = wrk.run(url, body, headers, connections, 1, options.seconds);
    System.out.printf(Locale.ROOT, "  %-13s %s (%.0f%% of the maximum)%n", key, result.summary(),
        100 * result.perSecond() / max);
    cases.add(new Case(key, description, 1, result));
    return result;
  }

  /** Posts the single-row body once and checks the answer's probabilities against our predictor's. */
  private static void checkAnswer(String who, String url, Map<String, String> headers, Path body, Model model)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofFile(body));
    headers.forEach(request::header);
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(who + " answered " + response.statusCode() + ": " + response.body());
    }
    System.out.println("  answer: " + response.body());
    double expected = model.predictor.predictRows(new double[][] {model.rows().get(0)})
        .probability(0, model.weights.positiveClass());
    JsonNode probabilities = Json.mapper().readTree(response.body()).path("probabilities").path(0);
    int positive = model.predictor.classes().indexOf(model.weights.positiveClass());
    double got = probabilities.path(positive).asDouble(Double.NaN);
    if (!(Math.abs(got - expected) < 1e-9)) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s gave P(%s) = %s for the request row, mloop's predictor %.12f: not the same model",
          who, model.weights.positiveClass(), got, expected));
    }
  }

  // ---- the model and the requests

  /** The trained model folder, its predictor, its weights (also as the Python comparator's JSON) and request rows. */
  private record Model(Path dir, Predictor predictor, LinearWeights weights, Path weightsFile, List<double[]> rows) {}

  /** Trains the logistic regression with the real training jar on synthetic patients and exports its weights. */
  private Model trainModel() throws Exception {
    if (!Files.isRegularFile(options.modelJar)) {
      throw new IllegalArgumentException("no training jar at " + options.modelJar.toAbsolutePath()
          + ": build it with ./mvnw -pl model -am package -DskipTests, or pass --model-jar PATH");
    }
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    new DiabetesSynthesizer(7).write(data.resolve("diabetes.csv"), options.trainingRows);
    Path modelDir = RegistryBench.train(options.modelJar, data, dir.resolve("model"), "logistic_regression");
    Predictor predictor = ModelLoader.load(modelDir);
    List<ColumnSpec> inputs = predictor.model().signature().inputs();
    List<double[]> rows = new ArrayList<>();
    for (PatientRow patient : new DiabetesSynthesizer(11).rows(Math.max(options.batchRows, 200))) {
      double[] row = new double[inputs.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = patient.feature(DiabetesFeature.ofColumn(inputs.get(i).name()));
      }
      rows.add(row);
    }
    LinearWeights weights = LinearWeights.of(modelDir, predictor);
    weights.check(predictor, rows.toArray(double[][]::new));
    Path weightsFile = dir.resolve("sklearn-weights.json");
    weights.write(weightsFile, predictor, rows.subList(0, 5).toArray(double[][]::new));
    System.out.printf(Locale.ROOT, "weights of the trained model (checked on %d rows): intercept %.6f, coef %s%n",
        rows.size(), weights.intercept(), java.util.Arrays.toString(weights.coef()));
    return new Model(modelDir, predictor, weights, weightsFile, rows);
  }

  /** The Azure ML /score body, the first {@code count} rows: {"input_data": {"columns", "index", "data"}}. */
  private static String azureBody(Model model, int count) {
    return azureBody(model.rows().subList(0, count), model.predictor().model().signature().inputs());
  }

  private static String azureBody(List<double[]> rows, List<ColumnSpec> columns) {
    ObjectNode root = Json.mapper().createObjectNode();
    ObjectNode input = root.putObject("input_data");
    ArrayNode names = input.putArray("columns");
    columns.forEach(c -> names.add(c.name()));
    ArrayNode index = input.putArray("index");
    ArrayNode data = input.putArray("data");
    for (int r = 0; r < rows.size(); r++) {
      index.add(r);
      ArrayNode values = data.addArray();
      for (int i = 0; i < columns.size(); i++) {
        double v = rows.get(r)[i];
        if (columns.get(i).type() == ColumnType.LONG) {
          values.add((long) v);
        } else {
          values.add(v);
        }
      }
    }
    return Json.write(root);
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

  static Map<String, Case> byKey(List<Case> cases) {
    Map<String, Case> map = new LinkedHashMap<>();
    cases.forEach(c -> map.put(c.key(), c));
    return map;
  }
}
