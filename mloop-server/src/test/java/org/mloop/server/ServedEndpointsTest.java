package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.runtime.testing.ModelFolders;

/**
 * The server scores its workspace's endpoints: scoring is guarded by the endpoint's keys (never by
 * workspace tokens, even where those are required), /metrics is behind the tokens when they are
 * required, and a change made through /api/v1 is served by the next request.
 */
class ServedEndpointsTest {
  private static final String TOKEN = "mloop_test_secret";
  private static final String REQUEST = "{\"input_data\": {\"columns\": [\"Pregnancies\", \"PlasmaGlucose\","
      + " \"DiastolicBloodPressure\", \"TricepsThickness\", \"SerumInsulin\", \"BMI\", \"DiabetesPedigree\", \"Age\"],"
      + " \"data\": [[9, 104, 51, 7, 24, 27.36983156, 1.350472047, 43], [6, 73, 61, 35, 24, 18.74367404, 1.074147566, 75]]}}";

  @TempDir Path dir;

  @Test
  void endpointKeysGuardScoringAndTokensGuardTheRest() throws Exception {
    ServerOptions options = ServerOptions.ephemeral().withRequireTokens(true).withEndpoints(dir.resolve("cache"));
    try (TestWorkspace ws = TestWorkspace.served(dir, options)) {
      ws.metadata.tokens().createToken("ci", ContentHash.ofString(TOKEN));
      for (int v = 1; v <= 2; v++) {
        Path folder = ModelFolders.write(dir.resolve("m" + v),
            ModelFolders.logistic(ModelFolders.patients(v, 300)), ModelFolders.patients(10 + v, 3));
        ws.workspace.registry().register(ModelRegistration.fromFolder("diabetes", folder, null, Map.of()));
      }
      HttpCalls admin = ws.http(TOKEN);
      assertThat(admin.post("/api/v1/endpoints", "{\"name\": \"diabetes-prod\"}").status()).isEqualTo(200);
      String key = admin.get("/api/v1/endpoints/diabetes-prod/keys").json().path("primary_key").asText();
      assertThat(admin.post("/api/v1/endpoints/diabetes-prod/deployments",
          "{\"name\": \"blue\", \"model\": \"diabetes:1\"}").status()).isEqualTo(200);

      // Served at once: the deployment call returns once the host routes to it.
      HttpCalls.Reply scored = ws.http(key).post("/endpoints/diabetes-prod/score", REQUEST);
      assertThat(scored.status()).as(scored.body()).isEqualTo(200);
      assertThat(scored.headers().firstValue("mloop-deployment")).hasValue("blue");
      assertThat(scored.json().path("predictions")).hasSize(2);
      assertThat(ws.http().post("/endpoints/diabetes-prod/score", REQUEST).status()).isEqualTo(401);
      assertThat(ws.http(TOKEN).post("/endpoints/diabetes-prod/score", REQUEST).status())
          .as("a workspace token is not an endpoint key").isEqualTo(401);

      assertThat(admin.post("/api/v1/endpoints/diabetes-prod/deployments",
          "{\"name\": \"green\", \"model\": \"diabetes:2\", \"traffic\": 100}").status()).isEqualTo(200);
      assertThat(ws.http(key).post("/endpoints/diabetes-prod/score", REQUEST).headers()
          .firstValue("mloop-deployment")).as("the traffic change, served by the next request").hasValue("green");

      assertThat(admin.post("/api/v1/endpoints/diabetes-prod/keys/regenerate", "{\"key_type\": \"primary\"}")
          .json().has("keys")).isFalse();
      String rotated = admin.get("/api/v1/endpoints/diabetes-prod/keys").json().path("primary_key").asText();
      assertThat(ws.http(key).post("/endpoints/diabetes-prod/score", REQUEST).status()).isEqualTo(401);
      assertThat(ws.http(rotated).post("/endpoints/diabetes-prod/score", REQUEST).status()).isEqualTo(200);

      assertThat(ws.http().get("/metrics").status()).as("metrics need a token where tokens are required")
          .isEqualTo(401);
      HttpCalls.Reply metrics = admin.get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      List<String> counters = metrics.body().lines()
          .filter(l -> l.startsWith("mloop_endpoint_requests_total") && l.contains("status=\"200\"")).toList();
      assertThat(counters).as(metrics.body()).anyMatch(l -> l.contains("deployment=\"blue\""))
          .anyMatch(l -> l.contains("deployment=\"green\""));
    }
  }

  @Test
  void onLoopbackMetricsAreOpen() {
    try (TestWorkspace ws = TestWorkspace.served(dir, ServerOptions.ephemeral().withEndpoints(dir.resolve("cache")))) {
      assertThat(ws.http().get("/metrics").status()).isEqualTo(200);
      assertThat(ws.server.scoringHost()).isNotNull();
    }
  }
}
