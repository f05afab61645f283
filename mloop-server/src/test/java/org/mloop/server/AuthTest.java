package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ContentHash;

/** Bearer tokens: required beyond loopback (or by option), checked against the token store's sha256. */
class AuthTest {
  private static final String GET_DEFAULT = "/api/2.0/mlflow/experiments/get?experiment_id=0";

  @TempDir Path dir;

  @Test
  void whenTokensAreRequiredOnlyAKnownTokenGetsIn() {
    try (TestWorkspace ws = TestWorkspace.served(dir, ServerOptions.ephemeral().withRequireTokens(true))) {
      String token = "mloop_test_secret";
      ws.metadata.tokens().createToken("ci", ContentHash.ofString(token));
      assertThat(ws.server.requiresToken()).isTrue();

      HttpCalls.Reply none = ws.http().get(GET_DEFAULT);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.errorCode()).isEqualTo("UNAUTHENTICATED");
      assertThat(none.message()).contains("Authorization: Bearer");
      assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");

      HttpCalls.Reply wrong = ws.http("not-the-token").get(GET_DEFAULT);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.errorCode()).isEqualTo("UNAUTHENTICATED");

      assertThat(ws.http(token).get(GET_DEFAULT).status()).isEqualTo(200);
      assertThat(ws.http(ws.server.internalToken()).get(GET_DEFAULT).status())
          .as("the server's internal token, for the jobs it runs").isEqualTo(200);

      // Every family is behind the token, uploads included (refused before the body is read).
      HttpCalls.Reply upload = ws.http().put("/api/2.0/mlflow-artifacts/artifacts/0/x.txt",
          HttpRequest.BodyPublishers.ofString("data"));
      assertThat(upload.status()).isEqualTo(401);
      assertThat(ws.artifacts.exists("mlartifacts/0/x.txt")).isFalse();
      assertThat(ws.http().post("/api/v1/uploads", "{}").status()).isEqualTo(401);

      // A deleted token stops working at once.
      ws.metadata.tokens().listTokens().forEach(t -> ws.metadata.tokens().deleteToken(t.id()));
      assertThat(ws.http(token).get(GET_DEFAULT).status()).isEqualTo(401);

      // Probes need no token.
      assertThat(ws.http().get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void onLoopbackTokensAreOptionalButAWrongOneIsStillRefused() {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      assertThat(ws.server.requiresToken()).isFalse();
      assertThat(ws.http().get(GET_DEFAULT).status()).isEqualTo(200);
      HttpCalls.Reply wrong = ws.http("stale-token").get(GET_DEFAULT);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.message()).contains("not valid");
    }
  }

  @Test
  void bindingBeyondLoopbackRequiresTokens() {
    try (TestWorkspace ws = TestWorkspace.served(dir, ServerOptions.of("0.0.0.0", 0))) {
      assertThat(ws.server.requiresToken()).isTrue();
      assertThat(ws.url()).as("a wildcard bind is reached through loopback").startsWith("http://127.0.0.1:");
      assertThat(ws.http().get(GET_DEFAULT).status()).isEqualTo(401);
      assertThat(ws.http().post("/api/2.0/mlflow/experiments/create", Map.of("name", "x")).status()).isEqualTo(401);
    }
  }

  @Test
  void otherSchemesAreRefusedWithAHint() {
    try (TestWorkspace ws = TestWorkspace.served(dir, ServerOptions.ephemeral().withRequireTokens(true))) {
      HttpCalls.Reply basic = HttpCalls.withAuthorization(ws.url(), "Basic dXNlcjpwYXNz").get(GET_DEFAULT);
      assertThat(basic.status()).isEqualTo(401);
      assertThat(basic.message()).contains("'Basic'").contains("Bearer");
    }
  }

  /** A web page in the developer's browser cannot drive a token-less loopback server. */
  @Test
  void withoutTokensABrowsersCrossSiteRequestIsRefusedAndChangesNothing() {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      String create = "{\"name\": \"from-a-web-page\"}";
      HttpCalls.Reply crossSite = ws.http().post("/api/2.0/mlflow/experiments/create", create,
          Map.of("Origin", "https://attacker.example"));
      assertThat(crossSite.status()).isEqualTo(403);
      assertThat(crossSite.errorCode()).isEqualTo("PERMISSION_DENIED");
      assertThat(crossSite.message()).contains("https://attacker.example").contains("requiring tokens");
      assertThat(ws.http().post("/api/2.0/mlflow/experiments/create", create, Map.of("Sec-Fetch-Site", "cross-site"))
          .status()).isEqualTo(403);
      assertThat(ws.http().get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=from-a-web-page").status())
          .as("nothing was created").isEqualTo(404);

      assertThat(ws.http().post("/api/2.0/mlflow/experiments/create", create,
          Map.of("Origin", "http://127.0.0.1:3000")).status()).as("a page served from this machine").isEqualTo(200);
    }
  }

  @Test
  void aTokenLessRequestMustNameALoopbackHostSoADnsRebindingPageIsRefused() {
    assertThat(LoopbackGuard.refusal("127.0.0.1:5050", null, null)).isNull();
    assertThat(LoopbackGuard.refusal("localhost:5050", null, null)).isNull();
    assertThat(LoopbackGuard.refusal("[::1]:5050", null, null)).isNull();
    assertThat(LoopbackGuard.refusal(null, null, "none")).isNull();
    assertThat(LoopbackGuard.refusal("rebind.attacker.example:5050", null, null)).contains("rebind.attacker.example");
    assertThat(LoopbackGuard.refusal("127.0.0.1:5050", "null", null)).contains("origin 'null'");
    assertThat(LoopbackGuard.refusal("127.0.0.1:5050", "http://localhost:8080", "same-site")).isNull();
  }
}
