package org.mloop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.json.MlflowJson;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.ExperimentSearch;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunInfo;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.tracking.TrackingService;

/**
 * The tracking of a workspace server, over MLflow's REST API 2.0 (its {@code TrackingApi}), so the
 * tracking calls also work against an MLflow tracking server; run artifacts are listed and read
 * through mloop's /api/v1/runs. Validation happens on the server, in the tracking service behind
 * it, so errors arrive with the codes and words a local workspace uses; a missing experiment or
 * run is an empty Optional here as there.
 */
public final class RemoteTrackingService implements TrackingService {
  private static final String API = "/api/2.0/mlflow";

  private final HttpTransport http;

  /** {@code baseUrl} as "http://HOST:PORT"; {@code token} may be null on a loopback server. */
  public RemoteTrackingService(String baseUrl, String token) {
    this(new HttpTransport(baseUrl, token, RemoteWorkspace.UNREACHABLE_HINT));
  }

  RemoteTrackingService(HttpTransport http) {
    this.http = http;
  }

  // ---- experiments

  @Override
  public String createExperiment(String name, String artifactLocation, Map<String, String> tags) {
    ObjectNode body = MlflowJson.object();
    body.put("name", name);
    if (artifactLocation != null) {
      body.put("artifact_location", artifactLocation);
    }
    body.set("tags", MlflowJson.tags(tags));
    return http.post(API + "/experiments/create", body).path("experiment_id").asText();
  }

  @Override
  public Optional<Experiment> getExperiment(String experimentId) {
    return absentIfMissing(() -> MlflowJson.experiment(
        http.get(API + "/experiments/get" + HttpTransport.query("experiment_id", experimentId)).path("experiment")));
  }

  @Override
  public Optional<Experiment> getExperimentByName(String name) {
    return absentIfMissing(() -> MlflowJson.experiment(
        http.get(API + "/experiments/get-by-name" + HttpTransport.query("experiment_name", name)).path("experiment")));
  }

  @Override
  public Page<Experiment> searchExperiments(ExperimentSearch search) {
    ObjectNode body = MlflowJson.object();
    putIfNotNull(body, "filter", search.filter());
    if (search.viewType() != null) {
      body.put("view_type", search.viewType().name());
    }
    body.put("max_results", search.maxResults());
    strings(body, "order_by", search.orderBy());
    putIfNotNull(body, "page_token", search.pageToken());
    JsonNode response = http.post(API + "/experiments/search", body);
    List<Experiment> experiments = new ArrayList<>();
    response.path("experiments").forEach(e -> experiments.add(MlflowJson.experiment(e)));
    return new Page<>(experiments, response.path("next_page_token").asText(null));
  }

  @Override
  public void renameExperiment(String experimentId, String newName) {
    ObjectNode body = MlflowJson.object();
    body.put("experiment_id", experimentId);
    body.put("new_name", newName);
    http.post(API + "/experiments/update", body);
  }

  @Override
  public void deleteExperiment(String experimentId) {
    http.post(API + "/experiments/delete", MlflowJson.object().put("experiment_id", experimentId));
  }

  @Override
  public void restoreExperiment(String experimentId) {
    http.post(API + "/experiments/restore", MlflowJson.object().put("experiment_id", experimentId));
  }

  @Override
  public void setExperimentTag(String experimentId, String key, String value) {
    ObjectNode body = MlflowJson.object();
    body.put("experiment_id", experimentId);
    body.put("key", key);
    body.put("value", value);
    http.post(API + "/experiments/set-experiment-tag", body);
  }

  // ---- runs

  @Override
  public Run createRun(String experimentId, String userId, long startTime, String runName, List<RunTag> tags) {
    ObjectNode body = MlflowJson.object();
    putIfNotNull(body, "experiment_id", experimentId);
    putIfNotNull(body, "user_id", userId);
    body.put("start_time", startTime);
    putIfNotNull(body, "run_name", runName);
    body.set("tags", MlflowJson.tags(tags == null ? List.of() : tags));
    return MlflowJson.run(http.post(API + "/runs/create", body).path("run"));
  }

  @Override
  public Optional<Run> getRun(String runId) {
    return absentIfMissing(() -> MlflowJson.run(http.get(API + "/runs/get" + HttpTransport.query("run_id", runId)).path("run")));
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    ObjectNode body = MlflowJson.object();
    body.put("run_id", runId);
    if (status != null) {
      body.put("status", status.name());
    }
    if (endTime != null) {
      body.put("end_time", endTime);
    }
    putIfNotNull(body, "run_name", runName);
    return MlflowJson.runInfo(http.post(API + "/runs/update", body).path("run_info"));
  }

  @Override
  public void deleteRun(String runId) {
    http.post(API + "/runs/delete", MlflowJson.object().put("run_id", runId));
  }

  @Override
  public void restoreRun(String runId) {
    http.post(API + "/runs/restore", MlflowJson.object().put("run_id", runId));
  }

  @Override
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    ObjectNode body = MlflowJson.object();
    body.put("run_id", runId);
    ArrayNode m = body.putArray("metrics");
    if (metrics != null) {
      metrics.forEach(metric -> m.add(MlflowJson.metric(metric)));
    }
    ArrayNode p = body.putArray("params");
    if (params != null) {
      params.forEach(param -> p.add(MlflowJson.keyValue(param.key(), param.value())));
    }
    body.set("tags", MlflowJson.tags(tags == null ? List.of() : tags));
    http.post(API + "/runs/log-batch", body);
  }

  @Override
  public void deleteTag(String runId, String key) {
    ObjectNode body = MlflowJson.object();
    body.put("run_id", runId);
    body.put("key", key);
    http.post(API + "/runs/delete-tag", body);
  }

  @Override
  public List<Metric> getMetricHistory(String runId, String metricKey) {
    List<Metric> history = new ArrayList<>();
    String pageToken = null;
    do {
      JsonNode response = http.get(API + "/metrics/get-history"
          + HttpTransport.query("run_id", runId, "metric_key", metricKey, "page_token", pageToken));
      response.path("metrics").forEach(m -> history.add(MlflowJson.metric(m)));
      pageToken = response.path("next_page_token").asText(null);
    } while (pageToken != null && !pageToken.isEmpty());
    return history;
  }

  @Override
  public Page<Run> searchRuns(RunSearch search) {
    ObjectNode body = MlflowJson.object();
    strings(body, "experiment_ids", search.experimentIds());
    putIfNotNull(body, "filter", search.filter());
    if (search.viewType() != null) {
      body.put("run_view_type", search.viewType().name());
    }
    body.put("max_results", search.maxResults());
    strings(body, "order_by", search.orderBy());
    putIfNotNull(body, "page_token", search.pageToken());
    JsonNode response = http.post(API + "/runs/search", body);
    List<Run> runs = new ArrayList<>();
    response.path("runs").forEach(r -> runs.add(MlflowJson.run(r)));
    return new Page<>(runs, response.path("next_page_token").asText(null));
  }

  // ---- run artifacts

  @Override
  public List<ArtifactFile> listArtifacts(String runId, String path) {
    String query = HttpTransport.query("path", path == null || path.isEmpty() ? null : path);
    return RemoteJson.readList(http.get(runArtifacts(runId) + query).path("files"), ArtifactFile.class);
  }

  @Override
  public InputStream openArtifact(String runId, String path) {
    return http.download(runArtifacts(runId) + "/" + HttpTransport.relativePath(path));
  }

  private static String runArtifacts(String runId) {
    return RemoteJson.API + "/runs/" + HttpTransport.segment(runId) + "/artifacts";
  }

  // ---- helpers

  private static <T> Optional<T> absentIfMissing(Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (MloopException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void putIfNotNull(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }

  private static void strings(ObjectNode body, String field, List<String> values) {
    if (values != null && !values.isEmpty()) {
      ArrayNode array = body.putArray(field);
      values.forEach(array::add);
    }
  }
}
