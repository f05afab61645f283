package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.cli.ci.ProductionFixture.NEW;
import static org.mloop.cli.ci.ProductionFixture.OLD;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.runner.Conclusion;
import org.mloop.ci.runner.RunRecord;

/**
 * rollback.yml, run by hand with `mloop ci run --event workflow_dispatch`, on production after two
 * promotions (m1-r1-1 serving diabetes:1 kept at 0%, m2-r2-1 serving diabetes:2 at 100%): traffic and
 * diabetes@production go back to version 1 together, or neither moves.
 */
@Timeout(300)
class RollbackWorkflowSpecTest {
  @TempDir Path temp;

  @Test
  void aRollbackPutsAllTrafficAndTheAliasBackOnThePreviousDeploymentAndKeepsTheNewOneAtZero() throws Exception {
    try (ProductionFixture prod = ProductionFixture.start(temp, "")) {
      CiCli.Result result = prod.dispatch("rollback.yml", "reason=v2 flags every patient");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.out()).contains("Run 1 Roll back production: success");
      assertThat(prod.traffic()).isEqualTo(Map.of(OLD, 100, NEW, 0));
      assertThat(prod.production()).isEqualTo(1);
      List<JsonNode> moves = prod.productionHistory();
      assertThat(moves).hasSize(3);
      JsonNode last = moves.get(2);
      assertThat(last.path("fromVersion").asInt()).isEqualTo(2);
      assertThat(last.path("toVersion").asInt()).isEqualTo(1);
      assertThat(last.path("reason").asText()).startsWith("v2 flags every patient (by ").endsWith(", run 1)");
      assertThat(prod.summary(1, "rollback"))
          .contains("Rollback: `diabetes-prod` serves `diabetes:1` (deployment `m1-r1-1`); `diabetes@production` = 1.")
          .contains("Deployment `m2-r2-1` kept at 0%.").contains("Reason: v2 flags every patient");
      CiCli.Result served = prod.ok("endpoint", "invoke", "--name", ProductionFixture.ENDPOINT, "--request-file",
          ProductionFixture.PROJECT.resolve("model/sample-request.json").toString());
      assertThat(served.err()).contains("from deployment " + OLD);
    }
  }

  @Test
  void withNothingToRollBackToTheRunFailsSayingSoAndChangesNothing() throws Exception {
    try (ProductionFixture prod = ProductionFixture.start(temp, "")) {
      prod.ok("deployment", "delete", "--endpoint", ProductionFixture.ENDPOINT, "--name", OLD, "--yes");

      CiCli.Result result = prod.dispatch("rollback.yml", "reason=just in case");

      assertThat(result.exitCode()).isEqualTo(1);
      RunRecord run = prod.run(1);
      assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(prod.log(1, "rollback")).contains("endpoint 'diabetes-prod' has no earlier deployment besides the"
          + " live one (" + NEW + "): nothing to restore");
      assertThat(prod.traffic()).isEqualTo(Map.of(NEW, 100));
      assertThat(prod.production()).isEqualTo(2);
      assertThat(prod.productionHistory()).hasSize(2);
    }
  }

  @Test
  void whenTheServerRefusesTheAliasMoveTheTrafficGoesBack() throws Exception {
    try (ProductionFixture prod = ProductionFixture.start(temp, "")) {
      // version 1 archived since its demotion: it still serves, but an alias may no longer point at it
      prod.ok("model", "archive", "diabetes:1");

      CiCli.Result result = prod.dispatch("rollback.yml", "reason=v2 flags every patient");

      assertThat(result.exitCode()).isEqualTo(1);
      String log = prod.log(1, "rollback");
      assertThat(log).contains("cannot point alias 'production' at diabetes:1: it is ARCHIVED")
          .contains("put the traffic back: " + NEW + "=100");
      assertThat(prod.traffic()).isEqualTo(Map.of(OLD, 0, NEW, 100));
      assertThat(prod.production()).isEqualTo(2);
      assertThat(prod.productionHistory()).hasSize(2);
      assertThat(prod.summary(1, "rollback")).contains("Rollback of `diabetes-prod` to `m1-r1-1` **failed**")
          .contains("`diabetes-prod` is back to: " + NEW + "=100").contains("`diabetes@production` stays 2");
    }
  }

  @Test
  void whenTheServerCannotBeReachedNothingMoves() throws Exception {
    String fault = "case \"$*\" in \"endpoint restore \"*) echo 'error: HTTP 503 from the workspace server' >&2; "
        + "exit 1;; esac";
    try (ProductionFixture prod = ProductionFixture.start(temp, fault)) {
      CiCli.Result result = prod.dispatch("rollback.yml", "reason=v2 flags every patient");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(prod.log(1, "rollback")).contains("HTTP 503 from the workspace server");
      assertThat(prod.traffic()).isEqualTo(Map.of(OLD, 0, NEW, 100));
      assertThat(prod.production()).isEqualTo(2);
      assertThat(prod.productionHistory()).hasSize(2);
    }
  }
}
