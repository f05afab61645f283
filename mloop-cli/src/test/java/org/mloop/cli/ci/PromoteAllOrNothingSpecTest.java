package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.cli.ci.ProductionFixture.NEW;
import static org.mloop.cli.ci.ProductionFixture.OLD;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * .github/scripts/promote (train-deploy.yml's `promote` job, here in a one-job workflow dispatched by
 * hand) rolling diabetes:3 out on production after two promotions: when a step after the first traffic
 * change fails, the traffic goes back to m2-r2-1 and diabetes@production stays on 2. Nothing is left
 * half-promoted.
 */
@Timeout(300)
class PromoteAllOrNothingSpecTest {
  static final String WORKFLOW = """
      name: Promote
      on:
        workflow_dispatch:
          inputs:
            version: {description: 'The diabetes version to promote', required: true, type: string}
      jobs:
        promote:
          runs-on: ubuntu-latest
          environment: production
          env:
            MLOOP_WORKSPACE: ${{ secrets.MLOOP_WORKSPACE }}
            CANARY_PERCENT: '10'
          steps:
            - uses: actions/checkout@v4
            - run: .github/scripts/promote "${{ inputs.version }}"
      """;
  /** The deployment promote creates for version 3 in run 1. */
  static final String CANDIDATE = "m3-r1-1";

  @TempDir Path temp;

  @Test
  void whenTheServerRefusesTheAliasMoveTheTrafficGoesBackToTheChampion() throws Exception {
    // as a colleague might, version 3 is archived while it rolls out: the server then refuses the alias
    String fault = "case \"$*\" in \"model alias set \"*) \"$0\" model archive diabetes:3 >&2;; esac";
    try (ProductionFixture prod = promoting(fault)) {
      CiCli.Result result = prod.dispatch("promote.yml", "version=3");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(prod.log(1, "promote")).contains("Archived diabetes:3")
          .contains("cannot point alias 'production' at diabetes:3: it is ARCHIVED")
          .contains("promotion of diabetes:3 failed; putting the traffic back");
      assertThat(prod.traffic()).isEqualTo(Map.of(OLD, 0, NEW, 100, CANDIDATE, 0));
      assertThat(prod.production()).isEqualTo(2);
      assertThat(prod.productionHistory()).hasSize(2);
      assertThat(prod.summary(1, "promote"))
          .contains("Promotion of `diabetes:3` **failed**; `diabetes-prod` is back to: " + NEW + "=100.")
          .contains("The production alias was not moved.");
    }
  }

  @Test
  void whenTheTrafficShiftFailsTheAliasDoesNotMoveAndTheCanaryIsUndone() throws Exception {
    // the canary step (10%) goes through; the shift to 100% fails
    String fault = "case \"$*\" in *\"--traffic " + CANDIDATE + "=100\"*) "
        + "echo 'error: HTTP 503 from the workspace server' >&2; exit 1;; esac";
    try (ProductionFixture prod = promoting(fault)) {
      CiCli.Result result = prod.dispatch("promote.yml", "version=3");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(prod.log(1, "promote")).as("the canary split was live").containsPattern("(?m)" + CANDIDATE + "=10(,|$)")
          .contains("HTTP 503").contains("putting the traffic back");
      assertThat(prod.traffic()).isEqualTo(Map.of(OLD, 0, NEW, 100, CANDIDATE, 0));
      assertThat(prod.production()).isEqualTo(2);
      assertThat(prod.productionHistory()).hasSize(2);
    }
  }

  @Test
  void anAliasMoveReportedAsFailedThatHappenedAnywayIsUndoneWithTheTraffic() throws Exception {
    // the server moves the alias to 3, but its answer is lost: the script sees a failure
    String fault = "if [ -z \"${FAULT_SPENT:-}\" ]; then case \"$*\" in \"model alias set \"*\"--version 3 \"*) "
        + "FAULT_SPENT=1 \"$0\" \"$@\" >&2; echo 'error: no answer from the workspace server within 30 s' >&2; "
        + "exit 1;; esac; fi";
    try (ProductionFixture prod = promoting(fault)) {
      CiCli.Result result = prod.dispatch("promote.yml", "version=3");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(prod.log(1, "promote")).contains("no answer from the workspace server")
          .contains("diabetes@production moved to 3 despite the error: putting it back to 2");
      assertThat(prod.traffic()).isEqualTo(Map.of(OLD, 0, NEW, 100, CANDIDATE, 0));
      assertThat(prod.production()).isEqualTo(2);
      assertThat(prod.productionHistory()).extracting(m -> m.path("toVersion").asInt()).containsExactly(1, 2, 3, 2);
      assertThat(prod.productionHistory().get(3).path("reason").asText())
          .isEqualTo("promotion of diabetes:3 failed (run 1)");
      assertThat(prod.summary(1, "promote")).contains("is back to: " + NEW + "=100.")
          .contains("The production alias, moved despite the error, is back on 2.");
    }
  }

  /** Production after two promotions, diabetes:3 registered, and the one-job promote workflow. */
  private ProductionFixture promoting(String fault) throws Exception {
    ProductionFixture prod = ProductionFixture.start(temp, fault);
    prod.registerVersion(temp, 3);
    prod.addWorkflow("promote.yml", WORKFLOW);
    return prod;
  }
}
