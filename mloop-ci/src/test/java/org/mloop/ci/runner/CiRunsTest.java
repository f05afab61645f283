package org.mloop.ci.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mloop.ci.runner.TestWorkflows.job;
import static org.mloop.ci.runner.TestWorkflows.run;
import static org.mloop.ci.runner.TestWorkflows.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.core.MloopException;

@Timeout(60)
class CiRunsTest {
  @TempDir Path home;

  final Workflow workflow = workflow(job("a", run("true")), job("b", run("true")).needs("a"));
  final Event push = new Event("push", "refs/heads/main", "aaa", "bbb", List.of("model/x"), Map.of());

  @Test
  void runNumbersAreUniqueWhenManyRunsStartAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> numbers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // a CiRuns per call, as separate processes would have
      numbers.add(pool.submit(() -> new CiRuns(home).create(workflow, push).number()));
    }
    List<Integer> allocated = new ArrayList<>();
    for (Future<Integer> n : numbers) {
      allocated.add(n.get());
    }
    pool.shutdown();

    assertThat(allocated).doesNotHaveDuplicates().hasSize(40);
    assertThat(allocated).allMatch(n -> n >= 1 && n <= 40);
  }

  @Test
  void aCreatedRunIsQueuedWithItsJobsAndEventAndListsNewestFirst() {
    CiRuns runs = new CiRuns(home);
    RunRecord first = runs.create(workflow, push);
    RunRecord second = runs.create(workflow, push);

    assertThat(runs.list()).extracting(RunRecord::number).containsExactly(second.number(), first.number());
    RunRecord stored = runs.read(first.number());
    assertThat(stored.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(stored.jobs().keySet()).containsExactly("a", "b");
    assertThat(stored.event().changedFiles()).containsExactly("model/x");
    assertThat(stored.workflowFile()).isEqualTo(TestWorkflows.FILE.toString());
    assertThat(runs.log(first.number(), "a")).isEmpty();
    assertThatThrownBy(() -> runs.log(first.number(), "c")).isInstanceOf(MloopException.class)
        .hasMessageContaining("run " + first.number() + " has no job 'c'; its jobs: a, b");
  }

  @Test
  void runJsonUsesGitHubsLowerCaseNames() throws Exception {
    CiRuns runs = new CiRuns(home);
    RunRecord run = runs.create(workflow, push);

    String json = Files.readString(runs.runDirectory(run.number()).resolve("run.json"));
    assertThat(json).contains("\"status\" : \"queued\"");
  }

  @Test
  void settingsComeFromAYamlFileAndEnvironmentsOverlayTheRepository() throws Exception {
    Path file = home.resolve("ci-settings.yml");
    Files.writeString(file, """
        secrets:
          MLOOP_TOKEN: repo-token
          OTHER: other
        vars: {REGION: local}
        environments:
          production:
            required_approval: true
            secrets: {MLOOP_TOKEN: prod-token}
          staging:
            required_approval: true
            auto_approve: true
        """);

    RunnerSettings settings = RunnerSettings.load(file);

    assertThat(settings.secretsFor("production")).containsEntry("MLOOP_TOKEN", "prod-token")
        .containsEntry("OTHER", "other");
    assertThat(settings.secretsFor(null)).containsEntry("MLOOP_TOKEN", "repo-token");
    assertThat(settings.varsFor("production")).containsEntry("REGION", "local");
    assertThat(settings.needsApproval("production")).isTrue();
    assertThat(settings.needsApproval("staging")).isFalse();
    assertThat(settings.needsApproval("development")).isFalse();
    assertThat(RunnerSettings.load(home.resolve("absent.yml")).secrets()).isEmpty();
  }

  @Test
  void aMistypedSettingIsNamed() throws Exception {
    Path file = home.resolve("ci-settings.yml");
    Files.writeString(file, "environments:\n  production:\n    required_aproval: true\n");

    assertThatThrownBy(() -> RunnerSettings.load(file)).isInstanceOf(MloopException.class)
        .hasMessageContaining("ci-settings.yml").hasMessageContaining("required_aproval");
  }
}
