package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.cli.ci.CiCli.awaitRuns;
import static org.mloop.cli.ci.CiCli.git;
import static org.mloop.cli.ci.CiCli.hookLogs;
import static org.mloop.cli.ci.CiCli.mloop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/**
 * The local runner treats bad workflow files and secrets as GitHub does: an invalid file beside a
 * good one is reported on its own as a failed run (file, line, the parser's message; a binary file
 * named as such) while the good one runs, and a secret is on disk only while its job runs.
 */
@Timeout(180)
class CiBadFilesAndSecretsSpecTest {
  static final String SECRET = "tok-8c1f-secret-value";

  static final String BUILD = """
      name: build
      on:
        push:
          branches: [main]
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - run: |
                echo "building $(cat version.txt) with ${{ secrets.MLOOP_TOKEN }}"
                echo "deployed with ${{ secrets.MLOOP_TOKEN }}" >> "$GITHUB_STEP_SUMMARY"
                test "$(cat version.txt)" != broken
      """;

  static final String BROKEN_YAML = """
      name: deploy
      on: push
      jobs:
        deploy:
          runs-on: ubuntu-latest
         steps:
            - run: echo deploy
      """;

  /** A schema error in a workflow that only a push to release starts: GitHub stays silent on a push to main. */
  static final String RELEASE = """
      on:
        push:
          branches: [release]
      jobs:
        publish:
          runs-on: ubuntu-latest
          step:
            - run: echo publish
      """;

  static final byte[] BINARY = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  @TempDir Path temp;

  @Test
  void aPushRunsTheGoodWorkflowAndReportsEachBadFileOnItsOwnAndLeavesNoSecretOnDisk() throws Exception {
    Path bare = temp.resolve("project.git");
    git(temp, "init", "-q", "--bare", bare.toString());
    Path ciHome = bare.resolve("mloop-ci");
    Files.createDirectories(ciHome);
    Files.writeString(ciHome.resolve("settings.yml"), "secrets: {MLOOP_TOKEN: " + SECRET + "}\n");
    assertThat(mloop("ci", "install-hook", "--repo", bare.toString()).exitCode()).isZero();
    git(temp, "clone", "-q", bare.toString(), "work");
    Path work = temp.resolve("work");
    Path workflows = work.resolve(".github/workflows");
    Files.createDirectories(workflows);
    Files.writeString(workflows.resolve("build.yml"), BUILD);
    Files.writeString(workflows.resolve("deploy.yml"), BROKEN_YAML);
    Files.writeString(workflows.resolve("release.yml"), RELEASE);
    Files.write(workflows.resolve("logo.yml"), BINARY);
    Files.writeString(workflows.resolve("notes.txt"), "ideas for workflows\n");
    Files.writeString(work.resolve("version.txt"), "1.0\n");
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "workflows, one broken");

    git(work, "push", "-q", "origin", "HEAD:main");

    JsonNode runs = awaitRuns(bare, 3);
    String hookLog = awaitHookLog(ciHome, "Run 3 build: ");
    assertThat(runs).extracting(r -> r.path("workflowName").asText() + " " + r.path("conclusion").asText())
        .as(hookLog).containsExactly("build success", ".github/workflows/logo.yml failure",
            ".github/workflows/deploy.yml failure");
    JsonNode deploy = runs.get(2);
    assertThat(deploy.path("jobs").size()).isZero();
    String deployError = ".github/workflows/deploy.yml:6: invalid YAML: while parsing a block mapping (line 4, "
        + "column 3): expected <block end>, but found '<block mapping start>' (column 4)";
    assertThat(deploy.path("error").asText()).isEqualTo("invalid workflow file: " + deployError);
    assertThat(runs.get(1).path("error").asText()).contains(".github/workflows/logo.yml:3: is a binary file");
    assertThat(hookLog).contains("Invalid workflow file .github/workflows/deploy.yml (run 1: failure):")
        .contains("  " + deployError)
        .contains("Invalid workflow file .github/workflows/logo.yml (run 2: failure):")
        .contains("is a binary file (it holds NUL bytes, the first at byte 8), not a workflow").doesNotContain("IHDR")
        .contains("Not read (GitHub reads only .yml and .yaml files in .github/workflows): "
            + ".github/workflows/notes.txt")
        .doesNotContain("release.yml")
        .contains("building 1.0 with ***").contains("Run 3 build: success");

    CiCli.Result list = mloop("ci", "list", "--repo", bare.toString());
    assertThat(list.out()).containsPattern("1 +\\.github/workflows/deploy\\.yml .*completed/failure \\(invalid "
        + "workflow file\\)").containsPattern("3 +build .*completed/success");
    CiCli.Result show = mloop("ci", "show", "1", "--repo", bare.toString());
    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).contains("Jobs: none (the workflow file is invalid").contains("Error:")
        .contains(deployError);
    assertThat(mloop("ci", "logs", "1", "--repo", bare.toString()).out()).contains(deployError);
    assertThat(mloop("ci", "logs", "3", "--repo", bare.toString()).out()).contains("building 1.0 with ***")
        .contains("deployed with ***");
    assertThat(secretHolders(bare)).as("files holding the secret after a successful job").isEmpty();

    // a failing job, the secret used before it fails
    Files.writeString(work.resolve("version.txt"), "broken\n");
    git(work, "commit", "-q", "-am", "break the build");
    git(work, "push", "-q", "origin", "HEAD:main");

    JsonNode after = awaitRuns(bare, 6);
    assertThat(after.get(0).path("conclusion").asText()).as(hookLogs(ciHome)).isEqualTo("failure");
    assertThat(after.get(0).path("error").asText()).contains("building broken with ***");
    assertThat(secretHolders(bare)).as("files holding the secret after a failed job").isEmpty();
  }

  @Test
  void ciRunExitsOneWhenAFileIsInvalidAndTheValidWorkflowsStillRan() throws Exception {
    Path repo = project();
    Files.writeString(repo.resolve(".github/workflows/deploy.yml"), BROKEN_YAML);
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "a broken workflow");

    CiCli.Result result = mloop("ci", "run", "--event", "push", "--repo", repo.toString(), "--output", "json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.err()).contains("Invalid workflow file .github/workflows/deploy.yml (run 1: failure):")
        .contains("Run 2 build: success");
    assertThat(Json.mapper().readTree(result.out()))
        .extracting(r -> r.path("number").asInt() + " " + r.path("conclusion").asText())
        .containsExactly("1 failure", "2 success");
  }

  @Test
  void anInvalidFileThatThePushWouldNotStartIsNotReportedAndTheRunSucceeds() throws Exception {
    Path repo = project();
    Files.writeString(repo.resolve(".github/workflows/release.yml"), RELEASE);
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "a release workflow with a typo");

    CiCli.Result main = mloop("ci", "run", "--event", "push", "--repo", repo.toString());
    git(repo, "checkout", "-q", "-b", "release");
    CiCli.Result release = mloop("ci", "run", "--event", "push", "--repo", repo.toString());

    assertThat(main.exitCode()).as(main.all()).isZero();
    assertThat(main.out()).doesNotContain("release.yml").contains("Run 1 build: success");
    assertThat(release.exitCode()).isEqualTo(1);
    assertThat(release.out()).contains("Invalid workflow file .github/workflows/release.yml (run 2: failure):")
        .contains(".github/workflows/release.yml:7: jobs.publish.step: is not a known field (did you mean 'steps'?)")
        .contains("No valid workflow is triggered by push to release");
  }

  /**
   * A runner killed in the middle of a job (kill -9: no cleanup runs) leaves its step scripts, with the
   * secret expanded in them; the next `mloop ci run` removes them and says so.
   */
  @Test
  void theNextRunRemovesTheStepScriptsOfARunnerThatWasKilled() throws Exception {
    Path repo = project();
    Path started = temp.resolve("started");
    Files.writeString(repo.resolve(".github/workflows/build.yml"), BUILD.replace(
        "test \"$(cat version.txt)\" != broken", "touch '" + started + "'\n          sleep 120"));
    git(repo, "commit", "-q", "-am", "a long build");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process runner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.mloop.cli.Main",
        "ci", "run", "--event", "push", "--repo", repo.toString())
        .redirectErrorStream(true).redirectOutput(temp.resolve("runner.log").toFile()).start();
    try {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!Files.exists(started)) {
        assertThat(runner.isAlive()).as(Files.readString(temp.resolve("runner.log"))).isTrue();
        assertThat(System.currentTimeMillis()).as("the step starts within 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(secretHolders(repo)).as("the step scripts hold the secret while the job runs").isNotEmpty();
    } finally {
      killTree(runner);
    }
    Path leftover = repo.resolve(".mloop-ci/runs/1/jobs/build/temp");
    assertThat(leftover).as("a killed runner cleans nothing up").exists();

    Files.writeString(repo.resolve(".github/workflows/build.yml"), BUILD);
    git(repo, "commit", "-q", "-am", "a short build");
    CiCli.Result next = mloop("ci", "run", "--event", "push", "--repo", repo.toString());

    assertThat(next.out()).as(next.all()).contains("Removed the temp folders (step scripts) that 1 job(s) of stopped "
        + "runs left behind: runs/1/jobs/build/temp");
    assertThat(leftover).doesNotExist();
    assertThat(secretHolders(repo)).isEmpty();
  }

  /** A clone with build.yml and the secret in its git-ignored settings. */
  private Path project() throws IOException {
    Path repo = temp.resolve("project");
    Files.createDirectories(repo.resolve(".github/workflows"));
    Files.writeString(repo.resolve(".github/workflows/build.yml"), BUILD);
    Files.writeString(repo.resolve("version.txt"), "1.0\n");
    Files.writeString(repo.resolve(".gitignore"), ".mloop-ci/\n");
    git(temp, "init", "-q", "-b", "main", "project");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "build");
    Files.createDirectories(repo.resolve(".mloop-ci"));
    Files.writeString(repo.resolve(".mloop-ci/settings.yml"), "secrets: {MLOOP_TOKEN: " + SECRET + "}\n");
    return repo;
  }

  private static void killTree(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Files under {@code root}, other than the settings file that keeps it, that hold the secret. */
  private static List<Path> secretHolders(Path root) throws IOException {
    List<Path> holders = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals("settings.yml")) {
          continue;
        }
        try {
          if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(SECRET)) {
            holders.add(file);
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // removed while walking
        }
      }
    }
    return holders;
  }

  /** The hook logs once they hold {@code text} (the runner prints a run's last line just after run.json completes). */
  private static String awaitHookLog(Path ciHome, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    String logs;
    while (!(logs = hookLogs(ciHome)).contains(text)) {
      assertThat(System.currentTimeMillis()).as("the hook log says '%s' within 30 s:\n%s", text, logs)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
    return logs;
  }
}
