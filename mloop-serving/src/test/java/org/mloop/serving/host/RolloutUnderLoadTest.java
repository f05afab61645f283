package org.mloop.serving.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.host.Fixtures.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.KeyType;

/**
 * The safe-rollout promise (issue item 6): while four clients score continuously with the
 * secondary key, green is added at 0%, traffic moves blue→green in steps, rolls back, a mirror is
 * added and removed, the primary key is regenerated and green is removed. Not one request may get
 * anything but a 2xx, and every step must show in which deployments answer.
 */
class RolloutUnderLoadTest {
  static final String EP = "diabetes-prod";
  static final int CLIENTS = 4;
  static final int PER_STEP = 200;
  /** One patient in Azure ML's request format, as the web application sends it. */
  static final String AZURE_ROW = "{\"input_data\": [[9, 104, 51, 7, 24, 27.36983156, 1.350472047, 43]]}";

  final MemoryCatalog catalog = new MemoryCatalog();
  final AtomicBoolean running = new AtomicBoolean(true);
  final AtomicReference<Step> current = new AtomicReference<>(new Step("warm-up"));
  final LongAdder sent = new LongAdder();
  final List<String> failures = new CopyOnWriteArrayList<>();
  final List<Thread> clients = new ArrayList<>();
  ScoringHost host;
  ScoringServer server;

  /** Responses counted by deployment for requests sent while one step was in effect. */
  static final class Step {
    final String name;
    final Map<String, LongAdder> byDeployment = new ConcurrentHashMap<>();
    final AtomicLong total = new AtomicLong();

    Step(String name) {
      this.name = name;
    }

    double share(String deployment) {
      LongAdder n = byDeployment.get(deployment);
      return n == null ? 0 : n.sum() / (double) total.get();
    }

    @Override
    public String toString() {
      return name + " " + byDeployment + " of " + total;
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : clients) {
      t.join(10_000);
    }
    if (server != null) {
      server.close();
    }
    if (host != null) {
      host.close();
    }
  }

  @Test
  void trafficChangesDeploymentsAndKeyRotationLoseNoRequest() {
    Fixtures.registerModels(catalog);
    String secondary = catalog.createEndpoint(EP, AuthMode.KEY).keys().secondary();
    catalog.addDeployment(EP, "blue", "diabetes", 1, 100, DataCollection.OFF);
    host = ScoringHost.allEndpoints(catalog, null, HostOptions.defaults().withPollInterval(Duration.ofMillis(50)))
        .start();
    server = ScoringServer.start(host, "127.0.0.1", 0, 2);
    await("blue ready", () -> host.ready(EP));
    startClients(secondary);

    Step s = step("blue alone", () -> {});
    assertThat(s.share("blue")).isEqualTo(1.0);

    s = step("green created at 0%", () -> catalog.addDeployment(EP, "green", "diabetes", 2, 0, DataCollection.OFF));
    assertThat(s.share("blue")).as(s.toString()).isEqualTo(1.0);

    s = step("blue=90,green=10", () -> catalog.traffic(EP, "blue=90,green=10", ""));
    assertThat(s.share("green")).as(s.toString()).isBetween(0.03, 0.20);
    assertThat(s.share("blue") + s.share("green")).isEqualTo(1.0);

    s = step("blue=50,green=50", () -> catalog.traffic(EP, "blue=50,green=50", ""));
    assertThat(s.share("green")).as(s.toString()).isBetween(0.35, 0.65);

    s = step("green=100", () -> catalog.traffic(EP, "blue=0,green=100", ""));
    assertThat(s.share("green")).as(s.toString()).isEqualTo(1.0);

    s = step("rollback blue=100", () -> catalog.traffic(EP, "blue=100,green=0", ""));
    assertThat(s.share("blue")).as(s.toString()).isEqualTo(1.0);

    double mirroredBefore = host.mirrored(EP, "green", "scored");
    s = step("mirror green=20", () -> catalog.traffic(EP, "blue=100", "green=20"));
    assertThat(s.share("blue")).as(s.toString()).isEqualTo(1.0);
    await("mirrored requests", () -> host.mirrored(EP, "green", "scored") > mirroredBefore);
    double mirrored = host.mirrored(EP, "green", "scored") - mirroredBefore;
    assertThat(mirrored).as("mirrored of %s", s).isLessThan(s.total.get() * 0.5);

    s = step("mirror removed", () -> catalog.traffic(EP, "blue=100", ""));
    assertThat(s.share("blue")).as(s.toString()).isEqualTo(1.0);

    String oldPrimary = catalog.get(EP).keys().primary();
    s = step("primary key regenerated", () -> catalog.regenerate(EP, KeyType.PRIMARY));
    assertThat(s.share("blue")).as(s.toString()).isEqualTo(1.0);
    assertThat(call(oldPrimary, null).statusCode()).as("the old primary key").isEqualTo(401);
    assertThat(call(catalog.get(EP).keys().primary(), null).statusCode()).as("the new primary key").isEqualTo(200);

    s = step("green removed", () -> catalog.deleteDeployment(EP, "green"));
    assertThat(s.share("blue")).as(s.toString()).isEqualTo(1.0);
    assertThat(call(secondary, "green").statusCode()).as("green is gone").isEqualTo(404);

    running.set(false);
    assertThat(failures).as("non-2xx responses or errors among %d requests", sent.sum()).isEmpty();
    assertThat(sent.sum()).isGreaterThanOrEqualTo(10L * PER_STEP);
  }

  /**
   * Applies a change, waits until the host routes by the new generation (through its own poll),
   * then counts {@link #PER_STEP} responses to requests sent from then on.
   */
  private Step step(String name, Runnable change) {
    change.run();
    long generation = catalog.get(EP).generation();
    await("generation " + generation + " served (" + name + ")", () -> host.servedGeneration(EP) == generation);
    Step step = new Step(name);
    current.set(step);
    await(PER_STEP + " responses in step " + name, () -> step.total.get() >= PER_STEP);
    return step;
  }

  private void startClients(String key) {
    String body = AZURE_ROW;
    for (int i = 0; i < CLIENTS; i++) {
      Thread t = new Thread(() -> {
        while (running.get()) {
          Step step = current.get(); // the step in effect when the request is sent
          try {
            HttpResponse<String> r = call(key, null, body);
            sent.increment();
            if (r.statusCode() / 100 != 2) {
              failures.add(step.name + ": " + r.statusCode() + " " + r.body());
              continue;
            }
            String deployment = r.headers().firstValue("mloop-deployment").orElse("?");
            step.byDeployment.computeIfAbsent(deployment, d -> new LongAdder()).increment();
            step.total.incrementAndGet();
          } catch (RuntimeException e) {
            sent.increment();
            failures.add(step.name + ": " + e);
          }
        }
      }, "load-" + i);
      t.setDaemon(true);
      t.start();
      clients.add(t);
    }
  }

  private HttpResponse<String> call(String key, String deployment) {
    return call(key, deployment, AZURE_ROW);
  }

  private HttpResponse<String> call(String key, String deployment, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/endpoints/" + EP + "/score"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (deployment != null) {
      b.header("mloop-deployment", deployment);
    }
    return Fixtures.send(b.build());
  }
}
