package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.RegistryService;
import org.mloop.core.rollout.RestoreRequest;
import org.mloop.core.rollout.RolloutRequest;
import org.mloop.core.rollout.RolloutResult;
import org.mloop.core.rollout.RolloutStep;
import org.mloop.core.rollout.Rollouts;
import org.mloop.core.rollout.ScoringProbe;
import org.mloop.core.store.TokenSpec;
import org.mloop.core.workspace.Workspace;
import org.mloop.runtime.testing.ModelFolders;
import org.mloop.serving.host.ScoringHost;

/**
 * Blue/green rollouts and restores as the workflow scripts and the quickstart run them, on a
 * workspace directory (smoke tests on a scoring host of the test's own) and through a server
 * (smoke tests on the server's host) alike: a canary step before all traffic moves, the alias
 * following, the previous deployment kept for a restore; a smoke test failing during the canary puts
 * the split back and leaves the alias; a restore moves traffic and alias back together.
 */
class RolloutSpecTest {
  private static final String REQUEST = "{\"input_data\": {\"columns\": [\"Pregnancies\", \"PlasmaGlucose\","
      + " \"DiastolicBloodPressure\", \"TricepsThickness\", \"SerumInsulin\", \"BMI\", \"DiabetesPedigree\", \"Age\"],"
      + " \"data\": [[9, 104, 51, 7, 24, 27.36983156, 1.350472047, 43]]}}";
  private static final String TOKEN = "mloop_test_rollout";

  @TempDir Path dir;

  @Test
  void rolloutWithCanaryThenRestoreOnAWorkspaceDirectory() throws IOException {
    try (TestWorkspace ws = TestWorkspace.local(dir.resolve("ws"));
        ScoringHost host = EndpointScoring.allEndpoints(ws.workspace, dir.resolve("cache"))) {
      ws.workspace.endpoints().scoringInThisProcess(EndpointScoring.probe(host));
      rolloutWithCanaryThenRestore(ws.workspace, ws.workspace);
    }
  }

  @Test
  void rolloutWithCanaryThenRestoreThroughAServer() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral()
        .withUploadDirectory(dir.resolve("up")).withEndpoints(dir.resolve("cache")))) {
      rolloutWithCanaryThenRestore(ws.workspace, new RemoteWorkspace(ws.url(), null));
    }
  }

  @Test
  void aFailedCanaryPutsTheSplitBackOnAWorkspaceDirectory() throws IOException {
    try (TestWorkspace ws = TestWorkspace.local(dir.resolve("ws"));
        ScoringHost host = EndpointScoring.allEndpoints(ws.workspace, dir.resolve("cache"))) {
      ws.workspace.endpoints().scoringInThisProcess(EndpointScoring.probe(host));
      failedCanaryPutsTheSplitBack(ws.workspace, ws.workspace);
    }
  }

  @Test
  void aFailedCanaryPutsTheSplitBackThroughAServer() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral()
        .withUploadDirectory(dir.resolve("up")).withEndpoints(dir.resolve("cache")))) {
      failedCanaryPutsTheSplitBack(ws.workspace, new RemoteWorkspace(ws.url(), null));
    }
  }

  @Test
  void aRolloutNeedsTheEndpointAndTheAliasInTheTokensScope() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral().withRequireTokens(true)
        .withUploadDirectory(dir.resolve("up")).withEndpoints(dir.resolve("cache")))) {
      register(ws.workspace.registry(), 1, true);
      ws.metadata.tokens().createToken(new TokenSpec("staging", Role.DEPLOYER,
          Scope.parse("alias:staging,endpoint:diabetes-staging"), null), ContentHash.ofString(TOKEN));
      HttpCalls.Reply refused = ws.http(TOKEN).post("/api/v1/endpoints/diabetes-staging/rollout",
          "{\"model\": \"diabetes:1\", \"alias\": \"production\"}");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body()).contains("alias diabetes@production");
      HttpCalls.Reply done = ws.http(TOKEN).post("/api/v1/endpoints/diabetes-staging/rollout",
          "{\"model\": \"diabetes:1\", \"alias\": \"staging\", \"smoke_test_request\": " + json(REQUEST) + "}");
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.json().path("succeeded").asBoolean()).as(done.body()).isTrue();
      assertThat(ws.workspace.registry().getVersion(ModelRef.parse("diabetes@staging")).version()).isEqualTo(1);
    }
  }

  @Test
  void aRestoreNeedsTheAliasOfTheModelTheEndpointServesNotOfEveryModel() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral().withRequireTokens(true)
        .withUploadDirectory(dir.resolve("up")).withEndpoints(dir.resolve("cache")))) {
      register(ws.workspace.registry(), 1, true);
      register(ws.workspace.registry(), 2, true);
      for (String version : List.of("diabetes:1", "diabetes:2")) {
        assertThat(ws.workspace.endpoints().rollout(request(version).smokeTestRequest(null).build()).succeeded())
            .isTrue();
      }
      String other = "mloop_test_other_model";
      ws.metadata.tokens().createToken(new TokenSpec("other", Role.DEPLOYER,
          Scope.parse("alias:fraud@production,endpoint:diabetes-prod"), null), ContentHash.ofString(other));
      ws.metadata.tokens().createToken(new TokenSpec("production", Role.DEPLOYER,
          Scope.parse("alias:diabetes@production,endpoint:diabetes-prod"), null), ContentHash.ofString(TOKEN));

      HttpCalls.Reply refused = ws.http(other).post("/api/v1/endpoints/diabetes-prod/restore",
          "{\"alias\": \"production\"}");
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("alias diabetes@production");
      assertThat(ws.workspace.registry().getVersion(ModelRef.parse("diabetes@production")).version()).isEqualTo(2);

      HttpCalls.Reply restored = ws.http(TOKEN).post("/api/v1/endpoints/diabetes-prod/restore",
          "{\"alias\": \"production\", \"reason\": \"back to 1\"}");
      assertThat(restored.status()).as(restored.body()).isEqualTo(200);
      assertThat(restored.json().path("succeeded").asBoolean()).as(restored.body()).isTrue();
      assertThat(ws.workspace.registry().getVersion(ModelRef.parse("diabetes@production")).version()).isEqualTo(1);
      assertThat(ws.workspace.endpoints().get("diabetes-prod").trafficOf("m1-1")).isEqualTo(100);
    }
  }

  // ---- failures after the first traffic change, at the point they happen (faults injected in the ports)

  @Test
  void whenTheShiftToAllTrafficFailsTheCanaryIsUndoneAndTheAliasStays() throws IOException {
    try (Production prod = Production.start(this)) {
      EndpointService failing = failingOn(prod.endpoints(), EndpointService.class, "updateTraffic",
          args -> Integer.valueOf(100).equals(((Map<?, ?>) args[1]).get("m2-1")), false);
      RolloutResult r = new Rollouts(failing, prod.registry(), prod::probe).rollout(request("diabetes:2")
          .canaryPercent(10).build());

      assertThat(r.succeeded()).isFalse();
      assertThat(r.error()).contains("HTTP 503");
      assertThat(names(r.steps())).containsSubsequence("traffic m1-1=90,m2-1=10", "smoke test through diabetes-prod",
          "traffic m2-1=100", "put the traffic back: m1-1=100");
      assertThat(prod.endpoints().get("diabetes-prod").trafficOf("m1-1")).isEqualTo(100);
      assertThat(prod.production()).isEqualTo(1);
      assertThat(prod.registry().aliasHistory("diabetes", "production")).hasSize(1);
    }
  }

  @Test
  void whenTheAliasMoveIsRefusedTheTrafficGoesBackToTheChampion() throws IOException {
    try (Production prod = Production.start(this)) {
      // as a colleague might, version 2 is archived while it rolls out: the alias may not point at it
      RegistryService archiving = failingOn(prod.registry(), RegistryService.class, "setAlias", args -> {
        prod.registry().archiveVersion("diabetes", 2);
        return false;
      }, false);
      RolloutResult r = new Rollouts(prod.endpoints(), archiving, prod::probe).rollout(request("diabetes:2")
          .canaryPercent(10).build());

      assertThat(r.succeeded()).isFalse();
      assertThat(r.error()).contains("ARCHIVED");
      assertThat(r.trafficAfter()).isEqualTo(Map.of("m1-1", 100));
      assertThat(r.aliasAfter()).isEqualTo(1);
      assertThat(prod.production()).isEqualTo(1);
    }
  }

  @Test
  void anAliasMoveReportedAsFailedThatHappenedAnywayIsUndoneWithTheTraffic() throws IOException {
    try (Production prod = Production.start(this)) {
      // the alias moves, but the answer is lost: the rollout sees a failure
      RegistryService lossy = failingOn(prod.registry(), RegistryService.class, "setAlias",
          args -> (Integer) args[2] == 2, true);
      RolloutResult r = new Rollouts(prod.endpoints(), lossy, prod::probe).rollout(request("diabetes:2")
          .canaryPercent(10).reason("promotion (run 7)").build());

      assertThat(r.succeeded()).isFalse();
      assertThat(names(r.steps())).containsSubsequence("move diabetes@production to 2",
          "put the traffic back: m1-1=100", "put diabetes@production back to 1");
      assertThat(r.trafficAfter()).isEqualTo(Map.of("m1-1", 100));
      assertThat(r.aliasAfter()).isEqualTo(1);
      assertThat(prod.registry().aliasHistory("diabetes", "production")).extracting(m -> m.toVersion())
          .containsExactly(1, 2, 1);
    }
  }

  /** diabetes:1 serving all of diabetes-prod (as m1-1) with diabetes@production on it, and diabetes:2 registered. */
  private record Production(TestWorkspace ws, ScoringHost host) implements AutoCloseable {
    static Production start(RolloutSpecTest spec) throws IOException {
      TestWorkspace ws = TestWorkspace.local(spec.dir.resolve("ws"));
      Production prod = new Production(ws, EndpointScoring.allEndpoints(ws.workspace, spec.dir.resolve("cache")));
      ws.workspace.endpoints().scoringInThisProcess(prod.probe());
      spec.register(ws.workspace.registry(), 1, true);
      spec.register(ws.workspace.registry(), 2, true);
      assertThat(ws.workspace.endpoints().rollout(request("diabetes:1").build()).succeeded()).isTrue();
      return prod;
    }

    EndpointService endpoints() {
      return ws.workspace.endpoints();
    }

    RegistryService registry() {
      return ws.workspace.registry();
    }

    ScoringProbe probe() {
      return EndpointScoring.probe(host);
    }

    int production() {
      return registry().getVersion(ModelRef.parse("diabetes@production")).version();
    }

    @Override
    public void close() {
      host.close();
      ws.close();
    }
  }

  /**
   * {@code port} whose {@code method} fails with "HTTP 503" when {@code when} holds for its arguments:
   * before calling through, or after ({@code afterwards}: the call happened, its answer is lost).
   */
  @SuppressWarnings("unchecked")
  private static <T> T failingOn(T port, Class<T> type, String method, Predicate<Object[]> when, boolean afterwards) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
      boolean fail = m.getName().equals(method) && when.test(args);
      if (fail && !afterwards) {
        throw new MloopException(ErrorCode.INVALID_STATE, "HTTP 503 from the workspace server");
      }
      Object result;
      try {
        result = m.invoke(port, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (fail) {
        throw new MloopException(ErrorCode.INVALID_STATE, "no answer from the workspace server within 30 s");
      }
      return result;
    });
  }

  private void rolloutWithCanaryThenRestore(Workspace local, Workspace client) throws IOException {
    for (int v = 1; v <= 3; v++) {
      register(local.registry(), v, true);
    }
    EndpointService endpoints = client.endpoints();

    RolloutResult first = endpoints.rollout(request("diabetes:1").canaryPercent(10).build());
    assertThat(first.succeeded()).as(first.toString()).isTrue();
    assertThat(names(first.steps())).as("a new endpoint has nothing to canary against")
        .containsExactly("create endpoint diabetes-prod", "create deployment m1-1 (diabetes:1) at 0%",
            "smoke test m1-1 directly", "traffic m1-1=100", "smoke test through diabetes-prod",
            "move diabetes@production to 1");
    assertThat(first.trafficAfter()).isEqualTo(Map.of("m1-1", 100));

    RolloutResult second = endpoints.rollout(request("diabetes:2").canaryPercent(10).build());
    assertThat(second.succeeded()).as(second.toString()).isTrue();
    assertThat(names(second.steps())).containsSubsequence("smoke test m2-1 directly", "traffic m1-1=90,m2-1=10",
        "smoke test through diabetes-prod", "traffic m2-1=100", "smoke test through diabetes-prod",
        "move diabetes@production to 2");
    assertThat(second.trafficBefore()).isEqualTo(Map.of("m1-1", 100));
    assertThat(second.trafficAfter()).isEqualTo(Map.of("m2-1", 100));
    assertThat(second.aliasBefore()).isEqualTo(1);
    assertThat(second.aliasAfter()).isEqualTo(2);
    assertThat(second.kept()).isEqualTo("m1-1");
    assertThat(endpoints.get("diabetes-prod").trafficOf("m1-1")).isZero();

    RolloutResult third = endpoints.rollout(request("diabetes:3").build());
    assertThat(third.succeeded()).as(third.toString()).isTrue();
    assertThat(third.kept()).isEqualTo("m2-1");
    assertThat(third.deleted()).as("the deployment kept by the rollout before").containsExactly("m1-1");
    assertThat(endpoints.listDeployments("diabetes-prod")).extracting(d -> d.name()).containsExactlyInAnyOrder("m2-1",
        "m3-1");

    RolloutResult restored = endpoints.restore(RestoreRequest.builder().endpoint("diabetes-prod").alias("production")
        .smokeTestRequest(REQUEST).reason("m3-1 answers too slowly").build());
    assertThat(restored.succeeded()).as(restored.toString()).isTrue();
    assertThat(restored.deployment()).isEqualTo("m2-1");
    assertThat(restored.trafficAfter()).isEqualTo(Map.of("m2-1", 100));
    assertThat(restored.aliasBefore()).isEqualTo(3);
    assertThat(restored.aliasAfter()).isEqualTo(2);
    assertThat(local.registry().getVersion(ModelRef.parse("diabetes@production")).version()).isEqualTo(2);
    assertThat(local.registry().aliasHistory("diabetes", "production")).last()
        .satisfies(m -> assertThat(m.reason()).isEqualTo("m3-1 answers too slowly"));
  }

  private void failedCanaryPutsTheSplitBack(Workspace local, Workspace client) throws IOException {
    RegistryService registry = local.registry();
    register(registry, 1, false); // registers, but its model does not load
    register(registry, 2, true);
    EndpointService endpoints = client.endpoints();
    assertThat(endpoints.rollout(request("diabetes:1").build()).succeeded())
        .as("a rollout whose smoke test fails at once").isFalse();
    assertThat(endpoints.get("diabetes-prod").trafficOf("m1-1")).as("nothing moved").isZero();
    endpoints.updateTraffic("diabetes-prod", Map.of("m1-1", 100), null);
    registry.setAlias("diabetes", "production", 1, "test", "the version before the broken release");

    RolloutResult failed = endpoints.rollout(request("diabetes:2").canaryPercent(10).build());

    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.error()).contains("smoke test failed").contains("'m1-1'");
    assertThat(names(failed.steps())).containsSubsequence("smoke test m2-1 directly", "traffic m1-1=90,m2-1=10",
        "smoke test through diabetes-prod", "put the traffic back: m1-1=100");
    assertThat(failed.steps()).filteredOn(s -> !s.ok()).extracting(RolloutStep::name)
        .containsExactly("smoke test through diabetes-prod");
    assertThat(failed.trafficAfter()).isEqualTo(Map.of("m1-1", 100));
    assertThat(endpoints.get("diabetes-prod").trafficOf("m1-1")).isEqualTo(100);
    assertThat(endpoints.get("diabetes-prod").trafficOf("m2-1")).isZero();
    assertThat(failed.aliasAfter()).isEqualTo(1);
    assertThat(registry.getVersion(ModelRef.parse("diabetes@production")).version()).isEqualTo(1);
  }

  private static RolloutRequest.Builder request(String model) {
    return RolloutRequest.builder().endpoint("diabetes-prod").model(model).smokeTestRequest(REQUEST)
        .alias("production").description("production");
  }

  private void register(RegistryService registry, int seed, boolean loads) throws IOException {
    Path folder = ModelFolders.write(dir.resolve("model" + seed), ModelFolders.logistic(ModelFolders.patients(seed,
        200)), ModelFolders.patients(10 + seed, 3));
    if (!loads) {
      Files.writeString(folder.resolve("model.tribuo"), "not a Tribuo model");
      MlModelFiles.write(folder, MlModelFiles.parse(Files.readString(folder.resolve(MlModelFiles.MLMODEL)), "MLmodel")); // checksums of the broken file
    }
    registry.register(ModelRegistration.fromFolder("diabetes", folder, null, Map.of()));
  }

  private static List<String> names(List<RolloutStep> steps) {
    return steps.stream().map(RolloutStep::name).toList();
  }

  private static String json(String text) {
    return org.mloop.core.json.Json.write(text);
  }
}
