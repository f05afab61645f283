package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.json.Json;
import org.mloop.runtime.testing.ModelFolders;

/**
 * Scoring an online endpoint as its users do: `mloop endpoint invoke` on a workspace directory
 * (in-process) and through `mloop server` answer the same in every request format, and
 * `mloop serve --endpoint` runs a replica that checks keys, follows a traffic change made by
 * another process and counts its requests in /metrics.
 */
class OnlineEndpointSpecTest {
  private static final String ENDPOINT = "diabetes-prod";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path temp;
  Path workspace;
  Cli cli;
  /** The sample request's three patients, in signature order. */
  final double[][] rows = {
      {9, 104, 51, 7, 24, 27.36983156, 1.350472047, 43},
      {6, 73, 61, 35, 24, 18.74367404, 1.074147566, 75},
      {4, 115, 50, 29, 243, 34.69215364, 0.741159926, 59}};

  @BeforeEach
  void setUp() throws IOException {
    workspace = temp.resolve("ws");
    cli = new Cli(workspace.toString());
    Path v1 = ModelFolders.write(temp.resolve("m1"), ModelFolders.logistic(ModelFolders.patients(1, 400)),
        ModelFolders.patients(2, 3));
    Path v2 = ModelFolders.write(temp.resolve("m2"), ModelFolders.logistic(ModelFolders.patients(3, 400)),
        ModelFolders.patients(4, 3));
    ok(cli.run("model", "register", "--name", "diabetes", "--path", v1.toString()));
    ok(cli.run("model", "register", "--name", "diabetes", "--path", v2.toString()));
    ok(cli.run("endpoint", "create", "--name", ENDPOINT));
    ok(cli.run("deployment", "create", "--endpoint", ENDPOINT, "--name", "blue", "--model", "diabetes:1"));
  }

  @Test
  void invokeAnswersTheSameOnADirectoryAndThroughAServerInEveryFormat() throws Exception {
    Map<String, Path> requests = requestFiles();
    List<String> local = new ArrayList<>();
    for (Map.Entry<String, Path> r : requests.entrySet()) {
      Cli.Result result = ok(cli.run("endpoint", "invoke", "--name", ENDPOINT, "--request-file",
          r.getValue().toString(), "--protocol", r.getKey()));
      assertThat(result.err()).as("which deployment answered").contains("from deployment blue").contains("request id");
      local.add(r.getKey() + " " + predictions(r.getKey(), Json.mapper().readTree(result.out())));
    }
    assertThat(local.get(0)).as("three rows scored").matches("score \\[.+, .+, .+\\] \\[.+\\]");
    assertThat(withoutFormat(local)).as("every format, locally").containsOnly(withoutFormat(local).get(0));

    try (ServerProcess server = ServerProcess.start(workspace)) {
      Cli remote = new Cli(server.url());
      List<String> served = new ArrayList<>();
      for (Map.Entry<String, Path> r : requests.entrySet()) {
        Cli.Result result = ok(remote.run("endpoint", "invoke", "--name", ENDPOINT, "--request-file",
            r.getValue().toString(), "--protocol", r.getKey(), "--deployment", "blue"));
        assertThat(result.err()).contains("from deployment blue");
        served.add(r.getKey() + " " + predictions(r.getKey(), Json.mapper().readTree(result.out())));
      }
      assertThat(served).as("through the server, as on the directory").isEqualTo(local);

      Cli.Result missing = remote.run("endpoint", "invoke", "--name", ENDPOINT, "--request-file",
          requests.get("score").toString(), "--deployment", "green");
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.out()).contains("no deployment 'green'");
      assertThat(missing.err()).contains("HTTP 404").doesNotContain("Exception");

      HttpResponse<String> noKey = post(server.url() + "/endpoints/" + ENDPOINT + "/score", null,
          requests.get("score"));
      assertThat(noKey.statusCode()).as("scoring needs the endpoint's key, not a workspace token").isEqualTo(401);
      HttpResponse<String> metrics = get(server.url() + "/metrics");
      assertThat(metrics.statusCode()).as("/metrics is open on loopback").isEqualTo(200);
      assertThat(metrics.body()).contains("mloop_endpoint_requests_total").contains("status=\"401\"");
    }
  }

  @Test
  void serveRunsAReplicaThatChecksKeysFollowsTrafficAndCountsRequests() throws Exception {
    String key = Json.mapper().readTree(ok(cli.run("endpoint", "get-keys", "--name", ENDPOINT, "--output", "json"))
        .out()).path("primaryKey").asText();
    Path request = requestFiles().get("score");
    try (ServerProcess serve = ServerProcess.command("serve", "--endpoint", ENDPOINT, "--workspace",
        workspace.toString(), "--port", "0", "--instances", "1")) {
      String url = serve.url();
      until("GET /ready answers 200", () -> get(url + "/ready").statusCode() == 200);

      HttpResponse<String> scored = post(url + "/score", key, request);
      assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
      assertThat(scored.headers().firstValue("mloop-deployment")).hasValue("blue");
      assertThat(Json.mapper().readTree(scored.body()).path("predictions")).hasSize(3);
      assertThat(post(url + "/score", null, request).statusCode()).isEqualTo(401);
      assertThat(post(url + "/score", "not-a-key", request).statusCode()).isEqualTo(401);

      // Another process (this CLI) rolls green out; the replica follows within seconds.
      ok(cli.run("deployment", "create", "--endpoint", ENDPOINT, "--name", "green", "--model", "diabetes:2"));
      ok(cli.run("endpoint", "update", "--name", ENDPOINT, "--traffic", "blue=0,green=100"));
      until("the replica routes to green", () -> "green".equals(post(url + "/score", key, request).headers()
          .firstValue("mloop-deployment").orElse(null)));

      String metrics = get(url + "/metrics").body();
      assertThat(lines(metrics, l -> l.startsWith("mloop_endpoint_requests_total")
          && l.contains("deployment=\"blue\"") && l.contains("status=\"200\"")))
          .as(metrics).hasSize(1);
      assertThat(lines(metrics, l -> l.startsWith("mloop_endpoint_requests_total")
          && l.contains("deployment=\"green\"") && l.contains("status=\"200\""))).hasSize(1);
      assertThat(lines(metrics, l -> l.startsWith("mloop_endpoint_requests_total") && l.contains("status=\"401\"")))
          .singleElement().asString().endsWith(" 2.0");
      assertThat(serve.output()).contains("ready: endpoint " + ENDPOINT);
    }
  }

  @Test
  void serveAlsoRunsAgainstAServerWorkspace() throws Exception {
    Path request = requestFiles().get("score");
    try (ServerProcess server = ServerProcess.start(workspace);
        ServerProcess serve = ServerProcess.command(Map.of("XDG_CACHE_HOME", temp.resolve("cache").toString()),
            "serve", "--endpoint", ENDPOINT, "--workspace", server.url(), "--port", "0", "--instances", "1")) {
      String key = Json.mapper().readTree(ok(new Cli(server.url()).run("endpoint", "get-keys", "--name", ENDPOINT,
          "--output", "json")).out()).path("primaryKey").asText();
      try {
        until("GET /ready answers 200", () -> get(serve.url() + "/ready").statusCode() == 200);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n/ready: " + get(serve.url() + "/ready").body() + "\nserve: "
            + serve.output(), e);
      }
      HttpResponse<String> scored = post(serve.url() + "/score", key, request);
      assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
      assertThat(scored.headers().firstValue("mloop-deployment")).hasValue("blue");
      assertThat(temp.resolve("cache/mloop/models")).as("models downloaded to the user's cache").isNotEmptyDirectory();
      HttpResponse<String> direct = post(server.url() + "/endpoints/" + ENDPOINT + "/score", key, request);
      assertThat(Json.mapper().readTree(scored.body())).as("the replica answers as the server does")
          .isEqualTo(Json.mapper().readTree(direct.body()));
    }
  }

  // ---- request files in the three formats, and what each answer predicts

  private Map<String, Path> requestFiles() throws IOException {
    List<String> columns = DiabetesFeature.columns();
    ObjectNode split = Json.mapper().createObjectNode();
    split.set("columns", Json.mapper().valueToTree(columns));
    split.set("data", values());
    ObjectNode score = Json.mapper().createObjectNode();
    score.set("input_data", split.deepCopy());
    ObjectNode invocations = Json.mapper().createObjectNode();
    invocations.set("dataframe_split", split.deepCopy());
    ObjectNode v2 = Json.mapper().createObjectNode();
    ArrayNode inputs = v2.putArray("inputs");
    for (int c = 0; c < columns.size(); c++) {
      boolean integer = DiabetesFeature.ofColumn(columns.get(c)).integer();
      ObjectNode tensor = inputs.addObject().put("name", columns.get(c)).put("datatype", integer ? "INT64" : "FP64");
      tensor.putArray("shape").add(rows.length);
      ArrayNode data = tensor.putArray("data");
      for (double[] row : rows) {
        if (integer) {
          data.add((long) row[c]);
        } else {
          data.add(row[c]);
        }
      }
    }
    Map<String, Path> files = new java.util.LinkedHashMap<>();
    files.put("score", write("score.json", score));
    files.put("invocations", write("invocations.json", invocations));
    files.put("v2", write("v2.json", v2));
    return files;
  }

  private ArrayNode values() {
    ArrayNode data = Json.mapper().createArrayNode();
    for (double[] row : rows) {
      ArrayNode r = data.addArray();
      for (int c = 0; c < row.length; c++) {
        if (DiabetesFeature.ofColumn(DiabetesFeature.columns().get(c)).integer()) {
          r.add((long) row[c]);
        } else {
          r.add(row[c]);
        }
      }
    }
    return data;
  }

  private Path write(String name, JsonNode body) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, Json.writePretty(body));
    return file;
  }

  /** "[labels] [probabilities, row-major]" of an answer in any of the three formats. */
  private static String predictions(String format, JsonNode answer) {
    List<String> labels = new ArrayList<>();
    List<String> probabilities = new ArrayList<>();
    if (format.equals("v2")) {
      for (JsonNode output : answer.path("outputs")) {
        List<String> into = output.path("name").asText().equals("label") ? labels : probabilities;
        output.path("data").forEach(v -> into.add(v.asText()));
      }
    } else {
      answer.path("predictions").forEach(v -> labels.add(v.asText()));
      answer.path("probabilities").forEach(row -> row.forEach(v -> probabilities.add(v.asText())));
    }
    assertThat(labels).as(answer.toString()).hasSize(3);
    assertThat(probabilities).as(answer.toString()).hasSize(6);
    return labels + " " + probabilities;
  }

  private static List<String> withoutFormat(List<String> answers) {
    return answers.stream().map(a -> a.substring(a.indexOf(' ') + 1)).toList();
  }

  // ---- HTTP

  private static HttpResponse<String> post(String url, String key, Path body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofFile(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> lines(String text, Predicate<String> keep) {
    return text.lines().filter(keep).toList();
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls for at most 20 s: a bound for a change to reach another process, not a timing assertion. */
  private static void until(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!check.holds()) {
      assertThat(System.nanoTime()).as("waited 20 s for: " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static Cli.Result ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    return result;
  }
}
