package org.mloop.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;

/**
 * The tracking SDK that training code logs with, inside a job or anywhere else.
 *
 * <p>Inside a job, {@link #fromEnvironment()} picks up the run the job created from
 * MLOOP_TRACKING_URI, MLOOP_RUN_ID and MLOOP_TOKEN, and logs through the workspace's MLflow
 * REST API (log-batch and the mlflow-artifacts proxy), so the same run is visible to MLflow clients.
 * Outside a job there is no run to log to: values are printed to standard error instead, so the
 * training code runs unchanged in unit tests and on a laptop.
 *
 * <p>Metrics are buffered and sent in batches of up to 1,000 (MLflow's log-batch limit); call
 * {@link #close()} (or use try-with-resources) to flush.
 */
public final class MloopRun implements AutoCloseable {
  public static final String ENV_TRACKING_URI = "MLOOP_TRACKING_URI";
  public static final String ENV_RUN_ID = "MLOOP_RUN_ID";
  public static final String ENV_TOKEN = "MLOOP_TOKEN";
  private static final int MAX_METRICS_PER_BATCH = 1000;

  private final String trackingUri;
  private final String runId;
  private final HttpTransport http;
  private final List<Map<String, Object>> pendingMetrics = new ArrayList<>();
  private String artifactRoot;

  private MloopRun(String trackingUri, String runId, String token) {
    this.trackingUri = trackingUri == null ? null : trackingUri.replaceAll("/+$", "");
    this.runId = runId;
    this.http = trackingUri == null ? null : new HttpTransport(trackingUri, token,
        "check " + ENV_TRACKING_URI + " (the job's workspace server must be running)");
  }

  /** The job's run when running as an mloop job; otherwise a run that prints what it is given. */
  public static MloopRun fromEnvironment() {
    String uri = System.getenv(ENV_TRACKING_URI);
    String run = System.getenv(ENV_RUN_ID);
    if (uri == null || uri.isBlank() || run == null || run.isBlank()) {
      return new MloopRun(null, null, null);
    }
    return new MloopRun(uri, run, System.getenv(ENV_TOKEN));
  }

  /** A run of a workspace server, for tools that create runs themselves. */
  public static MloopRun of(String trackingUri, String runId, String token) {
    return new MloopRun(trackingUri, runId, token);
  }

  /** True when values reach a workspace; false when they are only printed. */
  public boolean tracked() {
    return trackingUri != null;
  }

  public String runId() {
    return runId;
  }

  public void logParam(String key, Object value) {
    if (!tracked()) {
      System.err.println("param " + key + "=" + value);
      return;
    }
    post("/api/2.0/mlflow/runs/log-batch",
        Map.of("run_id", runId, "params", List.of(Map.of("key", key, "value", String.valueOf(value)))));
  }

  public void setTag(String key, String value) {
    if (!tracked()) {
      System.err.println("tag " + key + "=" + value);
      return;
    }
    post("/api/2.0/mlflow/runs/log-batch",
        Map.of("run_id", runId, "tags", List.of(Map.of("key", key, "value", value))));
  }

  public void logMetric(String key, double value) {
    logMetric(key, value, 0);
  }

  public synchronized void logMetric(String key, double value, long step) {
    if (!tracked()) {
      System.err.println("metric " + key + "=" + value + (step != 0 ? " (step " + step + ")" : ""));
      return;
    }
    Map<String, Object> metric = new LinkedHashMap<>();
    metric.put("key", key);
    metric.put("value", value);
    metric.put("timestamp", System.currentTimeMillis());
    metric.put("step", step);
    pendingMetrics.add(metric);
    if (pendingMetrics.size() >= MAX_METRICS_PER_BATCH) {
      flush();
    }
  }

  /** Uploads a local file as a run artifact at {@code artifactPath} (for example "roc.png" or "plots/roc.png"). */
  public void logArtifact(Path file, String artifactPath) {
    if (!tracked()) {
      System.err.println("artifact " + artifactPath + " <- " + file);
      return;
    }
    flush();
    String target = artifactRoot() + "/"
        + HttpTransport.relativePath(ArtifactPath.parse("artifact path", artifactPath, Allow.TRAILING_SLASH));
    try {
      http.put("/api/2.0/mlflow-artifacts/artifacts/" + target, HttpRequest.BodyPublishers.ofFile(file));
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cannot read artifact file " + file, e);
    }
  }

  /** Sends buffered metrics now. */
  public synchronized void flush() {
    if (!tracked() || pendingMetrics.isEmpty()) {
      return;
    }
    post("/api/2.0/mlflow/runs/log-batch", Map.of("run_id", runId, "metrics", List.copyOf(pendingMetrics)));
    pendingMetrics.clear();
  }

  @Override
  public void close() {
    flush();
  }

  /** "EXPERIMENT/RUN/artifacts": the run's artifact_uri without its "mlflow-artifacts:/" scheme. */
  private String artifactRoot() {
    if (artifactRoot == null) {
      JsonNode run = get("/api/2.0/mlflow/runs/get?run_id=" + URLEncoder.encode(runId, StandardCharsets.UTF_8));
      String uri = run.path("run").path("info").path("artifact_uri").asText();
      String prefix = "mlflow-artifacts:/";
      if (!uri.startsWith(prefix)) {
        throw new IllegalStateException("run " + runId + " has artifact_uri '" + uri + "', expected " + prefix + "...");
      }
      artifactRoot = uri.substring(prefix.length()).replaceAll("^/+", "");
    }
    return artifactRoot;
  }

  private JsonNode post(String path, Object body) {
    return http.post(path, body);
  }

  private JsonNode get(String path) {
    return http.get(path);
  }
}
