package org.mloop.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.ErrorCode;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunData;
import org.mloop.core.tracking.RunInfo;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;

/**
 * Tracking records as MLflow's REST API 2.0 spells them (the JSON form of MLflow's protos:
 * snake_case names, int64 times as numbers, tags as lists of {key, value}). The server writes
 * with it and the remote tracking store reads with it, so both sides agree by construction.
 *
 * <p>Readers are lenient as protobuf's JSON parser is: absent fields take defaults, int64 values
 * may come as strings and doubles as "NaN"/"Infinity".
 */
public final class MlflowJson {
  private MlflowJson() {}

  public static ObjectNode object() {
    return Json.mapper().createObjectNode();
  }

  public static ObjectNode error(ErrorCode code, String message) {
    return error(code.name(), message);
  }

  /** MLflow's error body; {@code code} may be one mloop has no constant for, such as ENDPOINT_NOT_FOUND. */
  public static ObjectNode error(String code, String message) {
    ObjectNode node = object();
    node.put("error_code", code);
    node.put("message", message);
    return node;
  }

  // ---- experiments

  public static ObjectNode experiment(Experiment e) {
    ObjectNode node = object();
    node.put("experiment_id", e.experimentId());
    node.put("name", e.name());
    putIfNotNull(node, "artifact_location", e.artifactLocation());
    putIfNotNull(node, "lifecycle_stage", e.lifecycleStage());
    node.put("last_update_time", e.lastUpdateTime());
    node.put("creation_time", e.creationTime());
    node.set("tags", tags(e.tags()));
    return node;
  }

  public static Experiment experiment(JsonNode node) {
    return new Experiment(
        text(node, "experiment_id"),
        text(node, "name"),
        text(node, "artifact_location"),
        text(node, "lifecycle_stage"),
        node.path("creation_time").asLong(0),
        node.path("last_update_time").asLong(0),
        tagMap(node.path("tags")));
  }

  // ---- runs

  public static ObjectNode run(Run run) {
    ObjectNode node = object();
    node.set("info", runInfo(run.info()));
    node.set("data", runData(run.data()));
    return node;
  }

  public static Run run(JsonNode node) {
    return new Run(runInfo(node.path("info")), runData(node.path("data")));
  }

  public static ObjectNode runInfo(RunInfo info) {
    ObjectNode node = object();
    node.put("run_id", info.runId());
    // Deprecated in MLflow but still sent by its server; old clients read it.
    node.put("run_uuid", info.runId());
    putIfNotNull(node, "run_name", info.runName());
    node.put("experiment_id", info.experimentId());
    putIfNotNull(node, "user_id", info.userId());
    node.put("status", info.status().name());
    node.put("start_time", info.startTime());
    if (info.endTime() != null) {
      node.put("end_time", info.endTime());
    }
    putIfNotNull(node, "artifact_uri", info.artifactUri());
    putIfNotNull(node, "lifecycle_stage", info.lifecycleStage());
    return node;
  }

  public static RunInfo runInfo(JsonNode node) {
    String runId = text(node, "run_id");
    JsonNode end = node.get("end_time");
    return new RunInfo(
        runId != null ? runId : text(node, "run_uuid"),
        text(node, "experiment_id"),
        text(node, "run_name"),
        text(node, "user_id"),
        node.hasNonNull("status") ? RunStatus.valueOf(node.get("status").asText()) : RunStatus.RUNNING,
        node.path("start_time").asLong(0),
        end == null || end.isNull() ? null : end.asLong(),
        text(node, "artifact_uri"),
        text(node, "lifecycle_stage"));
  }

  public static ObjectNode runData(RunData data) {
    ObjectNode node = object();
    ArrayNode metrics = node.putArray("metrics");
    data.metrics().forEach(m -> metrics.add(metric(m)));
    ArrayNode params = node.putArray("params");
    data.params().forEach(p -> params.add(keyValue(p.key(), p.value())));
    ArrayNode tags = node.putArray("tags");
    data.tags().forEach(t -> tags.add(keyValue(t.key(), t.value())));
    return node;
  }

  public static RunData runData(JsonNode node) {
    List<Metric> metrics = new ArrayList<>();
    node.path("metrics").forEach(m -> metrics.add(metric(m)));
    List<Param> params = new ArrayList<>();
    node.path("params").forEach(p -> params.add(new Param(text(p, "key"), textOrEmpty(p, "value"))));
    List<RunTag> tags = new ArrayList<>();
    node.path("tags").forEach(t -> tags.add(new RunTag(text(t, "key"), textOrEmpty(t, "value"))));
    return new RunData(metrics, params, tags);
  }

  public static ObjectNode metric(Metric m) {
    ObjectNode node = object();
    node.put("key", m.key());
    node.put("value", m.value());
    node.put("timestamp", m.timestamp());
    node.put("step", m.step());
    return node;
  }

  public static Metric metric(JsonNode node) {
    return new Metric(text(node, "key"), number(node.path("value")), node.path("timestamp").asLong(0),
        node.path("step").asLong(0));
  }

  // ---- tags and files

  public static ObjectNode keyValue(String key, String value) {
    ObjectNode node = object();
    node.put("key", key);
    node.put("value", value);
    return node;
  }

  public static ArrayNode tags(Map<String, String> tags) {
    ArrayNode array = Json.mapper().createArrayNode();
    if (tags != null) {
      tags.forEach((k, v) -> array.add(keyValue(k, v)));
    }
    return array;
  }

  public static ArrayNode tags(List<RunTag> tags) {
    ArrayNode array = Json.mapper().createArrayNode();
    tags.forEach(t -> array.add(keyValue(t.key(), t.value())));
    return array;
  }

  public static Map<String, String> tagMap(JsonNode array) {
    Map<String, String> map = new LinkedHashMap<>();
    array.forEach(t -> map.put(text(t, "key"), textOrEmpty(t, "value")));
    return map;
  }

  /** MLflow's FileInfo: {@code file_size} only for files. */
  public static ObjectNode fileInfo(String path, boolean isDir, Long fileSize) {
    ObjectNode node = object();
    node.put("path", path);
    node.put("is_dir", isDir);
    if (!isDir && fileSize != null) {
      node.put("file_size", fileSize);
    }
    return node;
  }

  /** A proto double: a JSON number, or "NaN", "Infinity", "-Infinity" as strings. */
  public static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return Double.parseDouble(node.asText());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String textOrEmpty(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? "" : value;
  }

  private static void putIfNotNull(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
