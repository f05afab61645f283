package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/2.0/mlflow/runs/* and metrics/get-history: MLflow's shapes, limits and errors over HTTP. */
class MlflowRunsApiTest {
  private static final String API = "/api/2.0/mlflow";

  @TempDir Path dir;
  TestWorkspace ws;
  HttpCalls http;

  @BeforeEach
  void start() {
    ws = TestWorkspace.served(dir);
    http = ws.http();
  }

  @AfterEach
  void stop() {
    ws.close();
  }

  private JsonNode createRun(Map<String, Object> body) {
    HttpCalls.Reply reply = http.post(API + "/runs/create", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("run");
  }

  private String newRun() {
    return createRun(Map.of("experiment_id", "0", "start_time", 1000)).at("/info/run_id").asText();
  }

  private static Map<String, Object> metric(String key, Object value, long step) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("value", value);
    m.put("timestamp", 5000 + step);
    m.put("step", step);
    return m;
  }

  @Test
  void createAndGetCarryRunInfoAndDataAsMlflowNamesThem() {
    JsonNode run = createRun(Map.of("experiment_id", "0", "user_id", "ana", "start_time", 1234, "run_name", "first",
        "tags", List.of(Map.of("key", "mlflow.source.type", "value", "LOCAL"))));
    JsonNode info = run.get("info");
    String runId = info.get("run_id").asText();
    assertThat(runId).matches("[0-9a-f]{32}");
    assertThat(info.get("run_uuid").asText()).isEqualTo(runId);
    assertThat(info.get("experiment_id").asText()).isEqualTo("0");
    assertThat(info.get("run_name").asText()).isEqualTo("first");
    assertThat(info.get("user_id").asText()).isEqualTo("ana");
    assertThat(info.get("status").asText()).isEqualTo("RUNNING");
    assertThat(info.get("start_time").asLong()).isEqualTo(1234);
    assertThat(info.has("end_time")).as("no end_time while running").isFalse();
    assertThat(info.get("artifact_uri").asText()).isEqualTo("mlflow-artifacts:/0/" + runId + "/artifacts");
    assertThat(info.get("lifecycle_stage").asText()).isEqualTo("active");

    HttpCalls.Reply got = http.get(API + "/runs/get?run_id=" + runId);
    assertThat(got.status()).isEqualTo(200);
    JsonNode data = got.json().at("/run/data");
    assertThat(data.get("tags")).anySatisfy(t -> {
      assertThat(t.get("key").asText()).isEqualTo("mlflow.source.type");
      assertThat(t.get("value").asText()).isEqualTo("LOCAL");
    });
    assertThat(data.has("metrics")).isTrue();
    assertThat(data.has("params")).isTrue();

    // MLflow's deprecated alias still works.
    assertThat(http.get(API + "/runs/get?run_uuid=" + runId).status()).isEqualTo(200);
  }

  @Test
  void logBatchLogMetricLogParameterAndSetTagAreReadBack() {
    String runId = newRun();
    HttpCalls.Reply batch = http.post(API + "/runs/log-batch", Map.of("run_id", runId,
        "metrics", List.of(metric("loss", 0.5, 0), metric("loss", 0.25, 1)),
        "params", List.of(Map.of("key", "reg_rate", "value", "0.01")),
        "tags", List.of(Map.of("key", "stage", "value", "dev"))));
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    assertThat(batch.body()).isEqualTo("{}");

    assertThat(http.post(API + "/runs/log-metric", Map.of("run_id", runId, "key", "auc", "value", 0.91,
        "timestamp", 7000, "step", 3)).status()).isEqualTo(200);
    assertThat(http.post(API + "/runs/log-parameter", Map.of("run_id", runId, "key", "solver", "value", "liblinear"))
        .status()).isEqualTo(200);
    assertThat(http.post(API + "/runs/set-tag", Map.of("run_id", runId, "key", "owner", "value", "ana")).status())
        .isEqualTo(200);

    JsonNode data = http.get(API + "/runs/get?run_id=" + runId).json().at("/run/data");
    assertThat(data.get("metrics")).anySatisfy(m -> {
      assertThat(m.get("key").asText()).isEqualTo("loss");
      assertThat(m.get("value").asDouble()).isEqualTo(0.25);
      assertThat(m.get("step").asLong()).isEqualTo(1);
      assertThat(m.get("timestamp").asLong()).isEqualTo(5001);
    });
    assertThat(data.get("metrics")).anySatisfy(m -> assertThat(m.get("key").asText()).isEqualTo("auc"));
    assertThat(data.get("params")).extracting(p -> p.get("key").asText() + "=" + p.get("value").asText())
        .containsExactlyInAnyOrder("reg_rate=0.01", "solver=liblinear");
    assertThat(data.get("tags")).extracting(t -> t.get("key").asText()).contains("stage", "owner");

    HttpCalls.Reply history = http.get(API + "/metrics/get-history?run_id=" + runId + "&metric_key=loss");
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().get("metrics")).extracting(m -> m.get("step").asLong() + ":" + m.get("value").asDouble())
        .containsExactly("0:0.5", "1:0.25");

    assertThat(http.post(API + "/runs/delete-tag", Map.of("run_id", runId, "key", "owner")).status()).isEqualTo(200);
    assertThat(http.get(API + "/runs/get?run_id=" + runId).json().at("/run/data/tags"))
        .extracting(t -> t.get("key").asText()).doesNotContain("owner");
  }

  @Test
  void nonFiniteMetricValuesTravelAsMlflowSpellsThem() {
    String runId = newRun();
    // Python's json module writes NaN bare; protobuf JSON writes it as a string. Both must be accepted.
    HttpCalls.Reply bare = http.post(API + "/runs/log-metric",
        "{\"run_id\": \"" + runId + "\", \"key\": \"a\", \"value\": NaN, \"timestamp\": 1}");
    assertThat(bare.status()).as(bare.body()).isEqualTo(200);
    HttpCalls.Reply quoted = http.post(API + "/runs/log-metric",
        "{\"run_id\": \"" + runId + "\", \"key\": \"b\", \"value\": \"-Infinity\", \"timestamp\": \"2\"}");
    assertThat(quoted.status()).as(quoted.body()).isEqualTo(200);

    JsonNode metrics = http.get(API + "/runs/get?run_id=" + runId).json().at("/run/data/metrics");
    assertThat(metrics).anySatisfy(m -> {
      assertThat(m.get("key").asText()).isEqualTo("a");
      assertThat(m.get("value").asText()).isEqualTo("NaN");
    });
    assertThat(metrics).anySatisfy(m -> {
      assertThat(m.get("key").asText()).isEqualTo("b");
      assertThat(m.get("value").asText()).isEqualTo("-Infinity");
      assertThat(m.get("timestamp").asLong()).isEqualTo(2);
    });
  }

  @Test
  void logBatchLimitsAreEnforcedOverHttp() {
    String runId = newRun();
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      metrics.add(metric("m", i, i));
    }
    HttpCalls.Reply tooMany = http.post(API + "/runs/log-batch", Map.of("run_id", runId, "metrics", metrics));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(tooMany.message()).contains("1000").contains("metrics");

    List<Map<String, Object>> params = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      params.add(Map.of("key", "p" + i, "value", "v"));
    }
    HttpCalls.Reply tooManyParams = http.post(API + "/runs/log-batch", Map.of("run_id", runId, "params", params));
    assertThat(tooManyParams.status()).isEqualTo(400);
    assertThat(tooManyParams.message()).contains("100").contains("params");

    HttpCalls.Reply longValue = http.post(API + "/runs/log-parameter",
        Map.of("run_id", runId, "key", "big", "value", "x".repeat(6001)));
    assertThat(longValue.status()).isEqualTo(400);
    assertThat(longValue.message()).contains("big").contains("6000");

    // Exactly at the limit is fine, and nothing of the refused batches was written.
    HttpCalls.Reply atLimit = http.post(API + "/runs/log-batch", Map.of("run_id", runId, "metrics", metrics.subList(0, 1000)));
    assertThat(atLimit.status()).as(atLimit.body()).isEqualTo(200);
    assertThat(http.get(API + "/runs/get?run_id=" + runId).json().at("/run/data/params")).isEmpty();
  }

  @Test
  void changingAParamIsRefusedAsInMlflow() {
    String runId = newRun();
    assertThat(http.post(API + "/runs/log-parameter", Map.of("run_id", runId, "key", "lr", "value", "1")).status())
        .isEqualTo(200);
    assertThat(http.post(API + "/runs/log-parameter", Map.of("run_id", runId, "key", "lr", "value", "1")).status())
        .as("same value again is allowed").isEqualTo(200);
    HttpCalls.Reply changed = http.post(API + "/runs/log-parameter", Map.of("run_id", runId, "key", "lr", "value", "2"));
    assertThat(changed.status()).isEqualTo(400);
    assertThat(changed.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(changed.message()).contains("lr");
  }

  @Test
  void malformedBatchEntriesNameTheirPosition() {
    String runId = newRun();
    HttpCalls.Reply noValue = http.post(API + "/runs/log-batch",
        Map.of("run_id", runId, "metrics", List.of(metric("ok", 1, 0), Map.of("key", "broken"))));
    assertThat(noValue.status()).isEqualTo(400);
    assertThat(noValue.message()).contains("metrics[1].value");

    HttpCalls.Reply notANumber = http.post(API + "/runs/log-metric",
        Map.of("run_id", runId, "key", "k", "value", "high", "timestamp", 1));
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.message()).contains("'value'");

    HttpCalls.Reply noRun = http.post(API + "/runs/log-batch", Map.of("metrics", List.of()));
    assertThat(noRun.status()).isEqualTo(400);
    assertThat(noRun.message()).contains("'run_id'");
  }

  @Test
  void updateDeleteRestoreAndErrorsForUnknownRuns() {
    String runId = newRun();
    HttpCalls.Reply updated = http.post(API + "/runs/update",
        Map.of("run_id", runId, "status", "FINISHED", "end_time", 9000, "run_name", "renamed"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    JsonNode info = updated.json().get("run_info");
    assertThat(info.get("status").asText()).isEqualTo("FINISHED");
    assertThat(info.get("end_time").asLong()).isEqualTo(9000);
    assertThat(info.get("run_name").asText()).isEqualTo("renamed");

    assertThat(http.post(API + "/runs/delete", Map.of("run_id", runId)).status()).isEqualTo(200);
    assertThat(http.get(API + "/runs/get?run_id=" + runId).json().at("/run/info/lifecycle_stage").asText())
        .isEqualTo("deleted");
    assertThat(http.post(API + "/runs/restore", Map.of("run_id", runId)).status()).isEqualTo(200);
    assertThat(http.get(API + "/runs/get?run_id=" + runId).json().at("/run/info/lifecycle_stage").asText())
        .isEqualTo("active");

    HttpCalls.Reply missing = http.get(API + "/runs/get?run_id=" + "f".repeat(32));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    HttpCalls.Reply logToMissing = http.post(API + "/runs/log-parameter",
        Map.of("run_id", "f".repeat(32), "key", "a", "value", "b"));
    assertThat(logToMissing.status()).isEqualTo(404);
    assertThat(logToMissing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void searchFiltersOrdersAndPages() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String runId = newRun();
      ids.add(runId);
      http.post(API + "/runs/log-metric", Map.of("run_id", runId, "key", "auc", "value", i / 10.0, "timestamp", 1));
    }
    HttpCalls.Reply page = http.post(API + "/runs/search", Map.of("experiment_ids", List.of("0"),
        "filter", "metrics.auc > 0.15", "order_by", List.of("metrics.auc DESC"), "max_results", 1));
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.json().get("runs")).extracting(r -> r.at("/info/run_id").asText()).containsExactly(ids.get(2));
    String token = page.json().get("next_page_token").asText();

    HttpCalls.Reply next = http.post(API + "/runs/search", Map.of("experiment_ids", List.of("0"),
        "filter", "metrics.auc > 0.15", "order_by", List.of("metrics.auc DESC"), "max_results", 1, "page_token", token));
    assertThat(next.json().get("runs")).extracting(r -> r.at("/info/run_id").asText()).containsExactly(ids.get(1));

    HttpCalls.Reply badFilter = http.post(API + "/runs/search", Map.of("experiment_ids", List.of("0"),
        "filter", "metrics.auc >>> 1"));
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");

    HttpCalls.Reply tooMany = http.post(API + "/runs/search", Map.of("experiment_ids", List.of("0"),
        "max_results", 50001));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.message()).contains("50000");
  }
}
