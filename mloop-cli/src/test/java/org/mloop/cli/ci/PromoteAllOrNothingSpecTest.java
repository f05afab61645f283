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
 * hand) rolling diabetes:3 out on production after two promotions through `mloop endpoint rollout`:
 * a canary step, then all traffic, the alias following and the champion kept at 0%; a refused rollout
 * leaves the traffic on m2-r2-1 and diabetes@production on 2. Nothing is left half-promoted (the
 * failures after a traffic change are specified with the operation itself, in mloop-server's
 * RolloutSpecTest).
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
  void whenTheRolloutIsRefusedTheTrafficAndTheAliasStayOnTheChampion() throws Exception {
    // as a colleague might, version 3 is archived as its rollout starts: the server refuses to deploy it
    String fault = "case \"$*\" in \"endpoint rollout \"*) \"$0\" model archive diabetes:3 >&2;; esac";
    try (ProductionFixture prod = promoting(fault)) {
      CiCli.Result result = prod.dispatch("promote.yml", "version=3");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(prod.log(1, "promote")).contains("Archived diabetes:3")
          .contains("FAILED").contains("create deployment " + CANDIDATE + " (diabetes:3) at 0%")
          .contains("promotion of diabetes:3 failed");
      assertThat(prod.traffic()).isEqualTo(Map.of(OLD, 0, NEW, 100));
      assertThat(prod.production()).isEqualTo(2);
      assertThat(prod.productionHistory()).hasSize(2);
      assertThat(prod.summary(1, "promote"))
          .contains("Promotion of `diabetes:3` **failed**; `diabetes-prod` is back to: " + NEW + "=100.")
          .contains("The production alias was not moved.");
    }
  }

  @Test
  void aPromotionWithACanaryStepLeavesTheChampionAtZeroForARollback() throws Exception {
    try (ProductionFixture prod = promoting("")) {
      CiCli.Result result = prod.dispatch("promote.yml", "version=3");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(prod.log(1, "promote")).as("the canary split was live").contains("traffic " + NEW + "=90,"
          + CANDIDATE + "=10");
      assertThat(prod.traffic()).isEqualTo(Map.of(NEW, 0, CANDIDATE, 100));
      assertThat(prod.production()).isEqualTo(3);
      assertThat(prod.summary(1, "promote"))
          .contains("Production: `diabetes:3` serves 100% of `diabetes-prod` as `" + CANDIDATE + "`")
          .contains("Previous deployment `" + NEW + "` kept at 0% for rollback.yml.");
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
