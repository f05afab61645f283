package org.mloop.serving.host;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The host's Prometheus metrics. Meters are looked up once per (endpoint, deployment) and kept in
 * {@link Meters}, so a request costs one map read for its status counter and one timer update.
 */
final class HostMetrics {
  static final String NO_DEPLOYMENT = "none";
  /**
   * The endpoint label of requests to endpoints this host does not serve: one series for all of them,
   * so callers cannot add a series per made-up name (endpoint names start with a letter: no clash).
   */
  static final String UNKNOWN_ENDPOINT = "_unknown";
  // Fixed buckets, cheap to update, spanning a microsecond-scale model to a slow batch.
  private static final Duration[] BUCKETS = {
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();
  private final Map<String, Gauge> readyGauges = new ConcurrentHashMap<>();

  PrometheusMeterRegistry registry() {
    return registry;
  }

  String scrape() {
    return registry.scrape();
  }

  Meters meters(String endpoint, String deployment) {
    return meters.computeIfAbsent(endpoint + '\u0000' + deployment, k -> new Meters(endpoint, deployment));
  }

  /** Registers mloop_deployment_ready for a deployment once; {@code ready} is read at scrape time. */
  void readyGauge(String endpoint, String deployment, Supplier<Number> ready) {
    readyGauges.computeIfAbsent(endpoint + '\u0000' + deployment, k -> Gauge.builder("mloop.deployment.ready", ready)
        .description("1 when the deployment's model is loaded and routable")
        .tag("endpoint", endpoint).tag("deployment", deployment).register(registry));
  }

  void removeReadyGauge(String endpoint, String deployment) {
    Gauge gauge = readyGauges.remove(endpoint + '\u0000' + deployment);
    if (gauge != null) {
      registry.remove(gauge);
    }
  }

  /** The meters of one deployment of one endpoint (or of no deployment: requests refused before routing). */
  final class Meters {
    private final String endpoint;
    private final String deployment;
    private final Timer latency;
    private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();
    private final Map<String, Counter> mirrorByOutcome = new ConcurrentHashMap<>();

    private Meters(String endpoint, String deployment) {
      this.endpoint = endpoint;
      this.deployment = deployment;
      this.latency = Timer.builder("mloop.endpoint.request.duration")
          .description("Scoring time of requests, from decoding the body to encoding the answer")
          .tag("endpoint", endpoint).tag("deployment", deployment)
          .serviceLevelObjectives(BUCKETS)
          .register(registry);
    }

    void request(int status, long nanos) {
      Counter counter = byStatus.get(status);
      if (counter == null) {
        counter = byStatus.computeIfAbsent(status, s -> Counter.builder("mloop.endpoint.requests")
            .description("Scoring requests by endpoint, deployment and HTTP status")
            .tag("endpoint", endpoint).tag("deployment", deployment).tag("status", Integer.toString(s))
            .register(registry));
      }
      counter.increment();
      if (nanos >= 0) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
      }
    }

    /** outcome: "scored", "failed" or "dropped" (the mirror queue was full). */
    void mirror(String outcome) {
      mirrorByOutcome.computeIfAbsent(outcome, o -> Counter.builder("mloop.endpoint.mirror.requests")
          .description("Requests copied to a mirror deployment; answers discarded")
          .tag("endpoint", endpoint).tag("deployment", deployment).tag("outcome", o)
          .register(registry)).increment();
    }

    double mirrored(String outcome) {
      Counter c = mirrorByOutcome.get(outcome);
      return c == null ? 0 : c.count();
    }
  }
}
