package org.mloop.ci.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.ExpressionChecker;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowParser;
import org.mloop.core.json.Json;

/**
 * A secret is on disk only while its job runs, as on GitHub: the step scripts it is expanded into and
 * the file commands live in RUNNER_TEMP, readable by this user only and removed when the job ends
 * (success, failure, cancel, timeout), and what the run keeps (run.json, log, summary) shows ***.
 * Leftovers of a runner that was killed are removed by the next start.
 */
@Timeout(60)
class SecretsOnDiskTest {
  static final String SECRET = "s3cret-Tok3n-4242";
  static final String DERIVED = "derived-Val-9191";

  @TempDir Path home;
  @TempDir Path repo;

  final Event push = new Event("push", "refs/heads/main", "aaa", "bbb", List.of(), Map.of());
  final RunnerSettings settings = new RunnerSettings(Map.of("MLOOP_TOKEN", SECRET), Map.of(), false, Map.of());

  /** Every channel a secret can take from a workflow into the runner's files, then {@code last}. */
  static String workflow(String last) {
    return """
        name: deploy
        on: push
        env:
          TOKEN_FROM_ENV: ${{ secrets.MLOOP_TOKEN }}
        jobs:
          deploy:
            runs-on: ubuntu-latest
            outputs:
              token: ${{ steps.login.outputs.token }}
            steps:
              - name: Log in with ${{ secrets.MLOOP_TOKEN }}
                id: login
                run: |
                  echo "temp folder mode $(stat -c %%a "$RUNNER_TEMP")"
                  echo "logging in with ${{ secrets.MLOOP_TOKEN }} and $TOKEN_FROM_ENV"
                  echo "token=${{ secrets.MLOOP_TOKEN }}" >> "$GITHUB_OUTPUT"
                  echo "EXPORTED=${{ secrets.MLOOP_TOKEN }}" >> "$GITHUB_ENV"
                  echo "deployed with ${{ secrets.MLOOP_TOKEN }}" >> "$GITHUB_STEP_SUMMARY"
                  echo "::add-mask::%s"
                  echo "a value masked at run time: %s"
                  echo "%s" >> "$GITHUB_STEP_SUMMARY"
              - name: Last
                run: |
        %s
        """.formatted(DERIVED, DERIVED, DERIVED, last.indent(10).stripTrailing());
  }

  RunRecord run(String last) {
    Workflow workflow = WorkflowParser.parse(workflow(last), Path.of(".github/workflows/deploy.yml"),
        ExpressionChecker.standard());
    return new WorkflowRunner(new CiRuns(home), repo, ActionRegistry.none(), RunListener.none())
        .run(workflow, push, settings);
  }

  @Test
  void afterASuccessfulJobNoFileOfTheRunHoldsTheSecretAndRunnerTempIsGone() throws Exception {
    RunRecord run = run("echo \"still $EXPORTED\"");

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertNoSecretOnDisk(run);
    CiRuns runs = new CiRuns(home);
    assertThat(runs.log(run.number(), "deploy")).contains("temp folder mode 700")
        .contains("logging in with *** and ***").contains("a value masked at run time: ***").contains("still ***");
    assertThat(runs.summary(run.number(), "deploy")).isEqualTo("deployed with ***\n***\n");
    assertThat(run.job("deploy").steps().get(0).name()).isEqualTo("Log in with ***");
    assertThat(run.job("deploy").outputs()).containsEntry("token", "");
  }

  @Test
  void afterAFailedJobNoFileOfTheRunHoldsTheSecret() throws Exception {
    RunRecord run = run("echo \"failing with $EXPORTED\"\nexit 3");

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.error()).contains("failing with ***").contains("exit code 3");
    assertNoSecretOnDisk(run);
  }

  @Test
  void afterAStepTimeoutNoFileOfTheRunHoldsTheSecret() throws Exception {
    Workflow workflow = WorkflowParser.parse(workflow("sleep 30").replace("      - name: Last\n",
        "      - name: Last\n        timeout-minutes: 0.01\n"), Path.of(".github/workflows/deploy.yml"),
        ExpressionChecker.standard());
    RunRecord run = new WorkflowRunner(new CiRuns(home), repo, ActionRegistry.none(), RunListener.none())
        .run(workflow, push, settings);

    assertThat(run.error()).contains("the step exceeded its timeout-minutes");
    assertNoSecretOnDisk(run);
  }

  @Test
  void afterACancelledJobNoFileOfTheRunHoldsTheSecret() throws Exception {
    Path started = repo.resolve("started");
    CompletableFuture<RunRecord> running =
        CompletableFuture.supplyAsync(() -> run("touch '" + started + "'\nsleep 30"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (!Files.exists(started)) {
      assertThat(System.currentTimeMillis()).as("the last step starts").isLessThan(deadline);
      Thread.sleep(20);
    }
    CiRuns runs = new CiRuns(home);
    int number = runs.list().get(0).number();
    assertThat(secretHolders()).as("while the job runs its step scripts hold the secret").isNotEmpty()
        .allMatch(p -> p.startsWith(runs.jobDirectory(number, "deploy").resolve("temp")));

    runs.cancel(number, "carol");
    RunRecord run = running.get(30, TimeUnit.SECONDS);

    assertThat(run.conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertNoSecretOnDisk(run);
  }

  @Test
  void theNextStartRemovesWhatAKilledRunnerLeftButNotWhatALiveRunnerUses() throws Exception {
    CiRuns runs = new CiRuns(home);
    Workflow workflow = WorkflowParser.parse(workflow("true"), Path.of(".github/workflows/deploy.yml"),
        ExpressionChecker.standard());
    RunRecord dead = runs.create(workflow, push);
    RunRecord alive = runs.create(workflow, push);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(10, TimeUnit.SECONDS);
    // a runner killed in the middle of a step (kill -9): run.json still says running, its step script remains
    runs.save(dead.started(System.currentTimeMillis(), gone.pid()));
    runs.save(alive.started(System.currentTimeMillis(), ProcessHandle.current().pid()));
    Path deadScript = leaveScript(runs, dead.number());
    Path liveScript = leaveScript(runs, alive.number());

    List<Path> removed = runs.removeLeftoverTemp();

    assertThat(removed).containsExactly(deadScript.getParent());
    assertThat(deadScript.getParent()).doesNotExist();
    assertThat(liveScript).exists();
  }

  private static Path leaveScript(CiRuns runs, int number) throws IOException {
    Path script = runs.jobDirectory(number, "deploy").resolve("temp").resolve("step-1.sh");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "echo logging in with " + SECRET + "\n");
    return script;
  }

  private void assertNoSecretOnDisk(RunRecord run) throws IOException {
    CiRuns runs = new CiRuns(home);
    assertThat(runs.jobDirectory(run.number(), "deploy").resolve("temp")).as("RUNNER_TEMP").doesNotExist();
    assertThat(runs.logFile(run.number(), "deploy")).exists();
    assertThat(secretHolders()).as("files under the CI home holding the secret or a masked value").isEmpty();
    assertThat(Json.writePretty(runs.read(run.number()))).doesNotContain(SECRET).doesNotContain(DERIVED);
  }

  private List<Path> secretHolders() throws IOException {
    List<Path> holders = new ArrayList<>();
    try (Stream<Path> all = Files.walk(home)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        String text;
        try {
          text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue; // a temporary file of the running job, removed meanwhile
        }
        if (text.contains(SECRET) || text.contains(DERIVED)) {
          holders.add(file);
        }
      }
    }
    return holders;
  }
}
