package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.json.ApiJson;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.runtime.testing.ModelFolders;

/**
 * Online endpoints under /api/v1/endpoints: the remote workspace sees what the served workspace
 * holds, the wire format is snake_case like the rest of /api/v1, and bad requests are 400s that
 * name the field. Everything but the request-validation and JSON specs needs the endpoint store.
 */
class EndpointsApiTest {
  @TempDir Path dir;

  /** A small model in a flavor mloop serves (deployments of others are refused); each seed trains another version. */
  private void registerModel(TestWorkspace ws, int seed) throws IOException {
    Path folder = ModelFolders.write(dir.resolve("model-" + seed), ModelFolders.logistic(ModelFolders.patients(seed, 100)),
        ModelFolders.patients(10, 2));
    ws.workspace.registry().register(ModelRegistration.fromFolder("diabetes", folder, null, null));
  }

  @Test
  void aBlueGreenRolloutThroughTheRemoteWorkspaceIsWhatTheWorkspaceHolds() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      registerModel(ws, 1);
      registerModel(ws, 2);
      ws.workspace.registry().setAlias("diabetes", "production", 1, "test", null);
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), null);

      Endpoint created = remote.endpoints().create("diabetes-prod", "is this patient diabetic?", AuthMode.KEY);
      assertThat(created.keys()).as("keys travel only through get-keys").isNull();
      EndpointKeys keys = remote.endpoints().getKeys("diabetes-prod");
      assertThat(keys.primary()).hasSize(43).isNotEqualTo(keys.secondary());
      assertThat(keys).isEqualTo(ws.workspace.endpoints().getKeys("diabetes-prod"));
      assertThat(created.traffic()).isEmpty();

      Deployment blue = remote.endpoints().createDeployment(new DeploymentSpec("diabetes-prod", "blue", "diabetes@production", 1,
          null, null));
      assertThat(blue.modelVersion()).isEqualTo(1);
      assertThat(blue.requestedModel()).isEqualTo("diabetes@production");
      Deployment green = remote.endpoints().createDeployment(new DeploymentSpec("diabetes-prod", "green", "diabetes:2", 2,
          new DataCollection(20), 0));
      assertThat(green.dataCollection().samplePercent()).isEqualTo(20);
      assertThat(remote.endpoints().get("diabetes-prod").traffic()).containsExactlyEntriesOf(Map.of("blue", 100));

      Endpoint mirrored = remote.endpoints().updateTraffic("diabetes-prod", null, Map.of("green", 20));
      assertThat(mirrored.mirrorTraffic()).containsExactlyEntriesOf(Map.of("green", 20));
      Endpoint split = remote.endpoints().updateTraffic("diabetes-prod", Map.of("blue", 90, "green", 10), Map.of());
      assertThat(split.traffic()).isEqualTo(Map.of("blue", 90, "green", 10));
      assertThat(split.mirrorTraffic()).isEmpty();
      assertThat(split.generation()).isGreaterThan(created.generation());
      assertThat(remote.endpoints().get("diabetes-prod")).isEqualTo(ws.workspace.endpoints().get("diabetes-prod").withKeys(null));

      assertThat(remote.endpoints().regenerateKey("diabetes-prod", KeyType.PRIMARY).keys()).isNull();
      EndpointKeys rotated = remote.endpoints().getKeys("diabetes-prod");
      assertThat(rotated.primary()).isNotEqualTo(keys.primary());
      assertThat(rotated.secondary()).isEqualTo(keys.secondary());

      assertThat(remote.endpoints().updateDeployment("diabetes-prod", "blue", 3, null).instanceCount()).isEqualTo(3);
      assertThat(remote.endpoints().updateDeployment("diabetes-prod", "blue", null, DataCollection.ALL).instanceCount())
          .as("a field not sent is left as it is").isEqualTo(3);
      assertThat(remote.endpoints().listDeployments("diabetes-prod")).isEqualTo(ws.workspace.endpoints().listDeployments("diabetes-prod"));

      remote.endpoints().logDeploymentEvent("diabetes-prod", "green", "host-a", "model diabetes:2 loaded");
      remote.endpoints().logDeploymentEvent("diabetes-prod", "green", "host-b", "traffic applied");
      List<DeploymentEvent> events = remote.endpoints().deploymentLogs("diabetes-prod", "green", 0, 100);
      assertThat(events).extracting(DeploymentEvent::message).containsExactly("model diabetes:2 loaded",
          "traffic applied");
      assertThat(events).extracting(DeploymentEvent::host).containsExactly("host-a", "host-b");
      assertThat(remote.endpoints().deploymentLogs("diabetes-prod", "green", events.get(0).id(), 100)).hasSize(1);

      assertThatThrownBy(() -> remote.endpoints().deleteDeployment("diabetes-prod", "green"))
          .isInstanceOf(MloopException.class).hasMessageContaining("green").hasMessageContaining("traffic");
      remote.endpoints().updateTraffic("diabetes-prod", Map.of("blue", 100), null);
      remote.endpoints().deleteDeployment("diabetes-prod", "green");
      assertThatThrownBy(() -> remote.endpoints().getDeployment("diabetes-prod", "green"))
          .hasMessageContaining("has no deployment 'green'")
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));

      remote.endpoints().delete("diabetes-prod");
      assertThat(remote.endpoints().list()).isEmpty();
      assertThatThrownBy(() -> remote.endpoints().get("diabetes-prod")).hasMessageContaining("'diabetes-prod' not found");
    }
  }

  @Test
  void collectedDataGoesUpAndComesBackAndIsNeverOverwritten() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), null);
      byte[] batch = "{\"correlation_id\":\"a1\",\"inputs\":[[1,2]]}\n".getBytes(StandardCharsets.UTF_8);
      remote.endpoints().writeCollectedData("diabetes-prod", "blue", "2026/11/26/14/host-a-0001.jsonl", batch);
      remote.endpoints().writeCollectedData("diabetes-prod", "blue", "2026/11/26/15/host-a-0002.jsonl", batch);

      assertThat(ws.artifacts.exists("collected/diabetes-prod/blue/2026/11/26/14/host-a-0001.jsonl")).isTrue();
      assertThat(remote.endpoints().listCollectedData("diabetes-prod", "blue")).extracting(f -> f.path())
          .containsExactly("2026/11/26/14/host-a-0001.jsonl", "2026/11/26/15/host-a-0002.jsonl");
      try (InputStream in = remote.endpoints().openCollectedData("diabetes-prod", "blue", "2026/11/26/14/host-a-0001.jsonl")) {
        assertThat(in.readAllBytes()).isEqualTo(batch);
      }
      assertThatThrownBy(() -> remote.endpoints().writeCollectedData("diabetes-prod", "blue", "2026/11/26/14/host-a-0001.jsonl",
          "other".getBytes(StandardCharsets.UTF_8)))
          .hasMessageContaining("never overwritten")
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));

      HttpCalls.Reply escape = ws.http().put("/api/v1/endpoints/diabetes-prod/deployments/blue/collected/a/%2E%2E/x",
          HttpRequest.BodyPublishers.ofString("x"));
      assertThat(escape.status()).isEqualTo(400);
      assertThat(escape.message()).contains("..");
    }
  }

  @Test
  void theWireFormatIsSnakeCaseWithAzuresWords() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      registerModel(ws, 1);
      HttpCalls http = ws.http();
      HttpCalls.Reply created = http.post("/api/v1/endpoints", "{\"name\": \"diabetes-staging\", \"auth_mode\": \"none\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      JsonNode endpoint = created.json();
      assertThat(endpoint.path("auth_mode").asText()).isEqualTo("none");
      assertThat(endpoint.has("keys")).as("no endpoint answer carries the keys").isFalse();
      assertThat(endpoint.has("mirror_traffic")).isTrue();
      HttpCalls.Reply keys = http.get("/api/v1/endpoints/diabetes-staging/keys");
      assertThat(keys.status()).as(keys.body()).isEqualTo(200);
      assertThat(keys.json().path("auth_mode").asText()).isEqualTo("none");
      String primary = keys.json().path("primary_key").asText();
      assertThat(primary).hasSize(43).isNotEqualTo(keys.json().path("secondary_key").asText());
      for (String read : List.of("/api/v1/endpoints", "/api/v1/endpoints/diabetes-staging")) {
        assertThat(http.get(read).body()).as(read).doesNotContain(primary).doesNotContain("\"keys\"");
      }

      HttpCalls.Reply deployment = http.post("/api/v1/endpoints/diabetes-staging/deployments",
          "{\"name\": \"blue\", \"model\": \"diabetes\", \"data_collection\": {\"sample_percent\": 5}}");
      assertThat(deployment.status()).as(deployment.body()).isEqualTo(200);
      assertThat(deployment.json().path("model_name").asText()).isEqualTo("diabetes");
      assertThat(deployment.json().path("model_version").asInt()).isEqualTo(1);
      assertThat(deployment.json().path("instance_count").asInt()).as("the default").isEqualTo(1);
      assertThat(deployment.json().path("data_collection").path("sample_percent").asDouble()).isEqualTo(5);

      HttpCalls.Reply patched = http.method("PATCH", "/api/v1/endpoints/diabetes-staging/deployments/blue",
          "{\"instance_count\": 2}");
      assertThat(patched.json().path("instance_count").asInt()).isEqualTo(2);
      HttpCalls.Reply traffic = http.method("PATCH", "/api/v1/endpoints/diabetes-staging/traffic",
          "{\"traffic\": {\"blue\": 100}}");
      assertThat(traffic.json().path("traffic").path("blue").asInt()).isEqualTo(100);

      assertThat(http.post("/api/v1/endpoints/diabetes-staging/deployments/blue/logs",
          "{\"message\": \"model loaded\"}").status()).isEqualTo(200);
      JsonNode logs = http.get("/api/v1/endpoints/diabetes-staging/deployments/blue/logs?after=0&limit=5").json();
      assertThat(logs.path("events").get(0).path("message").asText()).isEqualTo("model loaded");
      assertThat(logs.path("events").get(0).path("deployment_name").asText()).isEqualTo("blue");
      assertThat(logs.path("events").get(0).path("host").asText()).as("the caller, when it does not say").isNotEmpty();

      JsonNode list = http.get("/api/v1/endpoints").json();
      assertThat(list.path("endpoints").get(0).path("name").asText()).isEqualTo("diabetes-staging");
      assertThat(http.method("DELETE", "/api/v1/endpoints/diabetes-staging", null).status()).isEqualTo(200);
      HttpCalls.Reply gone = http.get("/api/v1/endpoints/diabetes-staging");
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }
  }

  /** These are refused before the workspace is asked anything. */
  @Test
  void badRequestsAre400sThatNameTheField() {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      HttpCalls http = ws.http();
      String e = "/api/v1/endpoints/diabetes-prod";

      assertBad(http.post("/api/v1/endpoints", "{\"description\": \"no name\"}"), "'name'");
      assertBad(http.post("/api/v1/endpoints", "{\"name\": \"diabetes-prod\", \"auth_mode\": \"password\"}"),
          "use key or none");
      assertBad(http.post(e + "/traffic", "{\"traffic\": {\"blue\": \"ninety\"}}"), "traffic.blue");
      assertBad(http.post(e + "/traffic", "{\"traffic\": [\"blue\"]}"), "'traffic'");
      assertBad(http.post(e + "/traffic", "{}"), "nothing to change");
      assertBad(http.post(e + "/keys/regenerate", "{\"key_type\": \"tertiary\"}"), "use primary or secondary");
      assertBad(http.post(e + "/deployments", "{\"name\": \"blue\", \"model\": \"diabetes\", "
          + "\"data_collection\": {\"sample_percent\": 150}}"), "from 0 (off) to 100");
      assertBad(http.post(e + "/deployments", "{\"name\": \"blue\", \"model\": \"diabetes\", "
          + "\"data_collection\": 10}"), "'data_collection'");
      assertBad(http.post(e + "/deployments", "{\"name\": \"blue\"}"), "'model'");
      assertBad(http.method("PATCH", e + "/deployments/blue", "{}"), "nothing to change");
      assertBad(http.get(e + "/deployments/blue/logs?limit=0"), "limit");
      assertBad(http.post(e + "/deployments/blue/logs", "{\"host\": \"h\"}"), "'message'");
    }
  }

  @Test
  void endpointRecordsSurviveTheApiJsonRoundTrip() {
    Endpoint endpoint = new Endpoint("diabetes-prod", null, AuthMode.NONE, EndpointKeys.generate(),
        Map.of("blue", 90, "green", 10), Map.of("green", 0), 7, 1000L, 2000L);
    JsonNode tree = ApiJson.tree(endpoint);
    assertThat(tree.path("auth_mode").asText()).isEqualTo("none");
    assertThat(tree.path("traffic").has("blue")).as("deployment names are kept as written").isTrue();
    assertThat(tree.has("keys")).as("keys never travel in an endpoint's JSON").isFalse();
    assertThat(tree.toString()).doesNotContain(endpoint.keys().primary());
    assertThat(ApiJson.read(tree, Endpoint.class, "endpoint")).isEqualTo(endpoint.withKeys(null));

    Deployment deployment = new Deployment("diabetes-prod", "blue", "diabetes", 7, "diabetes@production", 2,
        new DataCollection(12.5), 1000L, 2000L);
    assertThat(ApiJson.read(ApiJson.tree(deployment), Deployment.class, "deployment")).isEqualTo(deployment);
    DeploymentEvent event = new DeploymentEvent(3, "diabetes-prod", "blue", 1000L, "host-a", "loaded");
    assertThat(ApiJson.read(ApiJson.tree(event), DeploymentEvent.class, "event")).isEqualTo(event);
  }

  private static void assertBad(HttpCalls.Reply reply, String mentions) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(reply.message()).contains(mentions);
  }
}
