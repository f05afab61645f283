package org.mloop.ci.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mloop.ci.runner.TestWorkflows.job;
import static org.mloop.ci.runner.TestWorkflows.run;
import static org.mloop.ci.runner.TestWorkflows.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;

@Timeout(60)
class CancelTest {
  @TempDir Path home;
  @TempDir Path repo;

  final Event push = new Event("push", "refs/heads/main", "aaa", "bbb", List.of(), Map.of());

  CompletableFuture<RunRecord> start(Workflow workflow, RunnerSettings settings) {
    WorkflowRunner runner = new WorkflowRunner(new CiRuns(home), repo, ActionRegistry.none(), RunListener.none());
    return CompletableFuture.supplyAsync(() -> runner.run(workflow, push, settings));
  }

  @Test
  void cancellingStopsTheRunningStepAndSkipsTheRestButAlwaysSteps() throws Exception {
    Path started = repo.resolve("started");
    Path pidFile = repo.resolve("sleep.pid");
    CompletableFuture<RunRecord> running = start(workflow(
        job("train",
            run("sleep 600 &\necho $! > '" + pidFile + "'\ntouch '" + started + "'\nwait").name("Train"),
            run("echo next step"),
            run("echo \"cleanup after ${{ job.status }}\"").when("always()")),
        job("deploy", run("echo deployed")).needs("train")), RunnerSettings.empty());
    while (!Files.exists(started)) {
      Thread.sleep(20);
    }

    CiRuns runs = new CiRuns(home);
    runs.cancel(runs.list().get(0).number(), "carol");
    RunRecord done = running.get();

    assertThat(done.conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(done.job("train").conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(done.job("train").steps()).extracting(StepRecord::conclusion)
        .containsExactly(Conclusion.CANCELLED, Conclusion.SKIPPED, Conclusion.SUCCESS);
    assertThat(runs.log(done.number(), "train")).contains("cleanup after cancelled").doesNotContain("next step");
    assertThat(done.job("deploy").conclusion()).isIn(Conclusion.CANCELLED, Conclusion.SKIPPED);
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(() -> runs.cancel(done.number(), "carol")).hasMessageContaining("has already completed");
  }

  /**
   * GitHub: after a cancel, steps whose if: is always() or cancelled() still run, and run to completion;
   * only a cancel that arrives while a step runs stops that step.
   */
  @Test
  void cleanupStepsThatStartAfterACancelRunToCompletion() throws Exception {
    Path started = repo.resolve("started");
    CompletableFuture<RunRecord> running = start(workflow(
        job("train",
            run("touch '" + started + "'\nsleep 600"),
            run("sleep 0.5; echo cleaned").when("always()"),
            run("sleep 0.5; echo reported cancel").when("cancelled()"))), RunnerSettings.empty());
    while (!Files.exists(started)) {
      Thread.sleep(20);
    }

    CiRuns runs = new CiRuns(home);
    runs.cancel(runs.list().get(0).number(), "carol");
    RunRecord done = running.get();

    assertThat(done.job("train").conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(done.job("train").steps()).extracting(StepRecord::conclusion)
        .containsExactly(Conclusion.CANCELLED, Conclusion.SUCCESS, Conclusion.SUCCESS);
    assertThat(runs.log(done.number(), "train")).contains("cleaned", "reported cancel");
  }

  @Test
  void cancellingARunWaitingForApprovalEndsIt() throws Exception {
    RunnerSettings settings = new RunnerSettings(Map.of(), Map.of(), false,
        Map.of("production", new RunnerSettings.EnvironmentSettings(true, false, Map.of(), Map.of())));
    CompletableFuture<RunRecord> running = start(workflow(
        job("promote", run("touch '" + repo.resolve("promoted") + "'")).environment("production")), settings);
    RunRecord waiting = ApprovalTest.awaitWaiting(new CiRuns(home));

    new CiRuns(home).cancel(waiting.number(), "carol");
    RunRecord done = running.get();

    assertThat(done.conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(done.job("promote").conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(done.approvals()).extracting(ApprovalRecord::decision).containsExactly("cancelled");
    assertThat(repo.resolve("promoted")).doesNotExist();
  }
}
