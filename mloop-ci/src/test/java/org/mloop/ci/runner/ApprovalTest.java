package org.mloop.ci.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mloop.ci.runner.TestWorkflows.job;
import static org.mloop.ci.runner.TestWorkflows.run;
import static org.mloop.ci.runner.TestWorkflows.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.core.MloopException;

@Timeout(60)
class ApprovalTest {
  @TempDir Path home;
  @TempDir Path repo;

  final Event push = new Event("push", "refs/heads/main", "aaa111", "bbb222", List.of(), Map.of());

  final RunnerSettings settings = new RunnerSettings(Map.of("MLOOP_TOKEN", "repo-token"), Map.of(), false,
      Map.of("production", new RunnerSettings.EnvironmentSettings(true, false,
          Map.of("MLOOP_TOKEN", "prod-token-77"), Map.of("ENDPOINT", "diabetes-prod"))));

  Workflow promote() {
    return workflow(
        job("train", run("echo trained")),
        job("promote", run("echo \"promoting to ${{ vars.ENDPOINT }} with ${{ secrets.MLOOP_TOKEN }}\"\n"
            + "touch '" + repo.resolve("promoted") + "'")).needs("train").environment("production"),
        job("announce", run("echo announced")).needs("promote"));
  }

  CompletableFuture<RunRecord> start(CiRuns runs, Workflow workflow, RunnerSettings settings) {
    WorkflowRunner runner = new WorkflowRunner(runs, repo, ActionRegistry.none(), RunListener.none());
    return CompletableFuture.supplyAsync(() -> runner.run(workflow, push, settings));
  }

  static RunRecord awaitWaiting(CiRuns runs) throws InterruptedException {
    while (true) {
      List<RunRecord> all = runs.list();
      if (!all.isEmpty() && all.get(0).status() == RunStatus.WAITING) {
        return all.get(0);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aProtectedEnvironmentWaitsUntilSomeoneApproves() throws Exception {
    CiRuns runs = new CiRuns(home);
    CompletableFuture<RunRecord> running = start(runs, promote(), settings);

    RunRecord waiting = awaitWaiting(runs);
    assertThat(waiting.job("train").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(waiting.job("promote").status()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.approvals()).singleElement().satisfies(a -> {
      assertThat(a.environment()).isEqualTo("production");
      assertThat(a.decision()).isEqualTo("pending");
    });
    assertThat(runs.log(waiting.number(), "promote"))
        .contains("waiting for approval of environment production: mloop ci approve " + waiting.number()
            + " --environment production");
    assertThat(repo.resolve("promoted")).doesNotExist();

    new CiRuns(home).approve(waiting.number(), "production", "alice", "looks good");
    RunRecord done = running.get();

    assertThat(done.conclusion()).as(done.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(repo.resolve("promoted")).exists();
    assertThat(runs.log(done.number(), "promote")).contains("promoting to diabetes-prod with ***")
        .doesNotContain("prod-token-77");
    assertThat(done.approvals()).singleElement().satisfies(a -> {
      assertThat(a.decision()).isEqualTo("approved");
      assertThat(a.decidedBy()).isEqualTo("alice");
    });
    assertThat(done.job("announce").conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void aRejectionEndsTheRunWithoutRunningTheJobOrItsDependants() throws Exception {
    CiRuns runs = new CiRuns(home);
    CompletableFuture<RunRecord> running = start(runs, promote(), settings);

    RunRecord waiting = awaitWaiting(runs);
    runs.reject(waiting.number(), "production", "bob", "not today");
    RunRecord done = running.get();

    assertThat(done.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(done.job("promote").conclusion()).isEqualTo(Conclusion.REJECTED);
    assertThat(done.job("announce").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(done.error()).contains("environment production rejected by bob: not today");
    assertThat(repo.resolve("promoted")).doesNotExist();
    assertThat(runs.read(done.number()).approvals()).extracting(ApprovalRecord::decision).containsExactly("rejected");
  }

  @Test
  void autoApproveLetsBenchmarksThrough() {
    RunnerSettings auto = new RunnerSettings(settings.secrets(), settings.vars(), true, settings.environments());
    RunRecord done = start(new CiRuns(home), promote(), auto).join();

    assertThat(done.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(done.approvals()).extracting(ApprovalRecord::decision).containsExactly("auto-approved");
  }

  @Test
  void aRunWhoseRunnerDiedCannotBeApproved() {
    CiRuns runs = new CiRuns(home);
    RunRecord created = runs.create(promote(), push);
    RunRecord orphan = new RunRecord(created.number(), created.workflowFile(), created.workflowName(),
        created.event(), RunStatus.WAITING, null, created.jobs(), List.of(new ApprovalRecord("production", "promote",
        "pending", null, 1L, null, null)), created.createdAt(), 1L, null, null, Long.MAX_VALUE - 1);
    runs.save(orphan);

    assertThatThrownBy(() -> runs.approve(orphan.number(), "production", "alice", null))
        .hasMessageContaining("its runner (process " + (Long.MAX_VALUE - 1) + ") has stopped");
    assertThat(RunText.describe(runs.read(orphan.number()))).contains("has stopped");
  }

  @Test
  void onlyAWaitingEnvironmentCanBeDecided() {
    CiRuns runs = new CiRuns(home);
    RunRecord done = start(runs, workflow(job("a", run("true"))), settings).join();

    assertThatThrownBy(() -> runs.approve(done.number(), "production", "alice", null))
        .isInstanceOf(MloopException.class)
        .hasMessageContaining("run " + done.number() + " is not waiting for environment 'production'");
    assertThatThrownBy(() -> runs.approve(99, "production", "alice", null))
        .hasMessageContaining("CI run 99 does not exist");
  }
}
