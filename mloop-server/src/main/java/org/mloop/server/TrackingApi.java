package org.mloop.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.auth.Permission;
import org.mloop.core.json.Json;
import org.mloop.core.json.JsonLimits;
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
import org.mloop.core.tracking.ViewType;

/**
 * MLflow's tracking REST API 2.0 (/api/2.0/mlflow/...), wire-compatible with MLflow's clients:
 * request and response fields as MLflow's protos, GET endpoints reading the query string and POST
 * endpoints a JSON body. Validation of keys, values and batch sizes is the {@link TrackingService}'s,
 * so the embedded and served workspaces refuse the same things with the same words. mloop's own
 * recursive listing and download of a run's artifacts (/api/v1/runs/RUN/artifacts) is here too.
 */
record TrackingApi(TrackingService store, ArtifactStore artifacts) {
  static final String BASE = "/api/2.0/mlflow";
  static final String ARTIFACT_SCHEME = "mlflow-artifacts:/";
  /** The MLflow release whose REST API this server follows (tested with that release's Java client). */
  static final String MLFLOW_VERSION = "2.17.2";
  static final String LOG_MODEL_HISTORY = "mlflow.log-model.history";

  void register(Routes routes, Transfers transfers) {
    // ---- run artifacts (recursive listing and download; MLflow's API has the per-directory listing)
    String runArtifacts = ApiBodies.BASE + "/runs/:run_id/artifacts";
    routes.get(runArtifacts, (ctx, f) -> ApiBodies.list("files",
        store.listArtifacts(ctx.pathParam("run_id"),
            ArtifactPath.parse("artifact path", f.string("path"), Allow.TRAILING_SLASH, Allow.ROOT).value())));
    routes.stream(HttpMethod.GET, runArtifacts + "/*", routes.bodies(), Guard.READ)
        .handler(transfers.download(ctx -> {
          String path = ApiBodies.tail(ctx, 5, "artifact path");
          return new Transfers.Download(store.openArtifact(ctx.pathParam("run_id"), path), null, path);
        }));

    routes.post(BASE + "/experiments/create", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> createExperiment(f));
    routes.get(BASE + "/experiments/get", (ctx, f) -> experimentResponse(experiment(f.requiredString("experiment_id"))));
    routes.get(BASE + "/experiments/get-by-name", (ctx, f) -> getExperimentByName(f));
    routes.post(BASE + "/experiments/search", Guard.READ, (ctx, f) -> searchExperiments(f));
    routes.get(BASE + "/experiments/search", (ctx, f) -> searchExperiments(f));
    routes.post(BASE + "/experiments/update", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.renameExperiment(f.requiredString("experiment_id"), f.requiredString("new_name"));
      return MlflowJson.object();
    });
    routes.post(BASE + "/experiments/delete", Guard.of(Permission.DELETE), (ctx, f) -> {
      store.deleteExperiment(f.requiredString("experiment_id"));
      return MlflowJson.object();
    });
    routes.post(BASE + "/experiments/restore", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.restoreExperiment(f.requiredString("experiment_id"));
      return MlflowJson.object();
    });
    routes.post(BASE + "/experiments/set-experiment-tag", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.setExperimentTag(f.requiredString("experiment_id"), f.requiredString("key"), f.requiredValue("value"));
      return MlflowJson.object();
    });

    routes.post(BASE + "/runs/create", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> createRun(f));
    routes.get(BASE + "/runs/get", (ctx, f) -> runResponse(run(runId(f))));
    routes.post(BASE + "/runs/update", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> updateRun(f));
    routes.post(BASE + "/runs/delete", Guard.of(Permission.DELETE), (ctx, f) -> {
      store.deleteRun(runId(f));
      return MlflowJson.object();
    });
    routes.post(BASE + "/runs/restore", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.restoreRun(runId(f));
      return MlflowJson.object();
    });
    routes.post(BASE + "/runs/search", Guard.READ, (ctx, f) -> searchRuns(f));
    routes.post(BASE + "/runs/log-batch", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> logBatch(f));
    routes.post(BASE + "/runs/log-metric", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.logBatch(runId(f), List.of(metric(f)), List.of(), List.of());
      return MlflowJson.object();
    });
    routes.post(BASE + "/runs/log-parameter", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.logBatch(runId(f), List.of(), List.of(new Param(f.requiredString("key"), f.requiredValue("value"))), List.of());
      return MlflowJson.object();
    });
    routes.post(BASE + "/runs/set-tag", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.logBatch(runId(f), List.of(), List.of(), List.of(new RunTag(f.requiredString("key"), f.requiredValue("value"))));
      return MlflowJson.object();
    });
    routes.post(BASE + "/runs/delete-tag", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      store.deleteTag(runId(f), f.requiredString("key"));
      return MlflowJson.object();
    });

    routes.post(BASE + "/runs/log-model", Guard.of(Permission.RUNS_WRITE), (ctx, f) -> logModel(f));

    routes.get(BASE + "/metrics/get-history", (ctx, f) -> metricHistory(f));
    routes.get(BASE + "/artifacts/list", (ctx, f) -> listArtifacts(f));
  }

  // ---- experiments

  private ObjectNode createExperiment(Fields f) {
    // Present but possibly empty: the store judges the name, with the words the embedded store uses.
    String id = store.createExperiment(f.requiredValue("name"), emptyToNull(f.string("artifact_location")),
        f.keyValues("tags"));
    ObjectNode out = MlflowJson.object();
    out.put("experiment_id", id);
    return out;
  }

  private Experiment experiment(String id) {
    return store.getExperiment(id).orElseThrow(() -> MloopException.notFound("No Experiment with id=" + id + " exists"));
  }

  private ObjectNode getExperimentByName(Fields f) {
    String name = f.requiredString("experiment_name");
    return experimentResponse(store.getExperimentByName(name)
        .orElseThrow(() -> MloopException.notFound("Could not find experiment with name '" + name + "'")));
  }

  private static ObjectNode experimentResponse(Experiment experiment) {
    ObjectNode out = MlflowJson.object();
    out.set("experiment", MlflowJson.experiment(experiment));
    return out;
  }

  private ObjectNode searchExperiments(Fields f) {
    Page<Experiment> page = store.searchExperiments(new ExperimentSearch(
        emptyToNull(f.string("filter")),
        f.enumValue("view_type", ViewType.class, ViewType.ACTIVE_ONLY, 1),
        f.intValue("max_results", RunSearch.DEFAULT_MAX_RESULTS),
        f.strings("order_by"),
        emptyToNull(f.string("page_token"))));
    ObjectNode out = MlflowJson.object();
    ArrayNode experiments = out.putArray("experiments");
    page.items().forEach(e -> experiments.add(MlflowJson.experiment(e)));
    if (page.nextPageToken() != null) {
      out.put("next_page_token", page.nextPageToken());
    }
    return out;
  }

  // ---- runs

  private static String runId(Fields f) {
    return f.requiredString("run_id", "run_uuid");
  }

  private Run run(String runId) {
    return store.getRun(runId).orElseThrow(() -> MloopException.notFound("Run with id=" + runId + " not found"));
  }

  private static ObjectNode runResponse(Run run) {
    ObjectNode out = MlflowJson.object();
    out.set("run", MlflowJson.run(run));
    return out;
  }

  private ObjectNode createRun(Fields f) {
    String experimentId = f.string("experiment_id");
    List<RunTag> tags = new ArrayList<>();
    f.keyValues("tags").forEach((k, v) -> tags.add(new RunTag(k, v)));
    Run run = store.createRun(
        experimentId == null || experimentId.isEmpty() ? Experiment.DEFAULT_ID : experimentId,
        emptyToNull(f.string("user_id")),
        f.longValue("start_time", System.currentTimeMillis()),
        emptyToNull(f.string("run_name")),
        tags);
    return runResponse(run);
  }

  private ObjectNode updateRun(Fields f) {
    RunInfo info = store.updateRun(runId(f),
        f.enumValue("status", RunStatus.class, null, 1),
        f.optionalLong("end_time"),
        emptyToNull(f.string("run_name")));
    ObjectNode out = MlflowJson.object();
    out.set("run_info", MlflowJson.runInfo(info));
    return out;
  }

  private ObjectNode searchRuns(Fields f) {
    Page<Run> page = store.searchRuns(new RunSearch(
        f.strings("experiment_ids"),
        emptyToNull(f.string("filter")),
        f.enumValue("run_view_type", ViewType.class, ViewType.ACTIVE_ONLY, 1),
        f.intValue("max_results", RunSearch.DEFAULT_MAX_RESULTS),
        f.strings("order_by"),
        emptyToNull(f.string("page_token"))));
    ObjectNode out = MlflowJson.object();
    ArrayNode runs = out.putArray("runs");
    page.items().forEach(r -> runs.add(MlflowJson.run(r)));
    if (page.nextPageToken() != null) {
      out.put("next_page_token", page.nextPageToken());
    }
    return out;
  }

  private ObjectNode logBatch(Fields f) {
    String runId = runId(f);
    List<Metric> metrics = new ArrayList<>();
    for (Fields m : f.objects("metrics")) {
      metrics.add(metric(m));
    }
    List<Param> params = new ArrayList<>();
    for (Fields p : f.objects("params")) {
      params.add(new Param(p.requiredString("key"), p.requiredValue("value")));
    }
    List<RunTag> tags = new ArrayList<>();
    for (Fields t : f.objects("tags")) {
      tags.add(new RunTag(t.requiredString("key"), t.requiredValue("value")));
    }
    store.logBatch(runId, metrics, params, tags);
    return MlflowJson.object();
  }

  /**
   * MLflow's log-model: appends the logged model's MLmodel (as JSON) to the run's
   * "mlflow.log-model.history" tag, which MLflow's UI and clients read to find a run's models.
   */
  private ObjectNode logModel(Fields f) {
    String runId = runId(f);
    String modelJson = f.requiredString("model_json");
    JsonNode model;
    try {
      model = Json.mapper().readTree(modelJson);
    } catch (JsonProcessingException e) {
      throw MloopException.invalid("Invalid value for parameter 'model_json': it " + JsonLimits.describe(e));
    }
    if (model == null || !model.isObject() || !model.has("artifact_path") || !model.has("flavors")) {
      throw MloopException.invalid("Invalid value for parameter 'model_json': expected an MLmodel as a JSON object"
          + " with at least artifact_path and flavors");
    }
    String existing = run(runId).data().tag(LOG_MODEL_HISTORY);
    ArrayNode history;
    try {
      JsonNode parsed = existing == null ? null : Json.mapper().readTree(existing);
      history = parsed != null && parsed.isArray() ? (ArrayNode) parsed : Json.mapper().createArrayNode();
    } catch (JsonProcessingException e) {
      // A hand-edited tag that is not a JSON list is replaced rather than blocking every later log-model.
      history = Json.mapper().createArrayNode();
    }
    history.add(model);
    store.logBatch(runId, List.of(), List.of(), List.of(new RunTag(LOG_MODEL_HISTORY, history.toString())));
    return MlflowJson.object();
  }

  /** A metric from log-metric or a log-batch entry; a missing timestamp means now, a missing step 0. */
  private static Metric metric(Fields f) {
    return new Metric(f.requiredString("key"), f.requiredDouble("value"),
        f.longValue("timestamp", System.currentTimeMillis()), f.longValue("step", 0));
  }

  private ObjectNode metricHistory(Fields f) {
    List<Metric> history = store.getMetricHistory(runId(f), f.requiredString("metric_key"));
    ObjectNode out = MlflowJson.object();
    ArrayNode metrics = out.putArray("metrics");
    history.forEach(m -> metrics.add(MlflowJson.metric(m)));
    return out;
  }

  // ---- artifacts

  /** Direct children of {@code path} under the run's artifact root, paths relative to that root. */
  private ObjectNode listArtifacts(Fields f) {
    Run run = run(runId(f));
    String relative = ArtifactPath.parse("artifact path", f.string("path"), Allow.TRAILING_SLASH, Allow.ROOT).value();
    String root = storeRoot(run.info());
    String directory = relative.isEmpty() ? root : root + "/" + relative;
    ObjectNode out = MlflowJson.object();
    out.put("root_uri", run.info().artifactUri());
    ArrayNode files = out.putArray("files");
    for (ArtifactFile file : listOrEmpty(artifacts, directory)) {
      files.add(MlflowJson.fileInfo(file.path().substring(root.length() + 1), file.directory(), file.sizeBytes()));
    }
    return out;
  }

  /** The store path of a run's artifacts, from its "mlflow-artifacts:/EXP/RUN/artifacts" URI. */
  static String storeRoot(RunInfo info) {
    String uri = info.artifactUri();
    if (uri == null || !uri.startsWith(ARTIFACT_SCHEME)) {
      throw new MloopException(ErrorCode.INVALID_STATE, "run " + info.runId() + " keeps its artifacts at '" + uri
          + "', outside this server's artifact store");
    }
    String rest = uri.substring(ARTIFACT_SCHEME.length()).replaceAll("^/+", "").replaceAll("/+$", "");
    return ArtifactsProxyApi.STORE_PREFIX + rest;
  }

  static List<ArtifactFile> listOrEmpty(ArtifactStore artifacts, String directory) {
    try {
      return artifacts.list(directory);
    } catch (MloopException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return List.of();
      }
      throw e;
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
