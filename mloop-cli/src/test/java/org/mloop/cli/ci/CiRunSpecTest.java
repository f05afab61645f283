package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.cli.ci.CiCli.git;
import static org.mloop.cli.ci.CiCli.mloop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.RunStatus;
import org.mloop.cli.Main;

/** What a user of `mloop ci run|list|show|logs|approve|reject` relies on, in a clone with a workflow. */
@Timeout(120)
class CiRunSpecTest {
  static final String WORKFLOW = """
      name: train-deploy
      on:
        push:
          branches: [main]
          paths: ['model/**']
        workflow_dispatch:
      jobs:
        experiment:
          runs-on: ubuntu-latest
          outputs:
            version: ${{ steps.meta.outputs.version }}
          steps:
            - uses: actions/checkout@v4
            - id: meta
              run: echo "version=$(cat model/version.txt)" >> "$GITHUB_OUTPUT"
        production:
          needs: experiment
          runs-on: ubuntu-latest
          environment: production
          steps:
            - run: echo "promoting version ${{ needs.experiment.outputs.version }} with token ${{ secrets.MLOOP_TOKEN }}"
      """;

  @TempDir Path temp;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = temp.resolve("project");
    Files.createDirectories(repo.resolve(".github/workflows"));
    Files.createDirectories(repo.resolve("model"));
    Files.writeString(repo.resolve(".github/workflows/train-deploy.yml"), WORKFLOW);
    Files.writeString(repo.resolve("model/version.txt"), "7\n");
    Files.writeString(repo.resolve(".gitignore"), ".mloop-ci/\n");
    git(temp, "init", "-q", "project");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "model and workflow");
    Files.createDirectories(repo.resolve(".mloop-ci"));
    Files.writeString(repo.resolve(".mloop-ci/settings.yml"), """
        environments:
          production:
            required_approval: true
            secrets: {MLOOP_TOKEN: s3cret-token}
        """);
  }

  @Test
  void aPushRunWaitsForApprovalOfProductionAndGoesOnWhenAnotherCommandApproves() throws Exception {
    ByteArrayOutputStream runOut = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    CompletableFuture<Integer> running;
    System.setOut(new PrintStream(runOut, true, StandardCharsets.UTF_8));
    try {
      running = CompletableFuture.supplyAsync(() -> Main.run("ci", "run", "--event", "push", "--repo", repo.toString()));
      CiRuns runs = new CiRuns(repo.resolve(".mloop-ci"));
      long deadline = System.currentTimeMillis() + 60_000;
      while (!(runs.find(1).map(r -> r.status() == RunStatus.WAITING).orElse(false))) {
        assertThat(System.currentTimeMillis()).as("the run waits for approval within 60 s").isLessThan(deadline);
        assertThat(running).as("the run ended without waiting: " + runOut).isNotDone();
        Thread.sleep(100);
      }
      assertThat(Main.run("ci", "show", "1", "--repo", repo.toString())).isZero();
      assertThat(Main.run("ci", "approve", "1", "--environment", "production", "--repo", repo.toString(),
          "--comment", "looks good")).isZero();
      assertThat(running.get(60, TimeUnit.SECONDS)).as(runOut.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(oldOut);
    }
    String printed = runOut.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("job production waits for approval of environment production")
        .contains("-> mloop ci approve 1 --environment production")
        .contains("promoting version 7 with token ***").doesNotContain("s3cret-token")
        .contains("Run 1 train-deploy: success");

    CiCli.Result show = mloop("ci", "show", "1", "--repo", repo.toString());
    assertThat(show.out()).contains("completed/success").contains("production (job production): approved")
        .contains("looks good").contains("experiment");
    assertThat(mloop("ci", "logs", "1", "--job", "production", "--repo", repo.toString()).out())
        .contains("promoting version 7 with token ***");
    assertThat(mloop("ci", "list", "--repo", repo.toString()).out()).contains("train-deploy").contains("push")
        .contains("refs/heads/main");
  }

  @Test
  void aRejectedApprovalFailsTheRunWithoutRunningTheProtectedJob() throws Exception {
    CompletableFuture<CiCli.Result> running =
        CompletableFuture.supplyAsync(() -> mloop("ci", "run", "--event", "push", "--repo", repo.toString()));
    CiRuns runs = new CiRuns(repo.resolve(".mloop-ci"));
    long deadline = System.currentTimeMillis() + 60_000;
    while (!(runs.find(1).map(r -> r.status() == RunStatus.WAITING).orElse(false))) {
      assertThat(System.currentTimeMillis()).as("the run waits for approval within 60 s").isLessThan(deadline);
      Thread.sleep(100);
    }
    runs.reject(1, "production", "reviewer", "not today"); // a `ci reject` call, without the shared stdout
    CiCli.Result result = running.get(60, TimeUnit.SECONDS);
    CiCli.Result again = mloop("ci", "approve", "1", "--environment", "production", "--repo", repo.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).doesNotContain("promoting version").contains("Run 1 train-deploy: failure");
    assertThat(mloop("ci", "show", "1", "--repo", repo.toString()).out()).contains("rejected by reviewer: not today");
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("run 1 is not waiting for environment 'production'");
    CiCli.Result cancel = mloop("ci", "cancel", "1", "--repo", repo.toString());
    assertThat(cancel.err()).contains("run 1 has already completed");
  }

  @Test
  void aPushThatChangesNoPathOfTheFilterStartsNothing() throws Exception {
    Files.writeString(repo.resolve("README.md"), "docs only\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "docs");

    CiCli.Result result = mloop("ci", "run", "--event", "push", "--repo", repo.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("No workflow is triggered by push to main").contains("changed files: README.md");
    assertThat(repo.resolve(".mloop-ci/runs")).doesNotExist();
  }

  @Test
  void anUnsupportedActionMakesTheFileAFailedRunWithItsFileAndLineAndNoJobStarts() throws Exception {
    Files.writeString(repo.resolve(".github/workflows/train-deploy.yml"),
        WORKFLOW.replace("actions/checkout@v4", "docker/login-action@v3"));
    Files.writeString(repo.resolve("model/version.txt"), "8\n");
    git(repo, "commit", "-q", "-am", "another action");

    CiCli.Result result = mloop("ci", "run", "--event", "push", "--repo", repo.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("Invalid workflow file .github/workflows/train-deploy.yml (run 1: failure):")
        .contains(".github/workflows/train-deploy.yml:13: action 'docker/login-action@v3' is not supported by the "
            + "local runner; supported: actions/cache, ").contains("actions/checkout");
    assertThat(new CiRuns(repo.resolve(".mloop-ci")).read(1).jobs()).isEmpty();
    assertThat(repo.resolve(".mloop-ci/runs/1/jobs")).as("no job started").doesNotExist();
  }

  @Test
  void workflowFilesAreReadAtTheCommitNotFromTheWorkTree() throws Exception {
    Files.writeString(repo.resolve(".github/workflows/train-deploy.yml"), "not: [valid");
    Files.writeString(repo.resolve(".mloop-ci/settings.yml"), "auto_approve: true\n");

    CiCli.Result result = mloop("ci", "run", "--event", "workflow_dispatch", "--repo", repo.toString(),
        "--output", "json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("\"conclusion\" : \"success\"");
    assertThat(result.err()).contains("promoting version 7");
  }

  @Test
  void aPullRequestRunsTheWorkflowsOnPullRequestToItsBaseJudgingTheFilesOfTheBranch() throws Exception {
    Files.writeString(repo.resolve(".github/workflows/code-checks.yml"), """
        name: code-checks
        on:
          pull_request:
            branches: [main]
            paths: ['model/**']
        jobs:
          unit-tests:
            name: Unit tests
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: echo "testing version $(cat model/version.txt) for ${{ github.event_name }}"
        """);
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "checks");
    git(repo, "checkout", "-q", "-b", "feature");
    Files.writeString(repo.resolve("model/version.txt"), "9\n");
    git(repo, "commit", "-q", "-am", "version 9");

    CiCli.Result result = mloop("ci", "run", "--event", "pull_request", "--repo", repo.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("Workflow code-checks").doesNotContain("Workflow train-deploy")
        .contains("testing version 9 for pull_request");
  }
}
