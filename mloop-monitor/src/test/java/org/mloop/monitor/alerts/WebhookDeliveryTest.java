package org.mloop.monitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mloop.core.json.Json;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;

/** Alerts reach their webhooks in the background, retried, and the outcome is reported once. */
class WebhookDeliveryTest {
  private static final long FROM = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
  private static final long TO = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch release = new CountDownLatch(1);
  // Small delays keep the test quick; the production delays are 1 s, 2 s, 4 s.
  private final WebhookDelivery delivery = new WebhookDelivery(List.of(Duration.ofMillis(10), Duration.ofMillis(20)),
      Duration.ofMillis(500));

  @AfterEach
  void stop() {
    release.countDown();
    delivery.close();
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void postsTheAlertAsJsonAndReportsDelivered() throws Exception {
    String url = receiver(attempt -> 204);
    String outcome = deliver(monitor(url));
    assertThat(outcome).isEqualTo("delivered");
    assertThat(bodies).hasSize(1);
    JsonNode body = Json.mapper().readTree(bodies.get(0));
    assertThat(body.path("event").asText()).isEqualTo("mloop.monitor.alert");
    assertThat(body.path("monitor").asText()).isEqualTo("diabetes-prod-monitor");
    assertThat(body.path("endpoint").asText()).isEqualTo("diabetes-prod");
    assertThat(body.path("run_id").asLong()).isEqualTo(7);
    assertThat(body.path("alert_id").asLong()).isEqualTo(3);
    assertThat(body.path("verdict").asText()).isEqualTo("ALERT");
    assertThat(body.path("summary").asText()).isEqualTo("data drift on 1 of 8 features: PlasmaGlucose");
    assertThat(body.path("signals").toString()).isEqualTo("[\"data_drift\"]");
    assertThat(body.path("breached_features").path("data_drift").toString()).isEqualTo("[\"PlasmaGlucose\"]");
    assertThat(body.path("window").path("from").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(body.path("breached_metrics").asInt()).isEqualTo(1);
    JsonNode metric = body.path("metrics").get(0);
    assertThat(metric.path("feature").asText()).isEqualTo("PlasmaGlucose");
    assertThat(metric.path("metric").asText()).isEqualTo("normalized_wasserstein");
    assertThat(metric.path("value").asDouble()).isEqualTo(0.41);
    assertThat(metric.path("comparison").asText()).isEqualTo(">=");
    assertThat(metric.path("threshold").asDouble()).isEqualTo(0.1);
    assertThat(body.path("text").asText()).contains("diabetes-prod-monitor", "ALERT", "PlasmaGlucose");
  }

  @Test
  void aServerErrorIsRetriedUntilItSucceeds() throws Exception {
    String url = receiver(attempt -> attempt == 1 ? 500 : 200);
    assertThat(deliver(monitor(url))).isEqualTo("delivered");
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
  }

  @Test
  void aWebhookThatKeepsFailingIsReportedAfterTheRetries() throws Exception {
    String url = receiver(attempt -> 503);
    assertThat(deliver(monitor(url))).isEqualTo("failed: HTTP 503 after 3 attempts (" + url + ")");
    assertThat(bodies).hasSize(3);
  }

  @Test
  void anAnswerThatWouldNotChangeIsNotRetried() throws Exception {
    String url = receiver(attempt -> 404);
    assertThat(deliver(monitor(url))).isEqualTo("failed: HTTP 404, not retried (" + url + ")");
    assertThat(bodies).hasSize(1);
  }

  @Test
  void eachUrlIsTriedAndTheFailuresAreNamed() throws Exception {
    String good = receiver(attempt -> 200);
    String dead = "http://127.0.0.1:" + freePort() + "/hook";
    String outcome = deliver(monitor(good, dead, "ftp://example.org/hook"));
    assertThat(outcome).startsWith("failed: ")
        .contains("cannot connect", "after 3 attempts (" + dead + ")")
        .contains("not an http(s) URL, not sent (ftp://example.org/hook)")
        .endsWith("; delivered to 1 of 3 webhooks");
    assertThat(bodies).hasSize(1);
  }

  @Test
  void aReceiverThatDoesNotAnswerTimesOut() throws Exception {
    String url = receiver(attempt -> {
      await(release);
      return 200;
    });
    assertThat(deliver(monitor(url))).isEqualTo("failed: no answer within 0.5 s after 3 attempts (" + url + ")");
  }

  @Test
  void deliveringNeverWaitsForTheReceiver() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    String url = receiver(attempt -> {
      arrived.countDown();
      await(release);
      return 200;
    });
    CompletableFuture<String> outcome = new CompletableFuture<>();
    delivery.deliver(monitor(url), alert(), run(), outcome::complete);
    // deliver returned while the receiver holds the request: nothing is known yet.
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome).isNotDone();
    release.countDown();
    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("delivered");
  }

  @Test
  void closingStopsDeliveriesInFlightWithoutReportingThem() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    String url = receiver(attempt -> {
      arrived.countDown();
      await(release);
      return 200;
    });
    List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    delivery.deliver(monitor(url), alert(), run(), outcomes::add);
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    delivery.close();
    release.countDown();
    assertThat(outcomes).isEmpty();
    delivery.deliver(monitor(url), alert(), run(), outcomes::add);
    assertThat(outcomes).containsExactly("failed: not sent, monitoring was shutting down");
  }

  @Test
  void closingLetsADeliveryInProgressFinishFirst() throws Exception {
    // What a short-lived `mloop monitor run` relies on: its alert is delivered before the process exits.
    WebhookDelivery draining = new WebhookDelivery(List.of(Duration.ofMillis(10)), Duration.ofSeconds(5),
        Duration.ofSeconds(10));
    CountDownLatch arrived = new CountDownLatch(1);
    String url = receiver(attempt -> {
      arrived.countDown();
      sleep(300);
      return attempt == 1 ? 503 : 200;
    });
    List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    draining.deliver(monitor(url), alert(), run(), outcomes::add);
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    draining.close();
    assertThat(outcomes).containsExactly("delivered");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aMonitorWithoutWebhooksHasNothingToDeliver() {
    List<String> outcomes = new ArrayList<>();
    delivery.deliver(monitor(), alert(), run(), outcomes::add);
    assertThat(outcomes).containsExactly("none");
  }

  @Test
  void reportsNeverShowCredentialsOrQueryStrings() {
    assertThat(WebhookDelivery.shown("https://bot:s3cret@hooks.example.com/services/T1?token=abc"))
        .isEqualTo("https://hooks.example.com/services/T1");
    assertThat(WebhookDelivery.shown("http://127.0.0.1:8080/hook")).isEqualTo("http://127.0.0.1:8080/hook");
  }

  // ---- helpers

  private String deliver(Monitor monitor) throws Exception {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    delivery.deliver(monitor, alert(), run(), outcome::complete);
    return outcome.get(30, TimeUnit.SECONDS);
  }

  /** A loopback receiver answering each POST with {@code status.applyAsInt(attempt number)}. */
  private String receiver(IntUnaryOperator status) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    AtomicInteger attempts = new AtomicInteger();
    server.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int code = status.applyAsInt(attempts.incrementAndGet());
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Monitor monitor(String... webhooks) {
    return new Monitor(new MonitorSpec("diabetes-prod-monitor", "diabetes-prod", null, List.of(Signal.DATA_DRIFT),
        Thresholds.defaults(), null, null, List.of(webhooks)), FROM, FROM);
  }

  private static Alert alert() {
    return new Alert(3, "diabetes-prod-monitor", 7, TO + 5000, List.of(Signal.DATA_DRIFT),
        "data drift on 1 of 8 features: PlasmaGlucose", "pending");
  }

  private static MonitorRun run() {
    return new MonitorRun(7, "diabetes-prod-monitor", "diabetes-prod", TO, TO + 5000, FROM, TO,
        "mloop:diabetes-prod-folder:3", 10_000, List.of("diabetes:2"), 5000, 0, Verdict.ALERT,
        "data drift on 1 of 8 features: PlasmaGlucose",
        List.of(new SignalResult(Signal.DATA_DRIFT, true, List.of("PlasmaGlucose"), "1 of 8 features drift")),
        List.of(MetricResult.judged(Signal.DATA_DRIFT, "PlasmaGlucose", "normalized_wasserstein", 0.41, 0.1,
                Comparison.AT_LEAST),
            MetricResult.judged(Signal.DATA_DRIFT, "Age", "normalized_wasserstein", 0.02, 0.1, Comparison.AT_LEAST),
            MetricResult.reported(Signal.DATA_DRIFT, "PlasmaGlucose", "psi", 0.8)),
        List.of(), List.of());
  }
}
