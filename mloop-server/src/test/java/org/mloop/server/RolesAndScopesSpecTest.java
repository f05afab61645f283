package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.json.Json;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenSpec;
import org.mloop.runtime.testing.ModelFolders;
import org.mloop.serving.host.ScoringHost;
import org.mloop.serving.host.ScoringResult;
import org.mloop.serving.protocol.Protocol;

/**
 * Roles and scoped tokens on a server that requires tokens, with the tokens docs/ci.md gives each
 * GitHub environment: development (contributor), staging (deployer scoped to alias:staging and
 * endpoint:diabetes-staging), production (deployer scoped to alias:production and
 * endpoint:diabetes-prod), plus a reader and an admin. The same rules hold on /api/v1, the MLflow API
 * and the mlflow-artifacts proxy; a refusal is 403 PERMISSION_DENIED naming what is missing.
 */
class RolesAndScopesSpecTest {
  private static final String ADMIN = "t-admin";
  private static final String READER = "t-reader";
  private static final String DEVELOPMENT = "t-development";
  private static final String STAGING = "t-staging";
  private static final String PRODUCTION = "t-production";
  private static final String EXPIRED = "t-expired";

  @TempDir static Path dir;
  private static TestWorkspace ws;

  @BeforeAll
  static void start() throws IOException {
    ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral().withRequireTokens(true)
        .withUploadDirectory(dir.resolve("up")).withEndpoints(dir.resolve("cache")));
    token(ADMIN, Role.ADMIN, "", null);
    token(READER, Role.READER, "", null);
    token(DEVELOPMENT, Role.CONTRIBUTOR, "", null);
    token(STAGING, Role.DEPLOYER, "alias:staging,endpoint:diabetes-staging", null);
    token(PRODUCTION, Role.DEPLOYER, "alias:production,endpoint:diabetes-prod", null);
    token(EXPIRED, Role.ADMIN, "", System.currentTimeMillis() - 1);
    for (int v = 1; v <= 2; v++) {
      Path folder = ModelFolders.write(dir.resolve("m" + v), ModelFolders.logistic(ModelFolders.patients(v, 200)),
          ModelFolders.patients(10 + v, 3));
      ws.workspace.registry().register(ModelRegistration.fromFolder("diabetes", folder, null, Map.of()));
    }
    ws.workspace.registry().setAlias("diabetes", "production", 1, "setup", null);
    ws.workspace.registry().setAlias("diabetes", "staging", 1, "setup", null);
    for (String endpoint : new String[] {"diabetes-prod", "diabetes-staging"}) {
      ws.workspace.endpoints().create(endpoint, null, AuthMode.KEY);
      ws.workspace.endpoints().createDeployment(new DeploymentSpec(endpoint, "blue", "diabetes:1", 1, null, 100));
      ws.workspace.endpoints().createDeployment(new DeploymentSpec(endpoint, "green", "diabetes:2", 1, null, 0));
    }
  }

  private static void token(String secret, Role role, String scope, Long expiresAt) {
    ws.metadata.tokens().createToken(new TokenSpec(secret.substring(2), role, Scope.parse(scope), expiresAt),
        ContentHash.ofString(secret));
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  private static HttpCalls as(String token) {
    return ws.http(token);
  }

  private static void denied(HttpCalls.Reply reply, String... mentions) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(reply.message()).contains(mentions);
  }

  private static String traffic(String blue, String green) {
    return "{\"traffic\": {\"blue\": " + blue + ", \"green\": " + green + "}}";
  }

  @Test
  void onlyTheProductionTokenMovesAtProductionAndChangesDiabetesProd() {
    String move = "{\"version\": 2, \"reason\": \"spec\"}";
    denied(as(STAGING).post("/api/v1/models/diabetes/aliases/production", move),
        "aliases.protected.write", "diabetes@production", "outside the scope", "alias:staging,endpoint:diabetes-staging");
    denied(as(DEVELOPMENT).post("/api/v1/models/diabetes/aliases/production", move),
        "permission 'aliases.protected.write' is missing", "role contributor", "deployer");
    denied(as(STAGING).post("/api/v1/endpoints/diabetes-prod/traffic", traffic("90", "10")),
        "endpoints.write", "diabetes-prod", "outside the scope");
    denied(as(DEVELOPMENT).post("/api/v1/endpoints/diabetes-prod/traffic", traffic("90", "10")),
        "permission 'endpoints.write' is missing");
    denied(as(STAGING).post("/api/v1/endpoints/diabetes-prod/deployments", "{\"name\": \"m2\", \"model\": \"diabetes:2\"}"),
        "endpoints.write", "diabetes-prod");
    assertThat(ws.workspace.registry().getVersion(org.mloop.core.registry.ModelRef.parse("diabetes@production")).version())
        .as("nothing moved").isEqualTo(1);
    assertThat(ws.workspace.endpoints().get("diabetes-prod").traffic()).containsExactlyEntriesOf(Map.of("blue", 100));

    HttpCalls.Reply moved = as(PRODUCTION).post("/api/v1/models/diabetes/aliases/production", move);
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().path("alias_move").path("who").asText()).contains("token:production");
    HttpCalls.Reply split = as(PRODUCTION).post("/api/v1/endpoints/diabetes-prod/traffic", traffic("90", "10"));
    assertThat(split.status()).as(split.body()).isEqualTo(200);
    assertThat(ws.workspace.endpoints().get("diabetes-prod").traffic()).containsEntry("green", 10);

    // and each environment's token does its own environment's work
    assertThat(as(STAGING).post("/api/v1/models/diabetes/aliases/staging", move).status()).isEqualTo(200);
    assertThat(as(STAGING).post("/api/v1/endpoints/diabetes-staging/traffic", traffic("0", "100")).status())
        .isEqualTo(200);
    denied(as(PRODUCTION).post("/api/v1/endpoints/diabetes-staging/traffic", traffic("100", "0")), "outside the scope");
    // put production back for the other specs
    assertThat(as(PRODUCTION).post("/api/v1/endpoints/diabetes-prod/traffic", traffic("100", "0")).status())
        .isEqualTo(200);
    assertThat(as(ADMIN).post("/api/v1/models/diabetes/aliases/production", "{\"version\": 1}").status())
        .isEqualTo(200);
  }

  @Test
  void aReaderReadsButCreatesNoJobAndReadsNoKey() {
    HttpCalls reader = as(READER);
    assertThat(reader.get("/api/v1/endpoints").status()).isEqualTo(200);
    assertThat(reader.get("/api/v1/endpoints/diabetes-prod").status()).isEqualTo(200);
    assertThat(reader.get("/api/2.0/mlflow/experiments/get?experiment_id=0").status()).isEqualTo(200);
    denied(reader.post("/api/v1/jobs", "{\"spec\": {\"type\": \"command\", \"command\": \"true\"}}"),
        "permission 'jobs.write' is missing", "token 'reader' (role reader)", "contributor");
    denied(reader.get("/api/v1/endpoints/diabetes-prod/keys"), "endpoints.keys.read", "deployer");
    denied(as(DEVELOPMENT).get("/api/v1/endpoints/diabetes-prod/keys"), "endpoints.keys.read");
    denied(as(STAGING).get("/api/v1/endpoints/diabetes-prod/keys"), "outside the scope");
    assertThat(as(STAGING).get("/api/v1/endpoints/diabetes-staging/keys").json().path("primary_key").asText())
        .isEqualTo(ws.workspace.endpoints().getKeys("diabetes-staging").primary());
    assertThat(as(PRODUCTION).get("/api/v1/endpoints/diabetes-prod/keys").status()).isEqualTo(200);
  }

  @Test
  void keysAreAbsentFromEveryEndpointAnswer() {
    String primary = ws.workspace.endpoints().getKeys("diabetes-prod").primary();
    String secondary = ws.workspace.endpoints().getKeys("diabetes-prod").secondary();
    HttpCalls admin = as(ADMIN);
    for (HttpCalls.Reply reply : new HttpCalls.Reply[] {admin.get("/api/v1/endpoints"),
        admin.get("/api/v1/endpoints/diabetes-prod"), admin.get("/api/v1/endpoints/diabetes-prod/deployments"),
        admin.post("/api/v1/endpoints/diabetes-prod/traffic", traffic("100", "0")),
        admin.method("PATCH", "/api/v1/endpoints/diabetes-prod/deployments/blue", "{\"instance_count\": 1}")}) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.body()).doesNotContain(primary).doesNotContain(secondary).doesNotContain("\"keys\"");
    }
  }

  @Test
  void deletesAndKeyRegenerationAreTheAdminsAlone() {
    denied(as(PRODUCTION).method("DELETE", "/api/v1/models/diabetes/versions/2", null), "permission 'delete' is missing",
        "admin");
    denied(as(PRODUCTION).post("/api/v1/endpoints/diabetes-prod/keys/regenerate", "{\"key_type\": \"secondary\"}"),
        "endpoints.keys.regenerate", "admin");
    denied(as(PRODUCTION).method("DELETE", "/api/v1/endpoints/diabetes-prod", null), "'delete'");
  }

  @Test
  void anExpiredTokenIsRefusedWith401SayingItExpired() {
    HttpCalls.Reply reply = as(EXPIRED).get("/api/v1/endpoints");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("UNAUTHENTICATED");
    assertThat(reply.message()).contains("'expired'").contains("expired at");
  }

  @Test
  void theMlflowApiEnforcesTheSameRulesInMlflowsErrorShape() {
    denied(as(READER).post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}"), "runs.write");
    HttpCalls.Reply created = as(DEVELOPMENT).post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    String runId = created.json().path("run").path("info").path("run_id").asText();
    denied(as(DEVELOPMENT).post("/api/2.0/mlflow/runs/delete", "{\"run_id\": \"" + runId + "\"}"), "'delete'");

    String alias = "{\"name\": \"diabetes\", \"alias\": \"production\", \"version\": \"2\"}";
    denied(as(DEVELOPMENT).post("/api/2.0/mlflow/registered-models/alias", alias), "aliases.protected.write");
    denied(as(STAGING).post("/api/2.0/mlflow/registered-models/alias", alias), "outside the scope");
    denied(as(STAGING).method("DELETE", "/api/2.0/mlflow/registered-models/alias",
        "{\"name\": \"diabetes\", \"alias\": \"production\"}"), "outside the scope");
    denied(as(STAGING).post("/api/2.0/mlflow/model-versions/transition-stage",
        "{\"name\": \"diabetes\", \"version\": \"2\", \"stage\": \"Production\"}"), "diabetes@production");
    denied(as(PRODUCTION).method("DELETE", "/api/2.0/mlflow/model-versions/delete",
        "{\"name\": \"diabetes\", \"version\": \"2\"}"), "'delete'");
    String challenger = "{\"name\": \"diabetes\", \"alias\": \"challenger\", \"version\": \"2\"}";
    assertThat(as(DEVELOPMENT).post("/api/2.0/mlflow/registered-models/alias", challenger).status())
        .as("an alias that is not protected is contributor work").isEqualTo(200);
    denied(as(READER).post("/api/2.0/mlflow/registered-models/alias", challenger), "aliases.write");
  }

  @Test
  void theArtifactProxyEnforcesTheSameRules() {
    String path = "/api/2.0/mlflow-artifacts/artifacts/0/spec-run/artifacts/notes.txt";
    HttpCalls.Reply refused = as(READER).put(path, HttpRequest.BodyPublishers.ofString("hello"));
    denied(refused, "runs.write");
    assertThat(ws.artifacts.exists("mlartifacts/0/spec-run/artifacts/notes.txt")).isFalse();
    assertThat(as(DEVELOPMENT).put(path, HttpRequest.BodyPublishers.ofString("hello")).status()).isEqualTo(200);
    assertThat(as(READER).get(path).body()).isEqualTo("hello");
  }

  @Test
  void theInternalTokenOfJobsLogsRunsButDeploysNothing() {
    HttpCalls internal = as(ws.server.internalToken());
    assertThat(internal.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").status()).isEqualTo(200);
    denied(internal.post("/api/v1/endpoints", "{\"name\": \"from-a-job\"}"), "endpoints.write", "internal");
    denied(internal.get("/api/v1/endpoints/diabetes-prod/keys"), "endpoints.keys.read");
    denied(internal.post("/api/v1/models/diabetes/aliases/production", "{\"version\": 2}"), "aliases.protected.write");
  }

  /** A standalone replica (`mloop serve --endpoint` against the server) reads its endpoint's keys through get-keys. */
  @Test
  void aReplicaServesWithADeployersTokenAndCannotWithAReadersOne() {
    byte[] request = ("{\"input_data\": {\"columns\": " + Json.write(java.util.List.of(ModelFolders.FEATURES))
        + ", \"data\": [[9, 104, 51, 7, 24, 27.4, 1.35, 43]]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String key = ws.workspace.endpoints().getKeys("diabetes-prod").primary();
    try (ScoringHost replica = EndpointScoring.singleEndpoint("diabetes-prod", new RemoteWorkspace(ws.url(), PRODUCTION),
        dir.resolve("replica-cache"))) {
      replica.refreshNow();
      ScoringResult scored = replica.score("diabetes-prod", null, Protocol.AZURE_SCORE, "application/json", request, key);
      assertThat(scored.status()).as(scored.bodyText()).isEqualTo(200);
    }
    try (ScoringHost replica = EndpointScoring.singleEndpoint("diabetes-prod", new RemoteWorkspace(ws.url(), READER),
        dir.resolve("replica-cache"))) {
      assertThatThrownBy(replica::refreshNow).hasMessageContaining("endpoints.keys.read");
      assertThat(replica.score("diabetes-prod", null, Protocol.AZURE_SCORE, "application/json", request, key).status())
          .as("a replica that could not read the keys serves nothing").isNotEqualTo(200);
    }
  }

  @Test
  void aTokensLastUseIsRecorded() throws InterruptedException {
    assertThat(as(READER).get("/api/v1/endpoints").status()).isEqualTo(200);
    Token reader = null;
    for (int i = 0; i < 100; i++) {
      reader = ws.metadata.tokens().findTokenBySha256(ContentHash.ofString(READER)).orElseThrow();
      if (reader.lastUsedAt() != null) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(reader.lastUsedAt()).isNotNull().isGreaterThan(System.currentTimeMillis() - 60_000);
  }
}
