package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.cli.ci.CiCli.git;
import static org.mloop.cli.ci.CiCli.hookLogs;
import static org.mloop.cli.ci.CiCli.mloop;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/** `mloop ci install-hook`: a real `git push` to a bare repository starts the workflows it triggers. */
@Timeout(180)
class CiPushHookSpecTest {
  static final String WORKFLOW = """
      name: train
      on:
        push:
          branches: [main]
          paths: ['model/**']
      jobs:
        train:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - run: echo "training with $(cat model/reg_rate.txt) using ${{ secrets.MLOOP_TOKEN }}"
            - run: echo "workspace=${MLOOP_WORKSPACE:-unset}"
            - run: mloop --version
      """;

  @TempDir Path temp;

  @Test
  void aPushStartsTheTriggeredWorkflowDetachedAndAPushOutsideItsPathsStartsNothing() throws Exception {
    Path bare = temp.resolve("project.git");
    git(temp, "init", "-q", "--bare", bare.toString());
    Path ciHome = bare.resolve("mloop-ci");
    Files.createDirectories(ciHome);
    Files.writeString(ciHome.resolve("settings.yml"), "secrets: {MLOOP_TOKEN: from-settings}\n");
    CiCli.Result installed = mloop("ci", "install-hook", "--repo", bare.toString());
    assertThat(installed.exitCode()).as(installed.all()).isZero();
    assertThat(bare.resolve("hooks/post-receive")).isExecutable();

    git(temp, "clone", "-q", bare.toString(), "work");
    Path work = temp.resolve("work");
    Files.createDirectories(work.resolve(".github/workflows"));
    Files.createDirectories(work.resolve("model"));
    Files.writeString(work.resolve(".github/workflows/train.yml"), WORKFLOW);
    Files.writeString(work.resolve("model/reg_rate.txt"), "0.01\n");
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "model");
    // the pusher's own workspace and token must not reach the workflows (they come from the settings file)
    String pushed = CiCli.gitWithEnv(work, java.util.Map.of("MLOOP_WORKSPACE", "/pusher/ws", "MLOOP_TOKEN", "pusher"),
        "push", "origin", "HEAD:main");
    assertThat(pushed).contains("mloop: CI started for refs/heads/main");

    JsonNode run = awaitCompletedRun(bare, 1);
    assertThat(run.path("conclusion").asText()).as(hookLogs(ciHome)).isEqualTo("success");
    CiCli.Result followed = mloop("ci", "logs", "1", "--follow", "--repo", bare.toString());
    assertThat(followed.exitCode()).isZero();
    assertThat(followed.out()).contains("train | training with 0.01").contains("Run 1: success");
    String log = mloop("ci", "logs", "1", "--job", "train", "--repo", bare.toString()).out();
    assertThat(log).contains("training with 0.01 using ***").contains("workspace=unset")
        .contains("mloop development build");

    Files.writeString(work.resolve("README.md"), "docs\n");
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "docs only");
    String sha = git(work, "rev-parse", "HEAD").strip();
    git(work, "push", "-q", "origin", "HEAD:main");

    String hookOutput = awaitHookLog(ciHome, sha.substring(0, 12));
    assertThat(hookOutput).contains("No workflow is triggered by push to main").contains("README.md");
    assertThat(mloop("ci", "list", "--repo", bare.toString(), "--output", "json").out())
        .satisfies(json -> assertThat(Json.mapper().readTree(json)).hasSize(1));
  }

  @Test
  void aPostReceiveHookMloopDidNotWriteIsKeptUnlessForced() throws Exception {
    Path bare = temp.resolve("other.git");
    git(temp, "init", "-q", "--bare", bare.toString());
    Files.writeString(bare.resolve("hooks/post-receive"), "#!/bin/sh\necho mirror\n");

    CiCli.Result refused = mloop("ci", "install-hook", "--repo", bare.toString());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("was not written by mloop").contains("--force");
    assertThat(bare.resolve("hooks/post-receive")).content().contains("echo mirror");

    assertThat(mloop("ci", "install-hook", "--repo", bare.toString(), "--force").exitCode()).isZero();
    assertThat(mloop("ci", "install-hook", "--repo", bare.toString()).exitCode()).as("re-installing").isZero();
    assertThat(bare.resolve("hooks/post-receive")).content().contains("mloop ci run --event push")
        .doesNotContain("echo mirror");
  }

  private static JsonNode awaitCompletedRun(Path bare, int count) throws Exception {
    return CiCli.awaitRuns(bare, count).get(0);
  }

  /** The hook's log of the run started for a commit, once that run has ended (it prints its last line then). */
  private static String awaitHookLog(Path ciHome, String shaPrefix) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (true) {
      try (Stream<Path> logs = Files.list(ciHome.resolve("hook-logs"))) {
        for (Path log : logs.filter(p -> p.getFileName().toString().contains(shaPrefix)).toList()) {
          String text = Files.readString(log);
          if (text.contains("No workflow") || text.contains("Run ") || text.contains("error")) {
            return text;
          }
        }
      }
      assertThat(System.currentTimeMillis()).as("the hook's run for " + shaPrefix + " ends within 120 s")
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }
}
