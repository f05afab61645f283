package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.app.WorkspaceServer;
import org.mloop.ci.runner.Conclusion;
import org.mloop.ci.runner.RunRecord;
import org.mloop.cli.quickstart.PushLoop;
import org.mloop.cli.quickstart.PushLoopHarness;
import org.mloop.core.json.Json;

/**
 * Push to production end to end, with the project's own workflows: a workspace server, a bare
 * repository with mloop's push hook and a settings file, a clone with the project's .github/ and
 * model/. `git push` starts train-deploy.yml; a person approves production with `mloop ci approve`;
 * diabetes-prod then serves the new version. A worse model is stopped at the champion gate and a
 * rejected approval changes nothing: production keeps serving its champion.
 */
@Timeout(600)
class PushToProductionSpecTest {
  @TempDir Path temp;

  @Test
  void aPushReachesProductionAfterOneApprovalAndAWorseModelIsStoppedAtTheGate() throws Exception {
    Path job = ProjectFiles.modelJob();
    Path project = job.getParent().getParent();
    try (WorkspaceServer server = WorkspaceServer.start(temp.resolve("ws"))) {
      PushLoop loop = new PushLoop(temp, server.url());
      loop.createRepository(project, project.resolve("model/target/diabetes-model.jar"), false);
      loop.registerData(temp.resolve("data"), 1000, 2000, 1000);
      Path sample = loop.clone().resolve("model/sample-request.json");

      // 1. the first push: trains, stages, passes the gate (no champion yet), waits for production's approval
      PushLoop.Pushed first = loop.commitAndPush("The diabetes model and its workflows");
      assertThat(first.output()).contains("mloop: CI started for refs/heads/main");
      RunRecord run = loop.awaitRun(first.sha());
      RunRecord waiting = loop.awaitWaitingOrDone(run.number(), "production");
      assertThat(waiting.status()).as(loop.hookLogs()).isNotEqualTo(org.mloop.ci.runner.RunStatus.COMPLETED);
      assertThat(waiting.job("production").conclusion()).isEqualTo(Conclusion.SUCCESS);
      PushLoop.Captured approved = loop.approve(run.number(), "production");
      assertThat(approved.code()).as(approved.text()).isZero();
      RunRecord done = loop.awaitCompleted(run.number());
      assertThat(done.conclusion()).as(loop.hookLogs()).isEqualTo(Conclusion.SUCCESS);

      PushLoop.Served champion = loop.invokeProduction(sample);
      assertThat(champion.version()).isEqualTo(1);
      assertThat(Json.mapper().readTree(champion.body()).path("predictions")).hasSize(3);
      assertThat(alias(server.url(), "production")).isEqualTo(1);

      // 2. a worse model: an absurd regularization rate trains and registers, and the gate stops it
      loop.setRegRate("10000");
      PushLoop.Pushed worse = loop.commitAndPush("Regularize much harder");
      RunRecord blocked = loop.awaitCompleted(loop.awaitRun(worse.sha()).number());
      assertThat(blocked.conclusion()).as(loop.hookLogs()).isEqualTo(Conclusion.FAILURE);
      assertThat(blocked.job("production").conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(blocked.job("production").error()).contains("Champion gate against diabetes@production");
      assertThat(blocked.job("promote").conclusion()).isEqualTo(Conclusion.SKIPPED);
      String summary = PushLoopHarness.summaries(loop, blocked.number());
      assertThat(summary).contains("diabetes:2").contains("diabetes@production").contains("**Blocked:**")
          .containsPattern("AUC[^\\n]*0\\.\\d+");
      CiShow show = CiShow.of(loop, blocked.number());
      assertThat(show.text()).contains("failure");

      PushLoop.Served still = loop.invokeProduction(sample);
      assertThat(still.version()).as("production keeps serving its champion").isEqualTo(1);
      assertThat(still.deployment()).isEqualTo(champion.deployment());
      assertThat(alias(server.url(), "production")).isEqualTo(1);

      // 3. a good model whose production approval is rejected: the run ends, production untouched
      loop.setRegRate("0.01"); // the champion's own rate: as good as the champion, so the gate passes
      PushLoop.Pushed rejectedPush = loop.commitAndPush("Back to a sensible regularization");
      RunRecord third = loop.awaitRun(rejectedPush.sha());
      RunRecord waitingAgain = loop.awaitWaitingOrDone(third.number(), "production");
      assertThat(waitingAgain.status()).as(loop.hookLogs()).isNotEqualTo(org.mloop.ci.runner.RunStatus.COMPLETED);
      PushLoop.Captured rejected = PushLoopHarness.reject(loop, third.number(), "production");
      assertThat(rejected.code()).as(rejected.text()).isZero();
      RunRecord ended = loop.awaitCompleted(third.number());
      assertThat(ended.conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(ended.job("promote").conclusion()).isEqualTo(Conclusion.REJECTED);
      assertThat(loop.invokeProduction(sample).version()).isEqualTo(1);
      assertThat(alias(server.url(), "production")).isEqualTo(1);
    }
  }

  /** The version an alias of diabetes points at, through `mloop model show --output json`. */
  private static int alias(String url, String alias) throws Exception {
    PushLoop.Captured shown = PushLoopHarness.mloop("model", "show", "diabetes@" + alias, "--workspace", url,
        "--output", "json");
    assertThat(shown.code()).as(shown.text()).isZero();
    JsonNode node = Json.mapper().readTree(shown.out());
    return node.path("modelVersion").path("version").asInt();
  }

  /** `mloop ci show N`. */
  private record CiShow(String text) {
    static CiShow of(PushLoop loop, int number) {
      PushLoop.Captured shown = PushLoopHarness.mloop("ci", "show", String.valueOf(number), "--repo", loop.bare().toString());
      return new CiShow(shown.text());
    }
  }
}
