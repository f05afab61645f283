package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/** `mloop token`: every token has a role, maybe a scope and an expiry; the list shows them and the last use. */
class TokenSpecTest {
  @TempDir Path temp;

  @Test
  void aTokenIsCreatedWithItsRoleScopeAndExpiryAndListedWithThemNeverWithItsSecret() throws Exception {
    Cli cli = new Cli(temp.resolve("ws").toString());
    long before = System.currentTimeMillis();
    Cli.Result created = cli.run("token", "create", "--name", "github-staging", "--role", "deployer",
        "--scope", "alias:staging,endpoint:diabetes-staging", "--expires", "90d", "--output", "json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode token = Json.mapper().readTree(created.out());
    String secret = token.path("token").asText();
    assertThat(secret).startsWith("mloop_");
    assertThat(token.path("role").asText()).isEqualTo("deployer");
    assertThat(token.path("scope").asText()).isEqualTo("alias:staging,endpoint:diabetes-staging");
    assertThat(token.path("expires_at").asLong()).isBetween(before + Duration.ofDays(90).toMillis(),
        System.currentTimeMillis() + Duration.ofDays(90).toMillis());

    Cli.Result plain = cli.run("token", "create", "--name", "dashboards", "--role", "reader");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.err()).contains("role reader");

    Cli.Result listed = cli.run("token", "list", "--output", "json");
    assertThat(listed.out()).doesNotContain(secret);
    JsonNode tokens = Json.mapper().readTree(listed.out());
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(0).path("name").asText()).isEqualTo("github-staging");
    assertThat(tokens.get(0).path("last_used_at").isNumber()).as("never used").isFalse();
    assertThat(tokens.get(1).path("scope").asText()).as("the whole workspace").isEmpty();
    assertThat(tokens.get(1).path("expires_at").isNumber()).as("never expires").isFalse();

    Cli.Result table = cli.run("token", "list");
    assertThat(table.out()).contains("ROLE", "SCOPE", "EXPIRES", "LAST USED", "alias:staging,endpoint:diabetes-staging",
        "workspace", "never").doesNotContain(secret);
  }

  @Test
  void aTokenWithoutARoleOrWithABadScopeOrLifetimeIsRefused() {
    Cli cli = new Cli(temp.resolve("ws").toString());
    Cli.Result noRole = cli.run("token", "create", "--name", "ci");
    assertThat(noRole.exitCode()).isNotZero();
    assertThat(noRole.err()).contains("--role");
    Cli.Result badRole = cli.run("token", "create", "--name", "ci", "--role", "owner");
    assertThat(badRole.exitCode()).isNotZero();
    assertThat(badRole.err()).contains("unknown role 'owner'");
    Cli.Result badScope = cli.run("token", "create", "--name", "ci", "--role", "deployer", "--scope", "env:production");
    assertThat(badScope.exitCode()).isNotZero();
    assertThat(badScope.err()).contains("bad scope entry 'env:production'");
    Cli.Result badExpiry = cli.run("token", "create", "--name", "ci", "--role", "reader", "--expires", "soon");
    assertThat(badExpiry.exitCode()).isNotZero();
    assertThat(badExpiry.err()).contains("--expires");
    assertThat(cli.run("token", "list", "--output", "json").out().strip()).isEqualTo("[ ]");
  }
}
