package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.app.Workspaces;
import org.mloop.core.json.Json;
import org.mloop.core.workspace.Workspace;
import org.mloop.runtime.testing.ModelFolders;

/**
 * What a user of `mloop endpoint` and `mloop deployment` relies on: a blue/green rollout from
 * creating the endpoint to rolling back, keys, logs, and refusals that say what is wrong and what
 * to type instead; the same on a workspace directory and through a running server.
 */
class EndpointSpecTest {
  @TempDir Path temp;
  Path workspace;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    workspace = temp.resolve("ws");
    cli = new Cli(workspace.toString());
    // small models in a flavor mloop serves (deploying any other is refused)
    for (int v = 1; v <= 2; v++) {
      Path folder = ModelFolders.write(temp.resolve("m" + v), ModelFolders.logistic(ModelFolders.patients(v, 100)),
          ModelFolders.patients(10, 2));
      ok(cli.run("model", "register", "--name", "diabetes", "--path", folder.toString()));
    }
    ok(cli.run("model", "alias", "set", "--name", "diabetes", "--alias", "production", "--version", "1"));
  }

  private static Cli.Result ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    return result;
  }

  private static Cli.Result refused(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out()).isNotZero();
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    return result;
  }

  private static JsonNode json(Cli.Result result) throws IOException {
    return Json.mapper().readTree(ok(result).out());
  }

  @Test
  void aBlueGreenRolloutOnAWorkspaceDirectory() throws IOException {
    Cli.Result created = ok(cli.run("endpoint", "create", "--name", "diabetes-prod", "--description", "triage"));
    assertThat(created.out()).contains("Created endpoint diabetes-prod").contains("http://127.0.0.1:5001/score")
        .contains("mloop serve --endpoint diabetes-prod");

    Cli.Result shown = ok(cli.run("endpoint", "show", "--name", "diabetes-prod"));
    assertThat(shown.out()).contains("scoring uri:").contains("http://127.0.0.1:5001/score")
        .contains("mloop serve --endpoint diabetes-prod").contains("(none yet");

    rollout(cli, workspace.toString());
  }

  @Test
  void theSameRolloutThroughAServerGivesTheServersScoringUri() throws Exception {
    try (ServerProcess server = ServerProcess.start(workspace)) {
      Cli remote = new Cli(server.url());
      ok(remote.run("endpoint", "create", "--name", "diabetes-prod"));
      JsonNode shown = json(remote.run("endpoint", "show", "--name", "diabetes-prod", "--output", "json"));
      assertThat(shown.path("scoringUri").asText()).isEqualTo(server.url() + "/endpoints/diabetes-prod/score");
      assertThat(shown.has("serveCommand")).as("a server already serves it").isFalse();
      assertThat(shown.toString()).as("show leaves the keys to get-keys").doesNotContain("primary");

      rollout(remote, server.url());
    }
  }

  /** Starts with the endpoint created and no deployments; ends rolled back to blue alone. */
  private void rollout(Cli c, String location) throws IOException {
    Cli.Result blue = ok(c.run("deployment", "create", "--endpoint", "diabetes-prod", "--name", "blue",
        "--model", "diabetes@production"));
    assertThat(blue.out()).contains("model diabetes:1 (resolved from diabetes@production)").contains("blue=100");

    Cli.Result green = ok(c.run("deployment", "create", "--endpoint", "diabetes-prod", "--name", "green",
        "--model", "diabetes:2", "--traffic", "0", "--data-collection", "20", "--instance-count", "2"));
    assertThat(green.out()).contains("traffic:").contains("blue=100").contains("no live traffic yet");

    ok(c.run("endpoint", "update", "--name", "diabetes-prod", "--mirror", "green=20"));
    Cli.Result split = ok(c.run("endpoint", "update", "--name", "diabetes-prod", "--traffic", "blue=90,green=10",
        "--mirror", ""));
    assertThat(split.out()).contains("blue=90, green=10").contains("mirror traffic: (none)");

    assertThat(ok(c.run("endpoint", "show", "--name", "diabetes-prod")).out()).contains("Deployments:")
        .contains("traffic:        blue=90, green=10").containsPattern("green +diabetes:2 +diabetes:2 +10% +0% +2 +20%");
    Cli.Result table = ok(c.run("deployment", "list", "--endpoint", "diabetes-prod"));
    assertThat(table.out()).contains("diabetes:1").contains("diabetes@production").contains("90%")
        .contains("diabetes:2").contains("10%").contains("20%");
    JsonNode greenJson = json(c.run("deployment", "show", "--endpoint", "diabetes-prod", "--name", "green",
        "--output", "json"));
    assertThat(greenJson.path("traffic").asInt()).isEqualTo(10);
    assertThat(greenJson.path("deployment").path("modelVersion").asInt()).isEqualTo(2);
    assertThat(greenJson.path("deployment").path("instanceCount").asInt()).isEqualTo(2);

    ok(c.run("deployment", "update", "--endpoint", "diabetes-prod", "--name", "green", "--data-collection", "50"));
    assertThat(ok(c.run("deployment", "show", "--endpoint", "diabetes-prod", "--name", "green")).out())
        .contains("data collection:").contains("50%");

    JsonNode keys = json(c.run("endpoint", "get-keys", "--name", "diabetes-prod", "--output", "json"));
    assertThat(keys.path("primaryKey").asText()).hasSize(43);
    ok(c.run("endpoint", "regenerate-key", "--name", "diabetes-prod", "--key-type", "primary"));
    JsonNode rotated = json(c.run("endpoint", "get-keys", "--name", "diabetes-prod", "--output", "json"));
    assertThat(rotated.path("primaryKey").asText()).isNotEqualTo(keys.path("primaryKey").asText());
    assertThat(rotated.path("secondaryKey").asText()).isEqualTo(keys.path("secondaryKey").asText());

    try (Workspace ws = Workspaces.open(location)) {
      ws.endpoints().logDeploymentEvent("diabetes-prod", "green", "host-a", "model diabetes:2 loaded");
      ws.endpoints().logDeploymentEvent("diabetes-prod", "green", "host-a", "serving 10% of live traffic");
    }
    Cli.Result logs = ok(c.run("deployment", "logs", "--endpoint", "diabetes-prod", "--name", "green"));
    assertThat(logs.out()).contains("[host-a] model diabetes:2 loaded").contains("serving 10% of live traffic");
    assertThat(ok(c.run("deployment", "logs", "--endpoint", "diabetes-prod", "--name", "green", "--tail", "1"))
        .out().lines().toList()).hasSize(1).allMatch(l -> l.endsWith("serving 10% of live traffic"));

    Cli.Result serving = refused(c.run("deployment", "delete", "--endpoint", "diabetes-prod", "--name", "green",
        "--yes"));
    assertThat(serving.err()).contains("'green'").contains("10% of live traffic")
        .contains("mloop endpoint update --name diabetes-prod --traffic blue=100");

    Cli.Result rollback = ok(c.run("endpoint", "update", "--name", "diabetes-prod", "--traffic", "blue=100"));
    assertThat(rollback.out()).contains("traffic:        blue=100");
    ok(c.run("deployment", "delete", "--endpoint", "diabetes-prod", "--name", "green", "--yes"));
    JsonNode left = json(c.run("deployment", "list", "--endpoint", "diabetes-prod", "--output", "json"));
    assertThat(left).hasSize(1);
    assertThat(left.get(0).path("name").asText()).isEqualTo("blue");

    Cli.Result unknown = refused(c.run("deployment", "show", "--endpoint", "diabetes-prod", "--name", "purple"));
    assertThat(unknown.err()).contains("has no deployment 'purple'").contains("mloop deployment list");
    Cli.Result badTarget = refused(c.run("endpoint", "update", "--name", "diabetes-prod", "--traffic",
        "blue=50,purple=50"));
    assertThat(badTarget.err()).contains("no deployment 'purple'").contains("blue");
    Cli.Result badSum = refused(c.run("endpoint", "update", "--name", "diabetes-prod", "--traffic", "blue=95"));
    assertThat(badSum.err()).contains("adds up to 95%");

    JsonNode listed = json(c.run("endpoint", "list", "--output", "json"));
    assertThat(listed.get(0).path("traffic").path("blue").asInt()).isEqualTo(100);
    assertThat(refused(c.run("endpoint", "delete", "--name", "diabetes-prod")).err())
        .contains("deployments blue").contains("add --yes");
    ok(c.run("endpoint", "delete", "--name", "diabetes-prod", "--yes"));
    assertThat(json(c.run("endpoint", "list", "--output", "json"))).isEmpty();
    assertThat(refused(c.run("endpoint", "show", "--name", "diabetes-prod")).err())
        .contains("'diabetes-prod' not found");
  }

  /** Refused before the workspace is touched: a mistyped flag value never half-applies. */
  @Test
  void mistakesInOptionsAreNamed() {
    assertThat(refused(cli.run("endpoint", "update", "--name", "diabetes-prod", "--traffic", "blue=ninety")).err())
        .contains("'ninety'").contains("blue").contains("whole percent");
    assertThat(refused(cli.run("endpoint", "update", "--name", "diabetes-prod", "--traffic", "blue90")).err())
        .contains("DEPLOYMENT=PERCENT").contains("blue=90,green=10");
    assertThat(refused(cli.run("endpoint", "update", "--name", "diabetes-prod")).err())
        .contains("nothing to update").contains("--traffic");
    assertThat(refused(cli.run("endpoint", "create", "--name", "diabetes-prod", "--auth-mode", "aad")).err())
        .contains("'aad'").contains("key or none");
    assertThat(refused(cli.run("endpoint", "regenerate-key", "--name", "diabetes-prod", "--key-type", "both")).err())
        .contains("'both'").contains("primary or secondary");
    assertThat(refused(cli.run("deployment", "create", "--endpoint", "diabetes-prod", "--name", "blue", "--model",
        "diabetes", "--data-collection", "150")).err()).contains("150").contains("0 (off) to 100");
    assertThat(refused(cli.run("deployment", "update", "--endpoint", "diabetes-prod", "--name", "blue")).err())
        .contains("nothing to update");
    assertThat(refused(cli.run("deployment", "logs", "--endpoint", "diabetes-prod", "--name", "blue", "--tail", "0"))
        .err()).contains("--tail 0");
  }

  @Test
  void helpShowsTheRolloutCommands() {
    Cli.Result help = ok(new Cli(null).run("endpoint", "update", "--help"));
    assertThat(help.out()).contains("--traffic").contains("--mirror").contains("roll back");
    Cli.Result show = ok(new Cli(null).run("endpoint", "show", "--help"));
    assertThat(show.out()).contains("/endpoints/NAME/score").contains("5001");
  }
}
