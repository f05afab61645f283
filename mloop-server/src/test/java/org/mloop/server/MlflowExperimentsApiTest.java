package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/2.0/mlflow/experiments/*: MLflow's request and response shapes, and its errors. */
class MlflowExperimentsApiTest {
  private static final String API = "/api/2.0/mlflow/experiments";

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

  private String create(String name) {
    HttpCalls.Reply reply = http.post(API + "/create", Map.of("name", name));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("experiment_id").asText();
  }

  @Test
  void createThenGetReturnsMlflowExperimentFields() {
    HttpCalls.Reply created = http.post(API + "/create",
        Map.of("name", "diabetes-training", "tags", List.of(Map.of("key", "team", "value", "ml"))));
    assertThat(created.status()).isEqualTo(200);
    String id = created.json().get("experiment_id").asText();
    assertThat(created.json().get("experiment_id").isTextual()).as("experiment_id is a string").isTrue();

    HttpCalls.Reply got = http.get(API + "/get?experiment_id=" + id);
    assertThat(got.status()).isEqualTo(200);
    JsonNode e = got.json().get("experiment");
    assertThat(e.get("experiment_id").asText()).isEqualTo(id);
    assertThat(e.get("name").asText()).isEqualTo("diabetes-training");
    assertThat(e.get("artifact_location").asText()).isEqualTo("mlflow-artifacts:/" + id);
    assertThat(e.get("lifecycle_stage").asText()).isEqualTo("active");
    assertThat(e.get("creation_time").isIntegralNumber()).isTrue();
    assertThat(e.get("last_update_time").isIntegralNumber()).isTrue();
    assertThat(e.get("tags")).hasSize(1);
    assertThat(e.get("tags").get(0).get("key").asText()).isEqualTo("team");
    assertThat(e.get("tags").get(0).get("value").asText()).isEqualTo("ml");
  }

  @Test
  void getByNameFindsTheDefaultExperiment() {
    HttpCalls.Reply reply = http.get(API + "/get-by-name?experiment_name=Default");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/experiment/experiment_id").asText()).isEqualTo("0");
  }

  @Test
  void missingExperimentIs404ResourceDoesNotExist() {
    HttpCalls.Reply byId = http.get(API + "/get?experiment_id=424242");
    assertThat(byId.status()).isEqualTo(404);
    assertThat(byId.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(byId.message()).contains("424242");

    HttpCalls.Reply byName = http.get(API + "/get-by-name?experiment_name=nope");
    assertThat(byName.status()).isEqualTo(404);
    assertThat(byName.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void duplicateNameIs400ResourceAlreadyExists() {
    create("twice");
    HttpCalls.Reply again = http.post(API + "/create", Map.of("name", "twice"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    assertThat(again.message()).contains("twice");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    HttpCalls.Reply reply = http.post(API + "/create", Map.of());
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(reply.message()).contains("'name'");

    HttpCalls.Reply get = http.get(API + "/get");
    assertThat(get.status()).isEqualTo(400);
    assertThat(get.message()).contains("'experiment_id'");
  }

  @Test
  void malformedJsonIs400NotA500() {
    HttpCalls.Reply reply = http.post(API + "/create", "{\"name\": ");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(reply.message()).contains("not valid JSON").doesNotContain("at org.");

    HttpCalls.Reply array = http.post(API + "/create", "[1, 2]");
    assertThat(array.status()).isEqualTo(400);
    assertThat(array.message()).contains("JSON object");

    HttpCalls.Reply wrongType = http.post(API + "/create", "{\"name\": {\"nested\": true}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.message()).contains("'name'");
  }

  @Test
  void searchByPostAndByGetWithFilterAndPaging() {
    create("exp-a");
    create("exp-b");
    create("exp-c");

    HttpCalls.Reply post = http.post(API + "/search", Map.of("filter", "name LIKE 'exp-%'", "max_results", 2,
        "order_by", List.of("name ASC")));
    assertThat(post.status()).as(post.body()).isEqualTo(200);
    JsonNode experiments = post.json().get("experiments");
    assertThat(experiments).hasSize(2);
    assertThat(experiments.get(0).get("name").asText()).isEqualTo("exp-a");
    assertThat(experiments.get(1).get("name").asText()).isEqualTo("exp-b");
    String token = post.json().get("next_page_token").asText();
    assertThat(token).isNotEmpty();

    HttpCalls.Reply next = http.post(API + "/search", Map.of("filter", "name LIKE 'exp-%'", "max_results", 2,
        "order_by", List.of("name ASC"), "page_token", token));
    assertThat(next.json().get("experiments")).extracting(n -> n.get("name").asText()).containsExactly("exp-c");
    assertThat(next.json().has("next_page_token")).isFalse();

    HttpCalls.Reply get = http.get(API + "/search?max_results=10&order_by=name%20DESC&view_type=ACTIVE_ONLY");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.json().get("experiments")).extracting(n -> n.get("name").asText())
        .containsExactly("exp-c", "exp-b", "exp-a", "Default");
  }

  @Test
  void updateDeleteRestoreAndTag() {
    String id = create("before");
    assertThat(http.post(API + "/update", Map.of("experiment_id", id, "new_name", "after")).status()).isEqualTo(200);
    assertThat(http.get(API + "/get?experiment_id=" + id).json().at("/experiment/name").asText()).isEqualTo("after");

    assertThat(http.post(API + "/set-experiment-tag", Map.of("experiment_id", id, "key", "k", "value", "v")).status())
        .isEqualTo(200);
    assertThat(http.get(API + "/get?experiment_id=" + id).json().at("/experiment/tags/0/value").asText()).isEqualTo("v");

    HttpCalls.Reply deleted = http.post(API + "/delete", Map.of("experiment_id", id));
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{}");
    assertThat(http.get(API + "/get?experiment_id=" + id).json().at("/experiment/lifecycle_stage").asText())
        .isEqualTo("deleted");
    assertThat(http.post(API + "/search", Map.of("view_type", "DELETED_ONLY")).json().get("experiments"))
        .extracting(n -> n.get("name").asText()).containsExactly("after");

    assertThat(http.post(API + "/restore", Map.of("experiment_id", id)).status()).isEqualTo(200);
    assertThat(http.get(API + "/get?experiment_id=" + id).json().at("/experiment/lifecycle_stage").asText())
        .isEqualTo("active");
  }

  @Test
  void badEnumValueNamesTheFieldAndTheChoices() {
    HttpCalls.Reply reply = http.post(API + "/search", Map.of("view_type", "SOMETIMES"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains("'view_type'").contains("ACTIVE_ONLY");
  }

  @Test
  void unknownEndpointAndWrongMethodAreJsonErrors() {
    HttpCalls.Reply unknown = http.post("/api/2.0/mlflow/experiments/frobnicate", "{}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");

    HttpCalls.Reply wrongMethod = http.get(API + "/create?name=x");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().has("error_code")).isTrue();
  }

  @Test
  void healthAnswersOk() {
    HttpCalls.Reply reply = http.get("/health");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("status").asText()).isEqualTo("ok");
  }
}
