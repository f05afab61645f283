package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input answers 4xx, never 500, on the MLflow API and on /api/v1 alike: documents over the JSON
 * bounds, names over their length limit, and names that are not strings. Every answer is MLflow's
 * INVALID_PARAMETER_VALUE with a message that names the field or the limit and stays short.
 */
class BadRequestsApiTest {
  private static final String MLFLOW = "/api/2.0/mlflow";
  private static final String LONG_NAME = "a".repeat(10_000);

  @TempDir static Path dir;
  static TestWorkspace ws;
  static HttpCalls http;

  @BeforeAll
  static void start() {
    ws = TestWorkspace.served(dir);
    http = ws.http();
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  private static HttpCalls.Reply refused(HttpCalls.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    return reply;
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void jsonNestedDeeperThanTheLimitIsA400NamingTheLimit() {
    for (String path : List.of(MLFLOW + "/runs/create", MLFLOW + "/registered-models/create",
        MLFLOW + "/experiments/create", "/api/v1/jobs", "/api/v1/endpoints")) {
      HttpCalls.Reply reply = refused(http.post(path, "{\"name\": " + nested(150) + "}"));
      assertThat(reply.message()).as(path).isEqualTo("the request body nests objects and lists more than 100 levels"
          + " deep (the limit)");
    }
    HttpCalls.Reply inSpec = refused(http.post("/api/v1/jobs",
        "{\"spec\": {\"command\": \"true\", \"tags\": " + "{\"a\": ".repeat(120) + "1" + "}".repeat(120) + "}}"));
    assertThat(inSpec.message()).contains("more than 100 levels deep");
    assertThat(ws.runner.started).isEmpty();
  }

  @Test
  void nestingWithinTheLimitIsStillRead() {
    // 99 levels of lists inside the body object: within the limit, so the field's type is what is wrong.
    HttpCalls.Reply reply = refused(http.post(MLFLOW + "/experiments/create", "{\"name\": " + nested(99) + "}"));
    assertThat(reply.message()).contains("parameter 'name'").contains("expected a string");
  }

  @Test
  void aTwoThousandDigitNumberIsA400NamingTheLimit() {
    String number = "1".repeat(2000);
    for (String body : List.of("{\"experiment_id\": \"0\", \"start_time\": " + number + "}",
        "{\"run_id\": \"abc\", \"metrics\": [{\"key\": \"m\", \"value\": 0." + number + ", \"timestamp\": 1}]}")) {
      HttpCalls.Reply mlflow = refused(http.post(MLFLOW + "/runs/create", body));
      assertThat(mlflow.message()).isEqualTo("the request body has a number longer than 1000 characters (the limit)");
    }
    HttpCalls.Reply api = refused(http.post("/api/v1/jobs", "{\"spec\": {\"command\": \"true\"}, \"n\": -" + number + "}"));
    assertThat(api.message()).contains("number longer than 1000 characters");
  }

  @Test
  void aLoggedModelOverTheLimitsIsRefusedNamingItsParameter() {
    String runId = http.post(MLFLOW + "/runs/create", Map.of("experiment_id", "0")).json().at("/run/info/run_id")
        .asText();
    String model = "{\"artifact_path\": \"model\", \"flavors\": " + "{\"f\": ".repeat(150) + "{}" + "}".repeat(150) + "}";
    HttpCalls.Reply reply = refused(http.post(MLFLOW + "/runs/log-model", Map.of("run_id", runId, "model_json", model)));
    assertThat(reply.message()).isEqualTo("Invalid value for parameter 'model_json': it nests objects and lists more"
        + " than 100 levels deep (the limit)");
  }

  @Test
  void aTooLongNameSaysTooLongOnceWithTheLimitWithoutEchoingIt() {
    Map<String, String> limits = Map.of(
        MLFLOW + "/registered-models/create", "model name 'aaaa",
        MLFLOW + "/experiments/create", "Experiment name 'aaaa",
        "/api/v1/endpoints", "endpoint name 'aaaa");
    limits.forEach((path, start) -> {
      HttpCalls.Reply reply = refused(http.post(path, Map.of("name", LONG_NAME)));
      assertThat(reply.message()).as(path).startsWith(start).contains("(10000 characters) is too long (max ")
          .hasSizeLessThan(200);
      assertThat(reply.message().split("too long", -1)).as("said once").hasSize(2);
    });
    HttpCalls.Reply job = refused(http.post("/api/v1/jobs", Map.of("name", LONG_NAME, "spec", Map.of("command", "true"))));
    assertThat(job.message()).contains("job name 'aaaa").contains("is too long (max 255 characters)")
        .hasSizeLessThan(200);
    HttpCalls.Reply alias = refused(http.post(MLFLOW + "/registered-models/alias",
        Map.of("name", "m", "alias", "p".repeat(300), "version", "1")));
    assertThat(alias.message()).contains("alias 'pppp").contains("too long (max 255 characters)").hasSizeLessThan(200);
    assertThat(http.get(MLFLOW + "/registered-models/search").json().path("registered_models").size())
        .as("nothing was created").isZero();
  }

  @Test
  void aNameThatIsNotAStringIsRefusedAsMlflowDoesNamingTheFieldAndType() {
    Map<String, String> kinds = Map.of("123", "number", "1.5", "number", "true", "boolean", "{\"a\": 1}", "object",
        "[\"x\"]", "array");
    kinds.forEach((value, kind) -> {
      for (String path : List.of(MLFLOW + "/registered-models/create", MLFLOW + "/experiments/create")) {
        HttpCalls.Reply reply = refused(http.post(path, "{\"name\": " + value + "}"));
        assertThat(reply.message()).as(path + " " + value).contains("for parameter 'name' supplied: expected a string, got "
            + kind);
      }
      HttpCalls.Reply endpoint = refused(http.post("/api/v1/endpoints", "{\"name\": " + value + "}"));
      assertThat(endpoint.message()).as(value).contains("'name'").contains("expected a string");
      HttpCalls.Reply spec = refused(http.post("/api/v1/jobs", "{\"spec\": {\"command\": \"true\", \"name\": " + value + "}}"));
      assertThat(spec.message()).as(value).isEqualTo("invalid job spec: field 'name' must be a string");
    });
    assertThat(http.get(MLFLOW + "/registered-models/search").json().path("registered_models").size())
        .as("no model named 123 or true was created").isZero();
    assertThat(http.get(MLFLOW + "/experiments/get-by-name?experiment_name=123").status()).isEqualTo(404);
    assertThat(ws.runner.started).isEmpty();
  }

  @Test
  void theServerKeepsAnsweringAfterBadInput() {
    refused(http.post(MLFLOW + "/runs/create", "{\"start_time\": " + "9".repeat(5000) + "}"));
    HttpCalls.Reply fine = http.post(MLFLOW + "/experiments/create", Map.of("name", "after-bad-input"));
    assertThat(fine.status()).as(fine.body()).isEqualTo(200);
  }
}
