package org.mloop.monitor.alerts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mloop.core.Retry;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to a monitor's webhooks in the background, with retries. {@link #deliver} returns at
 * once: the posts run on this object's own daemon threads, so a monitor run (or scoring) never waits
 * for a slow receiver. Each URL gets up to {@code 1 + retries} attempts, with the delays 1 s, 2 s and
 * 4 s between them, each attempt limited to 5 s; an answer 2xx counts as delivered. Connection
 * errors, timeouts, 5xx, 408 and 429 are retried; other answers (a 404, a 400) would not change and
 * fail at once. When every URL is done, {@code delivered} gets "delivered", or "failed: REASON (URL)"
 * for each URL that failed. The URLs shown drop any user:password and query string, where secrets sit.
 *
 * <p>{@link #close()} first lets deliveries in progress finish, for at most 30 s (so a short-lived
 * {@code mloop monitor run} delivers its alert before it exits), then stops: posts still in flight
 * are interrupted and their outcome is not reported (their alerts stay "pending").
 */
public final class WebhookDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(4));
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int THREADS = 2;
  private static final long CLOSE_WAIT_MILLIS = 2_000;
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final Retry retries;
  private final Duration timeout;
  private final HttpClient client;
  private final ScheduledThreadPoolExecutor executor;
  private final Duration drain;
  private final Object idle = new Object();
  private int pending; // deliveries whose outcome is not reported yet; guarded by idle

  public WebhookDelivery() {
    this(RETRY_DELAYS, TIMEOUT, DRAIN);
  }

  /** With other retry delays (their count is the number of retries) and per-attempt timeout, no drain on close; for tests. */
  WebhookDelivery(List<Duration> retryDelays, Duration timeout) {
    this(retryDelays, timeout, Duration.ZERO);
  }

  WebhookDelivery(List<Duration> retryDelays, Duration timeout, Duration drain) {
    this.retries = Retry.withDelays(retryDelays);
    this.timeout = timeout;
    this.drain = drain;
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(THREADS, r -> {
      Thread t = new Thread(r, "mloop-webhooks-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.executor.setRemoveOnCancelPolicy(true);
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Posts {@code alert} (as JSON, see {@link AlertPayload}) to each of the monitor's webhooks and
   * reports the outcome to {@code delivered} once all are done; "none" at once when there are none.
   */
  public void deliver(Monitor monitor, Alert alert, MonitorRun run, Consumer<String> delivered) {
    List<String> urls = monitor.spec().webhooks();
    if (urls.isEmpty()) {
      report(delivered, Alert.NONE);
      return;
    }
    if (executor.isShutdown()) {
      report(delivered, "failed: not sent, monitoring was shutting down");
      return;
    }
    Delivery delivery = new Delivery(AlertPayload.json(monitor, alert, run), urls, delivered);
    synchronized (idle) {
      pending++;
    }
    for (int i = 0; i < urls.size(); i++) {
      int index = i;
      URI uri;
      try {
        uri = uri(urls.get(i));
      } catch (IllegalArgumentException e) {
        delivery.done(index, e.getMessage());
        continue;
      }
      submit(() -> attempt(delivery, index, uri, 1), Duration.ZERO, delivery, index);
    }
  }

  private void attempt(Delivery delivery, int index, URI uri, int attempt) {
    String reason;
    boolean retry;
    try {
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("User-Agent", "mloop-monitor")
          .header("X-Mloop-Event", AlertPayload.EVENT)
          .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
          .build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        delivery.done(index, null);
        return;
      }
      reason = "HTTP " + status;
      retry = status / 100 == 5 || status == 408 || status == 429;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // closed: not reported
    } catch (HttpTimeoutException e) {
      reason = "no answer within " + timeout.toMillis() / 1000.0 + " s";
      retry = true;
    } catch (ConnectException e) {
      reason = "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
      retry = true;
    } catch (IOException e) {
      reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      retry = true;
    }
    if (retry && retries.retriesAfter(attempt)) {
      submit(() -> attempt(delivery, index, uri, attempt + 1), retries.delayAfter(attempt), delivery, index);
      return;
    }
    delivery.done(index, reason + (retry ? " after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
        : ", not retried"));
  }

  private void submit(Runnable task, Duration delay, Delivery delivery, int index) {
    try {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed between the check and here: nothing more is sent or reported.
      LOG.debug("webhook delivery to {} dropped: closed", delivery.shown(index));
    }
  }

  /** An absolute http(s) URL, or a message for people naming what is wrong with it. */
  static URI uri(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL, not sent");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL (" + e.getReason() + "), not sent");
    }
  }

  /** The URL as reports show it: without user:password@ and without the query string. */
  static String shown(String url) {
    String s = url.strip();
    int query = s.indexOf('?');
    if (query >= 0) {
      s = s.substring(0, query);
    }
    int scheme = s.indexOf("://");
    int at = s.lastIndexOf('@');
    int slash = s.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
      s = s.substring(0, scheme + 3) + s.substring(at + 1);
    }
    return s;
  }

  private static void report(Consumer<String> delivered, String outcome) {
    try {
      delivered.accept(outcome);
    } catch (RuntimeException e) {
      LOG.warn("could not record the webhook delivery outcome '{}': {}", outcome, e.getMessage());
    }
  }

  /** Stops delivering: posts in flight are interrupted; outcomes not yet known are not reported. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + drain.toNanos();
    synchronized (idle) {
      try {
        for (long left = deadline - System.nanoTime(); pending > 0 && left > 0; left = deadline - System.nanoTime()) {
          idle.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (pending > 0 && !drain.isZero()) {
        LOG.warn("{} alert deliveries unfinished after {} s: stopped, their alerts stay pending", pending,
            drain.toSeconds());
      }
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One alert's posts: the outcome of each URL, reported together when the last one is done. */
  private final class Delivery {
    final byte[] body;
    final List<String> urls;
    final Consumer<String> callback;
    final String[] failures;
    final AtomicInteger remaining;

    Delivery(byte[] body, List<String> urls, Consumer<String> callback) {
      this.body = body;
      this.urls = urls;
      this.callback = callback;
      this.failures = new String[urls.size()];
      this.remaining = new AtomicInteger(urls.size());
    }

    String shown(int index) {
      return WebhookDelivery.shown(urls.get(index));
    }

    /** {@code failure} null when delivered. */
    void done(int index, String failure) {
      if (failure != null) {
        failures[index] = failure + " (" + shown(index) + ")";
        LOG.warn("alert webhook failed: {}", failures[index]);
      }
      if (remaining.decrementAndGet() > 0) {
        return;
      }
      List<String> failed = new ArrayList<>();
      for (String f : failures) {
        if (f != null) {
          failed.add(f);
        }
      }
      if (failed.isEmpty()) {
        report(callback, Alert.DELIVERED);
      } else {
        int ok = urls.size() - failed.size();
        report(callback, "failed: " + String.join("; ", failed)
            + (ok > 0 ? "; delivered to " + ok + " of " + urls.size() + " webhooks" : ""));
      }
      synchronized (idle) {
        pending--;
        idle.notifyAll();
      }
    }
  }
}
