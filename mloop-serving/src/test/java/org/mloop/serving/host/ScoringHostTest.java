package org.mloop.serving.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.host.Fixtures.await;
import static org.mloop.serving.host.Fixtures.get;
import static org.mloop.serving.host.Fixtures.post;
import static org.mloop.serving.host.Fixtures.request;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.serving.collect.CollectedBatch;
import org.mloop.serving.collect.DataCollector;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringLimits;

class ScoringHostTest {
  static final String EP = "diabetes-prod";

  final MemoryCatalog catalog = new MemoryCatalog();
  final List<CollectedBatch> collected = new CopyOnWriteArrayList<>();
  ScoringHost host;
  ScoringServer server;
  String key;

  @BeforeEach
  void endpointWithBlueLiveAndGreenAtZero() {
    Fixtures.registerModels(catalog);
    key = catalog.createEndpoint(EP, AuthMode.KEY).keys().secondary();
    catalog.addDeployment(EP, "blue", "diabetes", 1, 100, DataCollection.OFF);
    catalog.addDeployment(EP, "green", "diabetes", 2, 0, DataCollection.OFF);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (host != null) {
      host.close();
    }
  }

  void serveAll(HostOptions options) {
    host = ScoringHost.allEndpoints(catalog, TestCodec.CODECS, new Recorder(), options).start();
    server = ScoringServer.start(host, "127.0.0.1", 0, 2);
  }

  void serveAll() {
    serveAll(HostOptions.defaults().withPollInterval(Duration.ofMillis(50)));
    await("endpoint ready", () -> host.ready(EP));
  }

  String url(String path) {
    return server.url() + path;
  }

  HttpResponse<String> score(String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + key;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return post(url("/endpoints/" + EP + "/score"), body, all);
  }

  @Test
  void scoresByLiveTrafficAndNamesTheDeploymentAndRequestId() {
    serveAll();
    HttpResponse<String> r = score(request(5, 3), "x-request-id", "abc-123");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"labels\"").contains("\"probabilities\"");
    assertThat(r.headers().firstValue("mloop-deployment")).hasValue("blue");
    assertThat(r.headers().firstValue("x-request-id")).hasValue("abc-123");
    HttpResponse<String> generated = score(request(5, 1));
    assertThat(generated.headers().firstValue("x-request-id").orElseThrow()).hasSize(36);
  }

  @Test
  void readinessWaitsUntilEveryDeploymentWithTrafficIsLoaded() {
    catalog.holdLoads();
    serveAll(HostOptions.defaults().withPollInterval(Duration.ofMillis(50)));
    HttpResponse<String> before = get(url("/endpoints/" + EP + "/ready"));
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(get(url("/endpoints/" + EP + "/v2/health/live")).statusCode()).as("live while loading").isEqualTo(200);
    assertThat(get(url("/endpoints/" + EP + "/v2/health/ready")).statusCode()).isEqualTo(503);
    assertThat(score(request(5, 1)).statusCode()).isEqualTo(503);

    catalog.releaseLoads();
    await("ready", () -> host.ready(EP));
    assertThat(get(url("/endpoints/" + EP + "/ready")).body()).contains("\"ready\":true");
    assertThat(get(url("/endpoints/" + EP + "/v2/health/ready")).statusCode()).isEqualTo(200);
    assertThat(get(url("/endpoints/" + EP + "/v2/models/green/ready"), "Authorization", "Bearer " + key).statusCode())
        .isEqualTo(200);
    assertThat(get(url("/endpoints/" + EP + "/v2/health/live")).statusCode()).isEqualTo(200);
    assertThat(catalog.events()).extracting(MemoryCatalog.Event::message)
        .anyMatch(m -> m.matches("model diabetes:1 loaded in \\d+ ms"))
        .anyMatch(m -> m.matches("model diabetes:2 loaded in \\d+ ms"));
  }

  @Test
  void refusesMissingAndWrongKeysWith401AndAcceptsEitherKey() {
    serveAll();
    HttpResponse<String> none = post(url("/endpoints/" + EP + "/score"), request(5, 1));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("\"status\":401").contains("Authorization: Bearer");
    HttpResponse<String> wrong = post(url("/endpoints/" + EP + "/score"), request(5, 1),
        "Authorization", "Bearer not-a-key");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not one of its keys");
    // A key outside the Authorization header does not count.
    assertThat(post(url("/endpoints/" + EP + "/score"), request(5, 1), "azureml-model-deployment", "blue",
        "Authorization", catalog.get(EP).keys().primary()).statusCode()).isEqualTo(401);
    assertThat(post(url("/endpoints/" + EP + "/score"), request(5, 1),
        "Authorization", "Bearer " + catalog.get(EP).keys().primary()).statusCode()).isEqualTo(200);
    assertThat(score(request(5, 1)).statusCode()).isEqualTo(200);
  }

  /** A caller without a key is answered from the headers: the host does not wait for (or buffer) its body. */
  @Test
  void aRequestWithoutAKeyIsRefusedBeforeItsBodyIsRead() throws Exception {
    serveAll();
    java.net.URI uri = java.net.URI.create(url("/endpoints/" + EP + "/score"));
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      // Announces 8 MB and sends 10 bytes: waiting for the rest would never answer.
      socket.getOutputStream().write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: 8000000\r\n\r\n{\"input_da").getBytes(
          StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] head = new byte[12];
      int read = 0;
      while (read < head.length) {
        int n = socket.getInputStream().read(head, read, head.length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 401");
    }
  }

  @Test
  void endpointsWithoutKeyAuthNeedNoKey() {
    catalog.createEndpoint("open-demo", AuthMode.NONE);
    catalog.addDeployment("open-demo", "blue", "diabetes", 1, 100, DataCollection.OFF);
    serveAll();
    await("open-demo ready", () -> host.ready("open-demo"));
    assertThat(post(url("/endpoints/open-demo/score"), request(5, 1)).statusCode()).isEqualTo(200);
  }

  @Test
  void aHeaderTargetsOneDeploymentEvenAtZeroTraffic() {
    serveAll();
    String body = request(7, 4);
    HttpResponse<String> green = score(body, "mloop-deployment", "green");
    assertThat(green.statusCode()).isEqualTo(200);
    assertThat(green.headers().firstValue("mloop-deployment")).hasValue("green");
    HttpResponse<String> azure = score(body, "azureml-model-deployment", "green");
    assertThat(azure.headers().firstValue("mloop-deployment")).hasValue("green");
    assertThat(azure.body()).isEqualTo(green.body());
    assertThat(score(body).body()).as("blue and green are different models").isNotEqualTo(green.body());

    HttpResponse<String> unknown = score(body, "mloop-deployment", "purple");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no deployment 'purple'").contains("blue, green");
  }

  @Test
  void mirrorTrafficIsScoredOnTheSideAndNeverChangesTheAnswer() {
    serveAll();
    String body = request(11, 2);
    String blueAnswer = score(body).body();
    catalog.traffic(EP, "blue=100", "green=50");
    host.refreshNow();
    for (int i = 0; i < 60; i++) {
      HttpResponse<String> r = score(body);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("mloop-deployment")).hasValue("blue");
      assertThat(r.body()).isEqualTo(blueAnswer);
    }
    await("mirrored requests scored", () -> host.mirrored(EP, "green", "scored") > 0);
    assertThat(host.mirrored(EP, "green", "scored")).isLessThan(60);
    assertThat(host.metricsText()).contains("mloop_endpoint_mirror_requests_total{deployment=\"green\",endpoint=\""
        + EP + "\",outcome=\"scored\"}");
  }

  @Test
  void badRequestsGetJsonErrorsWithoutStackTraces() {
    serveAll();
    HttpResponse<String> notJson = score("{oops");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("\"error\":\"body is not JSON\"").doesNotContain("at org.");
    HttpResponse<String> shortRow = score("{\"data\": [[1, 2]]}");
    assertThat(shortRow.statusCode()).isEqualTo(400);
    assertThat(shortRow.body()).contains("must have 8 values");
    HttpResponse<String> v2 = post(url("/endpoints/" + EP + "/v2/models/diabetes/infer"), "{}",
        "Authorization", "Bearer " + key);
    assertThat(v2.statusCode()).isEqualTo(400);
    assertThat(v2.body()).startsWith("{\"error\":");
    assertThat(post(url("/endpoints/nope-nope/score"), "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void refusesABodyOverTheLimitWith413() {
    serveAll(HostOptions.defaults().withPollInterval(Duration.ofMillis(50)).withLimits(new ScoringLimits(100, 2000)));
    await("ready", () -> host.ready(EP));
    HttpResponse<String> big = score(request(5, 50));
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(big.body()).contains("over the limit of 2000 bytes");
    assertThat(score(request(5, 2)).statusCode()).isEqualTo(200);

    // Without Content-Length (chunked), the host stops at the limit instead of reading everything.
    byte[] chunked = request(5, 50).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> streamed = Fixtures.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(url("/endpoints/" + EP + "/score")))
        .header("Authorization", "Bearer " + key)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(chunked))).build());
    assertThat(streamed.statusCode()).isEqualTo(413);
    assertThat(streamed.body()).contains("limit of 2000 bytes");
  }

  @Test
  void openInferenceRoutesTargetByModelOrDeploymentName() {
    serveAll();
    String body = request(9, 2);
    String[] auth = {"Authorization", "Bearer " + key};
    HttpResponse<String> byModel = post(url("/endpoints/" + EP + "/v2/models/diabetes/infer"), body, auth);
    assertThat(byModel.headers().firstValue("mloop-deployment")).hasValue("blue");
    HttpResponse<String> byDeployment = post(url("/endpoints/" + EP + "/v2/models/green/infer"), body, auth);
    assertThat(byDeployment.headers().firstValue("mloop-deployment")).hasValue("green");
    HttpResponse<String> byVersion = post(url("/endpoints/" + EP + "/v2/models/diabetes/versions/2/infer"), body, auth);
    assertThat(byVersion.headers().firstValue("mloop-deployment")).hasValue("green");
    assertThat(post(url("/endpoints/" + EP + "/v2/models/other/infer"), body, auth).statusCode()).isEqualTo(404);

    HttpResponse<String> metadata = Fixtures.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(url("/endpoints/" + EP + "/v2/models/diabetes"))).header(auth[0], auth[1]).build());
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.body()).contains("\"name\":\"Pregnancies\",\"datatype\":\"INT64\",\"shape\":[-1]")
        .contains("\"versions\":[\"diabetes:1\",\"diabetes:2\"]");
  }

  @Test
  void aDeploymentWhoseModelFailsToLoadIsLoggedAndGetsNoTraffic() {
    serveAll();
    catalog.addDeployment(EP, "broken", "diabetes", 9, 0, DataCollection.OFF);
    catalog.traffic(EP, "blue=50,broken=50", "");
    host.refreshNow();
    assertThat(host.ready(EP)).isFalse();
    assertThat(host.waitingFor(EP)).singleElement().asString().startsWith("broken (failed to load:");
    // The load error is for the endpoint's users; a probe without the key gets the flag only.
    HttpResponse<String> probe = get(url("/endpoints/" + EP + "/ready"));
    assertThat(probe.statusCode()).isEqualTo(503);
    assertThat(probe.body()).doesNotContain("failed to load").doesNotContain("waiting_for");
    HttpResponse<String> detailed = Fixtures.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(url("/endpoints/" + EP + "/ready"))).header("Authorization", "Bearer " + key).GET().build());
    assertThat(detailed.body()).contains("broken (failed to load:");
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = score(request(i, 1));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("mloop-deployment")).hasValue("blue");
    }
    assertThat(score(request(1, 1), "mloop-deployment", "broken").statusCode()).isEqualTo(503);
    assertThat(catalog.events()).anyMatch(e -> e.deployment().equals("broken")
        && e.message().startsWith("model diabetes:9 failed to load"));
    assertThat(host.metricsText())
        .contains("mloop_deployment_ready{deployment=\"broken\",endpoint=\"" + EP + "\"} 0.0")
        .contains("mloop_deployment_ready{deployment=\"blue\",endpoint=\"" + EP + "\"} 1.0");
  }

  @Test
  void metricsCountRequestsByDeploymentAndStatus() {
    serveAll();
    score(request(5, 1));
    score(request(5, 1));
    post(url("/endpoints/" + EP + "/score"), request(5, 1));
    String metrics = get(url("/metrics")).body();
    assertThat(metrics)
        .contains("mloop_endpoint_requests_total{deployment=\"blue\",endpoint=\"" + EP + "\",status=\"200\"} 2.0")
        .contains("mloop_endpoint_requests_total{deployment=\"none\",endpoint=\"" + EP + "\",status=\"401\"} 1.0")
        .contains("mloop_endpoint_request_duration_seconds_bucket{deployment=\"blue\",endpoint=\"" + EP
            + "\",le=\"0.001\"}")
        .contains("mloop_deployment_ready{deployment=\"green\",endpoint=\"" + EP + "\"} 1.0");
  }

  @Test
  void requestsToEndpointsThatDoNotExistShareOneSeriesSoNoCallerCanGrowTheMetrics() {
    serveAll();
    for (int i = 0; i < 50; i++) {
      assertThat(post(url("/endpoints/nosuch-" + i + "/score"), request(5, 1)).statusCode()).isEqualTo(404);
    }
    String metrics = get(url("/metrics")).body();
    assertThat(metrics).doesNotContain("nosuch-")
        .contains("mloop_endpoint_requests_total{deployment=\"none\",endpoint=\"" + HostMetrics.UNKNOWN_ENDPOINT
            + "\",status=\"404\"} 50.0");
  }

  @Test
  void sampledRequestsAreHandedToTheDataCollector() {
    serveAll();
    score(request(5, 2));
    assertThat(collected).isEmpty();
    catalog.collection(EP, "blue", DataCollection.ALL);
    host.refreshNow();
    HttpResponse<String> r = score(request(5, 2), "x-request-id", "req-42");
    assertThat(collected).singleElement().satisfies(b -> {
      assertThat(b.endpoint()).isEqualTo(EP);
      assertThat(b.deployment()).isEqualTo("blue");
      assertThat(b.requestId()).isEqualTo("req-42");
      assertThat(b.rows()).hasNumberOfRows(2);
      assertThat(b.predictions().labels()).hasSize(2);
    });
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void aSingleEndpointHostAnswersAtTheRootToo() {
    host = ScoringHost.singleEndpoint(EP, catalog, TestCodec.CODECS, null,
        HostOptions.defaults().withPollInterval(Duration.ofMillis(50))).start();
    server = ScoringServer.start(host, "127.0.0.1", 0, 1);
    await("ready", () -> host.ready(EP));
    String[] auth = {"Authorization", "Bearer " + key};
    assertThat(post(url("/score"), request(5, 1), auth).statusCode()).isEqualTo(200);
    assertThat(post(url("/invocations"), request(5, 1), auth).statusCode()).isEqualTo(200);
    assertThat(post(url("/v2/models/diabetes/infer"), request(5, 1), auth).statusCode()).isEqualTo(200);
    assertThat(get(url("/v2/health/ready")).statusCode()).isEqualTo(200);
    assertThat(get(url("/ping")).statusCode()).isEqualTo(200);
    assertThat(post(url("/endpoints/" + EP + "/score"), request(5, 1), auth).statusCode()).isEqualTo(200);
    catalog.createEndpoint("diabetes-staging", AuthMode.NONE);
    assertThat(post(url("/endpoints/diabetes-staging/score"), request(5, 1)).body())
        .contains("no endpoint 'diabetes-staging'").doesNotContain(EP);
  }

  /** Callers without a key learn nothing from errors: no other endpoint, deployment or model version is named. */
  @Test
  void withoutAKeyErrorsNameNoOtherEndpointDeploymentOrVersion() {
    serveAll();
    catalog.createEndpoint("secret-project", AuthMode.KEY);
    host.refreshNow();
    HttpResponse<String> unknown = post(url("/endpoints/nosuch/score"), request(5, 1));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("nosuch").doesNotContain(EP).doesNotContain("secret-project");
    HttpResponse<String> v2 = get(url("/endpoints/nosuch/v2/health/ready"));
    assertThat(v2.statusCode()).isEqualTo(404);
    assertThat(v2.body()).doesNotContain(EP).doesNotContain("secret-project");

    for (String path : List.of("/v2/models/nosuch/ready", "/v2/models/green/ready", "/v2/models/diabetes/versions/9",
        "/v2/models/nosuch", "/ready")) {
      HttpResponse<String> r = get(url("/endpoints/" + EP + path));
      assertThat(r.body()).as(path).doesNotContain("blue").doesNotContain("green\"").doesNotContain("diabetes:");
      assertThat(r.statusCode()).as(path).isIn(200, 401, 503);
    }
    HttpResponse<String> keyed = get(url("/endpoints/" + EP + "/v2/models/nosuch/ready"), "Authorization",
        "Bearer " + key);
    assertThat(keyed.statusCode()).isEqualTo(404);
    assertThat(keyed.body()).as("the endpoint's users may be told what it serves").contains("blue");
  }

  @Test
  void scoresInProcessWithoutHttp() {
    host = ScoringHost.allEndpoints(catalog, TestCodec.CODECS, null, HostOptions.defaults()).start();
    host.refreshNow();
    ScoringResult r = host.score(EP, "green", Protocol.AZURE_SCORE, "application/json",
        request(5, 3).getBytes(StandardCharsets.UTF_8), key);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("mloop-deployment", "green").containsKey("x-request-id");
    assertThat(host.score(EP, null, Protocol.AZURE_SCORE, "application/json", new byte[0], "bad").status()).isEqualTo(401);
  }

  @Test
  void mountsOnAnotherServersRouterThatPausesRequestsFirst() throws Exception {
    host = ScoringHost.allEndpoints(catalog, TestCodec.CODECS, null, HostOptions.defaults()).start();
    host.refreshNow();
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
      // As mloop-server does: pause every request, then hand it on after some asynchronous check.
      router.route().handler(ctx -> {
        ctx.request().pause();
        vertx.setTimer(5, t -> ctx.next());
      });
      host.mount(router);
      int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).actualPort();
      HttpResponse<String> r = post("http://127.0.0.1:" + port + "/endpoints/" + EP + "/score", request(5, 2),
          "Authorization", "Bearer " + key);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(get("http://127.0.0.1:" + port + "/metrics").body()).contains("mloop_endpoint_requests_total");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void aDeletedEndpointIsNoLongerServed() {
    serveAll();
    catalog.deleteEndpoint(EP);
    host.refreshNow();
    HttpResponse<String> r = score(request(5, 1));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no endpoint '" + EP + "'");
    assertThat(get(url("/endpoints/" + EP + "/ready")).statusCode()).isEqualTo(404);
  }

  final class Recorder implements DataCollector {
    @Override
    public boolean offer(CollectedBatch batch) {
      return collected.add(batch);
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public Result flush(java.time.Duration timeout) {
      return new Result(0, 0, true); // it holds nothing: every batch is recorded as it comes
    }

    @Override
    public void close() {}
  }
}
