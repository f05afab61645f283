package org.mloop.ci.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mloop.ci.runner.TestWorkflows.job;
import static org.mloop.ci.runner.TestWorkflows.run;
import static org.mloop.ci.runner.TestWorkflows.uses;
import static org.mloop.ci.runner.TestWorkflows.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowException;

@Timeout(60)
class WorkflowRunnerTest {
  @TempDir Path home;
  @TempDir Path repo;

  final List<String> printed = new CopyOnWriteArrayList<>();
  final Event push = new Event("push", "refs/heads/main", "aaa111", "bbb222", List.of("model/train.py"), Map.of());

  WorkflowRunner runner(ActionRegistry actions) {
    return new WorkflowRunner(new CiRuns(home), repo.resolve("project.git"), actions,
        (run, jobId, line) -> printed.add(jobId + "| " + line));
  }

  RunRecord execute(Workflow workflow) {
    return runner(ActionRegistry.none()).run(workflow, push, RunnerSettings.empty());
  }

  String log(RunRecord run, String jobId) {
    return new CiRuns(home).log(run.number(), jobId);
  }

  @Test
  void stepOutputsFlowToLaterStepsAndThroughJobOutputsToDependentJobs() {
    RunRecord run = execute(workflow(
        job("build",
            run("echo \"version=1.2\" >> \"$GITHUB_OUTPUT\"\n"
                + "{ echo 'notes<<EOF'; echo 'line one'; echo 'line two'; echo 'EOF'; } >> \"$GITHUB_OUTPUT\"")
                .id("meta"),
            run("echo \"building ${{ steps.meta.outputs.version }}\""))
            .outputs(Map.of("version", "${{ steps.meta.outputs.version }}")),
        job("deploy", run("echo \"deploying ${{ needs.build.outputs.version }} after ${{ needs.build.result }}\""))
            .needs("build")));

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "build")).contains("building 1.2");
    assertThat(run.job("build").outputs()).containsEntry("version", "1.2");
    assertThat(log(run, "deploy")).contains("deploying 1.2 after success");
    assertThat(printed).contains("deploy| deploying 1.2 after success");
    // run.json on disk says the same
    RunRecord stored = new CiRuns(home).read(run.number());
    assertThat(stored.job("deploy").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(stored.event().after()).isEqualTo("bbb222");
    assertThat(stored.job("build").steps()).extracting(StepRecord::outcome)
        .containsExactly(Conclusion.SUCCESS, Conclusion.SUCCESS);
  }

  @Test
  void stepsKnowTheLocalRunnersCiHomeAndRepositorySoTheyCanStartAnotherWorkflowThere() {
    RunRecord run = execute(workflow(job("a", run("echo \"home=$MLOOP_CI_HOME repo=$MLOOP_CI_REPOSITORY\""))));

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "a")).contains("home=" + home.toAbsolutePath().normalize() + " repo="
        + repo.resolve("project.git").toAbsolutePath().normalize());
  }

  @Test
  void multiLineOutputsKeepTheirLines() {
    RunRecord run = execute(workflow(job("a",
        run("{ echo 'notes<<EOF'; echo 'line one'; echo 'line two'; echo 'EOF'; } >> \"$GITHUB_OUTPUT\"").id("s"))
        .outputs(Map.of("notes", "${{ steps.s.outputs.notes }}"))));

    assertThat(run.job("a").outputs()).containsEntry("notes", "line one\nline two");
  }

  @Test
  void githubEnvPathAndStepSummaryReachLaterSteps() throws Exception {
    RunRecord run = execute(workflow(Map.of("LEVEL", "workflow"),
        job("a",
            run("echo \"GREETING=hello from step one\" >> \"$GITHUB_ENV\"\n"
                + "mkdir -p tools && printf '#!/bin/sh\\necho tool ran\\n' > tools/mytool && chmod +x tools/mytool\n"
                + "echo \"$PWD/tools\" >> \"$GITHUB_PATH\"\n"
                + "echo '## Model accuracy: 0.91' >> \"$GITHUB_STEP_SUMMARY\""),
            run("echo \"$GREETING / $LEVEL / $JOB_LEVEL / $STEP_LEVEL / ${{ env.GREETING }}\"\nmytool\n"
                + "echo 'second part' >> \"$GITHUB_STEP_SUMMARY\"")
                .env(Map.of("STEP_LEVEL", "step")),
            run("echo \"ci=$CI actions=$GITHUB_ACTIONS ref=$GITHUB_REF_NAME sha=$GITHUB_SHA run=$GITHUB_RUN_NUMBER "
                + "os=$RUNNER_OS repo=$GITHUB_REPOSITORY\"; test \"$PWD\" = \"$GITHUB_WORKSPACE\""))
            .env(Map.of("JOB_LEVEL", "job"))));

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    String log = log(run, "a");
    assertThat(log).contains("hello from step one / workflow / job / step / hello from step one");
    assertThat(log).contains("tool ran");
    assertThat(log).contains("ci=true actions=true ref=main sha=bbb222 run=" + run.number() + " os=Linux repo=project");
    assertThat(new CiRuns(home).summary(run.number(), "a")).isEqualTo("## Model accuracy: 0.91\nsecond part\n");
  }

  @Test
  void aFailingStepSkipsTheRestExceptAlwaysAndFailureStepsAndFailsTheJobAndTheRun() {
    RunRecord run = execute(workflow(
        job("test",
            run("echo preparing\necho 'assertion failed: accuracy 0.41 < 0.80'\nexit 3").name("Unit tests"),
            run("echo should not run"),
            run("echo cleanup ran").when("always()"),
            run("echo reporting failure").when("failure()"),
            run("echo success only").when("success()")),
        job("deploy", run("echo deployed")).needs("test"),
        job("notify", run("echo notified ${{ needs.test.result }}")).needs("test").when("failure()"),
        job("report", run("echo reported")).needs("deploy").when("always()")));

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.job("test").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.job("test").steps()).extracting(StepRecord::conclusion).containsExactly(
        Conclusion.FAILURE, Conclusion.SKIPPED, Conclusion.SUCCESS, Conclusion.SUCCESS, Conclusion.SKIPPED);
    assertThat(log(run, "test")).contains("cleanup ran", "reporting failure").doesNotContain("should not run");
    assertThat(run.error()).contains("job 'test' failed at step 'Unit tests'", "exit code 3",
        "assertion failed: accuracy 0.41 < 0.80");
    assertThat(run.job("deploy").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(log(run, "deploy")).isEmpty();
    assertThat(run.job("notify").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "notify")).contains("notified failure");
    assertThat(run.job("report").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(RunText.describe(run)).contains("job test: completed failure", "1. Unit tests: failure",
        "job deploy: completed skipped", "error: job 'test' failed at step 'Unit tests'");
    assertThat(RunText.line(run)).startsWith("#" + run.number()).contains("completed", "failure", "push");
  }

  @Test
  void aJobWhoseConditionIsFalseIsSkippedAndSoAreItsDependants() {
    RunRecord run = execute(workflow(
        job("gate", run("echo gate")).when("github.event_name == 'pull_request'"),
        job("after", run("echo after")).needs("gate")));

    assertThat(run.job("gate").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.job("after").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  /**
   * GitHub docs (jobs.<job_id>.needs): job2 needs job1 and job3 needs both with {@code if: ${{ always() }}};
   * when job1 fails, job2 is skipped and job3 runs regardless.
   */
  @Test
  void aJobWithAlwaysRunsWhateverTheJobsItNeedsConcluded() {
    RunRecord run = execute(workflow(
        job("job1", run("exit 1")),
        job("job2", run("echo job2 ran")).needs("job1"),
        job("job3", run("echo job3 ran")).needs("job1", "job2").when("${{ always() }}")));

    assertThat(run.job("job1").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.job("job2").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.job("job3").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "job3")).contains("job3 ran");
  }

  /**
   * GitHub docs (jobs.<job_id>.needs): "if a run contains a series of jobs that need each other, a failure or
   * skip applies to all jobs in the dependency chain from the point of failure or skip onwards" unless a job
   * uses a status function. So a job without one is skipped when a job anywhere up its chain failed or was
   * skipped, even when the job it needs directly ran (with always()) and succeeded; whether it has an
   * unrelated if: makes no difference.
   */
  @Test
  void aFailureOrSkipAppliesToTheWholeDependencyChainUnlessAJobUsesAStatusFunction() {
    RunRecord run = execute(workflow(
        job("a", run("exit 1")),
        job("b", run("echo b ran")).needs("a").when("always()"),
        job("c", run("echo c ran")).needs("b"),
        job("d", run("echo d ran")).needs("b").when("github.event_name == 'push'"),
        job("gate", run("echo gate")).when("github.event_name == 'pull_request'"),
        job("report", run("echo report ran")).needs("gate").when("always()"),
        job("publish", run("echo publish ran")).needs("report")));

    assertThat(run.job("b").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.job("c").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.job("c").error()).contains("'a'", "failure");
    assertThat(run.job("d").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.job("report").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.job("publish").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.job("publish").error()).contains("'gate'", "skipped");
    assertThat(log(run, "c") + log(run, "d") + log(run, "publish")).doesNotContain("ran");
  }

  /**
   * GitHub docs (status check functions): "if you have a chain of dependent jobs, failure() returns true if any
   * ancestor job fails", and success() is true only when every ancestor succeeded (a skip is not a failure).
   */
  @Test
  void statusFunctionsInAJobConditionJudgeEveryAncestorNotOnlyTheDirectNeeds() {
    RunRecord run = execute(workflow(
        job("a", run("exit 1")),
        job("b", run("echo b")).needs("a").when("always()"),
        job("onFailure", run("echo failure seen")).needs("b").when("failure()"),
        job("onSuccess", run("echo success seen")).needs("b").when("success()"),
        job("gate", run("echo gate")).when("github.event_name == 'pull_request'"),
        job("report", run("echo report")).needs("gate").when("always()"),
        job("afterSkipSuccess", run("echo success after skip")).needs("report").when("success()"),
        job("afterSkipFailure", run("echo failure after skip")).needs("report").when("failure()")));

    assertThat(run.job("onFailure").conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "onFailure")).contains("failure seen");
    assertThat(run.job("onSuccess").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.job("afterSkipSuccess").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(run.job("afterSkipFailure").conclusion()).isEqualTo(Conclusion.SKIPPED);
  }

  /**
   * GitHub: any status function (success(), failure(), always(), cancelled()), in any letter case, replaces
   * the implicit {@code success() &&} of an if:, in steps and in jobs.
   */
  @Test
  void anyStatusFunctionInAnyLetterCaseReplacesTheImplicitSuccessCheck() {
    RunRecord run = execute(workflow(
        job("test",
            run("exit 1"),
            run("echo success-or-push ran").when("success() || github.event_name == 'push'"),
            run("echo capital always ran").when("Always()"),
            run("echo plain condition ran").when("github.event_name == 'push'")),
        job("notify", run("echo notified")).needs("test").when("FAILURE()")));

    assertThat(run.job("test").steps()).extracting(StepRecord::conclusion).containsExactly(
        Conclusion.FAILURE, Conclusion.SUCCESS, Conclusion.SUCCESS, Conclusion.SKIPPED);
    assertThat(log(run, "test")).contains("success-or-push ran", "capital always ran")
        .doesNotContain("plain condition ran");
    assertThat(run.job("notify").conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  /**
   * GitHub: a run step with no shell (none on the step, no defaults.run.shell) runs as {@code bash -e {0}},
   * without pipefail; {@code shell: bash} is {@code bash --noprofile --norc -eo pipefail {0}}.
   */
  @Test
  void aStepWithoutAShellHasNoPipefailWhileShellBashHasIt() {
    RunRecord run = execute(workflow(
        job("unspecified", run("false | true\necho unspecified went on")),
        job("explicit", run("false | true\necho explicit went on").shell("bash"))));

    assertThat(run.job("unspecified").conclusion()).as(run.job("unspecified").error())
        .isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "unspecified")).contains("unspecified went on");
    assertThat(run.job("explicit").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(log(run, "explicit")).doesNotContain("explicit went on");
  }

  /**
   * GitHub: a job's timeout-minutes may be an expression (github, needs, vars, inputs), evaluated as a
   * step's is; a value that is not a number fails the job, naming it and the value.
   */
  @Test
  void aJobTimeoutGivenAsAnExpressionIsEvaluated() {
    RunnerSettings settings = new RunnerSettings(Map.of(), Map.of("JOB_MINUTES", "5", "LATER", "soon"), false,
        Map.of());
    RunRecord run = runner(ActionRegistry.none()).run(workflow(
        job("a", run("echo in time")).timeoutMinutes("${{ vars.JOB_MINUTES }}"),
        job("b", run("echo b")).timeoutMinutes("${{ vars.LATER }}")), push, settings);

    assertThat(run.job("a").conclusion()).as(run.job("a").error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "a")).contains("in time");
    assertThat(run.job("b").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.job("b").error()).contains("job 'b'", "timeout-minutes", "'soon'");
  }

  @Test
  void continueOnErrorRecordsTheFailureButLetsTheJobGoOn() {
    RunRecord run = execute(workflow(job("a",
        run("echo flaky; exit 1").id("flaky").continueOnError(),
        run("echo \"next ran: ${{ steps.flaky.outcome }} ${{ steps.flaky.conclusion }}\""))));

    assertThat(run.conclusion()).isEqualTo(Conclusion.SUCCESS);
    StepRecord flaky = run.job("a").steps().get(0);
    assertThat(flaky.outcome()).isEqualTo(Conclusion.FAILURE);
    assertThat(flaky.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "a")).contains("next ran: failure success");
  }

  @Test
  void aJobWithContinueOnErrorDoesNotFailTheRun() {
    RunRecord run = execute(workflow(
        job("experimental", run("exit 1")).continueOnError(),
        job("stable", run("echo stable"))));

    assertThat(run.job("experimental").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void aJobThatCannotStartFailsWithItsReasonAndTheRunStillCompletes() {
    RunRecord run = execute(workflow(job("a", run("echo a")).timeoutMinutes("soon"), job("b", run("echo b"))));

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.job("a").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.error()).contains("timeout-minutes must be a positive number of minutes, not 'soon'");
    assertThat(run.job("b").conclusion()).isEqualTo(Conclusion.SUCCESS);
  }

  @Test
  void aStepTimeoutStopsTheWholeProcessTree() throws Exception {
    Path pidFile = repo.resolve("sleep.pid");
    RunRecord run = execute(workflow(job("a",
        run("sleep 600 &\necho $! > '" + pidFile + "'\nwait").name("Long sleep").timeoutMinutes("0.02"),
        run("echo after timeout"))));

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.error()).contains("Long sleep", "timeout-minutes 0.02");
    assertThat(log(run, "a")).doesNotContain("after timeout");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("sleep 600 still alive").isFalse();
  }

  @Test
  void processesLeftRunningInTheBackgroundDoNotOutliveTheirJob() throws Exception {
    Path pidFile = repo.resolve("server.pid");
    RunRecord run = execute(workflow(job("a",
        run("sleep 300 > /dev/null 2>&1 &\necho $! > '" + pidFile + "'\nsleep 0.3\necho started"),
        run("echo next step"))));

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "a")).contains("started", "next step", "stopping orphan process");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void aBackgroundProcessStartedWithoutTheTrackingIdIsKept() throws Exception {
    Path pidFile = repo.resolve("kept.pid");
    RunRecord run = execute(workflow(job("a",
        run("RUNNER_TRACKING_ID=\"\" nohup sleep 300 > /dev/null 2>&1 &\necho $! > '" + pidFile + "'\nsleep 0.3"))));

    long pid = Long.parseLong(Files.readString(pidFile).strip());
    try {
      assertThat(run.conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aJobTimeoutStopsItsRunningStep() {
    RunRecord run = execute(workflow(job("a", run("sleep 600").name("Sleeper")).timeoutMinutes("0.02")));

    assertThat(run.job("a").conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.error()).contains("job exceeded its timeout-minutes");
  }

  @Test
  void secretsAndAddedMasksNeverReachTheLog() {
    RunnerSettings settings = new RunnerSettings(Map.of("MLOOP_TOKEN", "tok-8f3a9c"), Map.of("REGION", "eu"), false,
        Map.of());
    RunRecord run = runner(ActionRegistry.none()).run(workflow(job("a",
        run("echo \"token=${{ secrets.MLOOP_TOKEN }} env=$TOKEN region=${{ vars.REGION }}\"\n"
            + "echo '::add-mask::generated-pw-42'\necho \"password is generated-pw-42\"\nexit 1")
            .env(Map.of("TOKEN", "${{ secrets.MLOOP_TOKEN }}")))), push, settings);

    String log = log(run, "a");
    assertThat(log).contains("token=*** env=*** region=eu", "password is ***")
        .doesNotContain("tok-8f3a9c").doesNotContain("generated-pw-42");
    assertThat(printed).noneMatch(line -> line.contains("tok-8f3a9c"));
    assertThat(run.error()).doesNotContain("tok-8f3a9c").doesNotContain("generated-pw-42");
  }

  @Test
  void aJobOutputHoldingASecretIsNotPassedOn() {
    RunnerSettings settings = new RunnerSettings(Map.of("MLOOP_TOKEN", "tok-8f3a9c"), Map.of(), false, Map.of());
    RunRecord run = runner(ActionRegistry.none()).run(workflow(job("a", run("true"))
        .outputs(Map.of("token", "${{ secrets.MLOOP_TOKEN }}", "plain", "ok"))), push, settings);

    assertThat(run.job("a").outputs()).containsEntry("token", "").containsEntry("plain", "ok");
  }

  @Test
  void workingDirectoryAndShellAreHonoured() {
    RunRecord run = execute(workflow(job("a",
        run("mkdir -p model/src"),
        run("pwd").workingDirectory("model"),
        run("echo \"posix $0\"").shell("sh"),
        run("echo nope").workingDirectory("missing").name("Missing dir"))));

    String log = log(run, "a");
    assertThat(log).containsPattern("/workspace/model\\n");
    assertThat(log).contains("posix ");
    assertThat(run.error()).contains("Missing dir", "working-directory 'missing' does not exist");
  }

  @Test
  void actionsGetTheirInputsAndSetOutputs() {
    ActionRegistry actions = ActionRegistry.of(Map.of("test/greet", context -> {
      context.log("hello " + context.input("who") + " in " + context.workspace().getFileName());
      context.setOutput("greeting", "hi " + context.input("who"));
      context.exportVariable("GREETED", "yes");
    }));
    RunRecord run = runner(actions).run(workflow(job("a",
        uses("test/greet@v2").id("greet").with(Map.of("who", "${{ github.ref_name }}")),
        run("echo \"${{ steps.greet.outputs.greeting }} greeted=$GREETED\""))), push, RunnerSettings.empty());

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "a")).contains("hello main in workspace", "hi main greeted=yes");
  }

  @Test
  void aFailingActionFailsItsStepWithItsMessage() {
    ActionRegistry actions = ActionRegistry.of(Map.of("actions/setup-java", context -> {
      context.log("looking for JDK " + context.input("java-version"));
      throw new IllegalStateException("JDK 99 is not installed; install it or use java-version: 17");
    }));
    RunRecord run = runner(actions).run(workflow(job("a",
        uses("actions/setup-java@v4").with(Map.of("java-version", "99")))), push, RunnerSettings.empty());

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.error()).contains("failed at step 'Run actions/setup-java@v4'",
        "JDK 99 is not installed; install it or use java-version: 17", "looking for JDK 99");
  }

  @Test
  void anUnsupportedActionStopsTheRunBeforeAnyJobStarts() {
    ActionRegistry actions = ActionRegistry.of(Map.of("actions/checkout", context -> {}, "test/greet", c -> {}));
    Workflow workflow = workflow(
        job("first", run("touch '" + repo.resolve("ran") + "'")),
        job("second", uses("azure/login@v2").at(42)));

    assertThatThrownBy(() -> runner(actions).run(workflow, push, RunnerSettings.empty()))
        .isInstanceOf(WorkflowException.class)
        .hasMessage(TestWorkflows.FILE + ":42: action 'azure/login@v2' is not supported by the local runner; "
            + "supported: actions/checkout, test/greet");
    assertThat(repo.resolve("ran")).doesNotExist();
    assertThat(new CiRuns(home).list()).isEmpty();
  }

  @Test
  void anUnsupportedShellIsRefusedBeforeAnyJobStarts() {
    Workflow workflow = workflow(job("a", run("touch '" + repo.resolve("ran") + "'")),
        job("b", run("Write-Host hi").shell("pwsh").at(77)));

    assertThatThrownBy(() -> execute(workflow)).isInstanceOf(WorkflowException.class)
        .hasMessage(TestWorkflows.FILE + ":77: shell 'pwsh' is not supported by the local runner; "
            + "use bash, sh, python or a command with {0}");
    assertThat(repo.resolve("ran")).doesNotExist();
  }

  @Test
  void aCustomShellCommandGetsTheScriptFile() {
    RunRecord run = execute(workflow(job("a", run("echo custom shell").shell("bash -x {0}"))));

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "a")).contains("+ echo custom shell");
  }

  @Test
  void workflowDispatchInputsHaveTheirDefaults() {
    var inputs = Map.of("reg_rate", new org.mloop.ci.workflow.Triggers.DispatchInput("rate", false, "0.01", "string",
        List.of()), "dry_run", new org.mloop.ci.workflow.Triggers.DispatchInput("", false, "false", "boolean",
        List.of()));
    Workflow base = workflow(job("a", run("echo \"rate=${{ inputs.reg_rate }} dry=${{ inputs.dry_run }}\"")));
    Workflow withInputs = new Workflow(base.file(), base.name(),
        new org.mloop.ci.workflow.Triggers(base.on().events(), inputs, List.of()), base.env(), base.jobs());
    Event dispatch = new Event("workflow_dispatch", "refs/heads/main", null, "bbb222", List.of(),
        Map.of("dry_run", "true"));

    RunRecord run = runner(ActionRegistry.none()).run(withInputs, dispatch, RunnerSettings.empty());

    assertThat(log(run, "a")).contains("rate=0.01 dry=true");
  }

  /** GitHub: the inputs context holds workflow_dispatch inputs only when the event is workflow_dispatch. */
  @Test
  void inputsAreEmptyOnAPushEvenWhenWorkflowDispatchDeclaresDefaults() {
    var inputs = Map.of("deploy", new org.mloop.ci.workflow.Triggers.DispatchInput("", false, "true", "boolean",
        List.of()));
    Workflow base = workflow(
        job("deploy", run("echo deploying")).when("inputs.deploy"),
        job("show", run("echo \"deploy=[${{ inputs.deploy }}]\"")));
    Workflow withInputs = new Workflow(base.file(), base.name(),
        new org.mloop.ci.workflow.Triggers(base.on().events(), inputs, List.of()), base.env(), base.jobs());

    RunRecord run = runner(ActionRegistry.none()).run(withInputs, push, RunnerSettings.empty());

    assertThat(run.job("deploy").conclusion()).isEqualTo(Conclusion.SKIPPED);
    assertThat(log(run, "show")).contains("deploy=[]");
  }

  @Test
  void aMissingRequiredInputStopsTheRunBeforeItStarts() {
    var inputs = Map.of("model_version", new org.mloop.ci.workflow.Triggers.DispatchInput("version", true, null,
        "string", List.of()));
    Workflow base = workflow(job("a", run("echo rollback")));
    Workflow rollback = new Workflow(base.file(), base.name(),
        new org.mloop.ci.workflow.Triggers(base.on().events(), inputs, List.of()), base.env(), base.jobs());
    Event dispatch = new Event("workflow_dispatch", "refs/heads/main", null, null, List.of(), Map.of());

    assertThatThrownBy(() -> runner(ActionRegistry.none()).run(rollback, dispatch, RunnerSettings.empty()))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("input 'model_version' is required and has no default; pass --input model_version=");
    assertThat(new CiRuns(home).list()).isEmpty();
  }
}
