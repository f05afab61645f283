package org.mloop.ci.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.ci.actions.Jobs.job;
import static org.mloop.ci.actions.Jobs.run;
import static org.mloop.ci.actions.Jobs.uses;
import static org.mloop.ci.actions.Jobs.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.Conclusion;
import org.mloop.ci.runner.RunListener;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.RunnerSettings;
import org.mloop.ci.runner.WorkflowRunner;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;

@Timeout(120)
class BuiltinActionsTest {
  @TempDir Path tmp;

  Path home() {
    return tmp.resolve("ci-home");
  }

  RunRecord execute(Path repo, Workflow workflow, String sha) {
    Event push = new Event("push", "refs/heads/main", null, sha, List.of(), Map.of());
    return new WorkflowRunner(new CiRuns(home()), repo, BuiltinActions.registry(), RunListener.none())
        .run(workflow, push, RunnerSettings.empty());
  }

  String log(RunRecord run, String job) {
    return new CiRuns(home()).log(run.number(), job);
  }

  @Test
  void checkoutPutsTheEventsCommitOfABareRepositoryInTheWorkspace() throws Exception {
    Git git = GitRepos.init(tmp.resolve("src"));
    RevCommit first = GitRepos.commit(git, "model/train.txt", "reg_rate 0.01\n");
    GitRepos.commit(git, "model/train.txt", "reg_rate 0.5\n");
    Path bare = GitRepos.bareClone(tmp.resolve("src"), tmp.resolve("project.git"));

    RunRecord run = execute(bare, workflow(job("build", List.of(), Map.of("commit", "${{ steps.co.outputs.commit }}"),
        uses("co", "actions/checkout@v4", Map.of()),
        run("cat model/train.txt; git rev-parse HEAD; git status --porcelain | wc -l"))), first.name());

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "build")).contains("reg_rate 0.01").doesNotContain("reg_rate 0.5")
        .contains(first.name());
    assertThat(run.job("build").outputs()).containsEntry("commit", first.name());
  }

  @Test
  void checkoutOfAWorkTreeRepositoryTakesTheCommittedFilesIntoAFolderGivenByPath() throws Exception {
    Git git = GitRepos.init(tmp.resolve("src"));
    RevCommit head = GitRepos.commit(git, "README.md", "committed\n");
    Files.writeString(tmp.resolve("src/README.md"), "uncommitted edit\n");

    RunRecord run = execute(tmp.resolve("src"), workflow(job("build",
        uses("co", "actions/checkout@v4", Map.of("path", "code", "fetch-depth", "1", "ref", "main")),
        run("cat code/README.md"))), head.name());

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "build")).contains("committed").doesNotContain("uncommitted edit");
  }

  @Test
  void checkoutOfAnUnknownCommitFailsTheStepNamingIt() throws Exception {
    Git git = GitRepos.init(tmp.resolve("src"));
    GitRepos.commit(git, "a.txt", "a");

    RunRecord run = execute(tmp.resolve("src"), workflow(job("build",
        uses("co", "actions/checkout@v4", Map.of("ref", "no-such-branch")))), null);

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(log(run, "build")).contains("'no-such-branch' is not a commit, branch or tag");
  }

  @Test
  void anArtifactUploadedByOneJobIsDownloadedByTheJobThatNeedsIt() throws Exception {
    Path repo = tmp.resolve("src");
    GitRepos.commit(GitRepos.init(repo), "a.txt", "a");

    RunRecord run = execute(repo, workflow(
        job("train", run("mkdir -p out/model && echo weights > out/model/w.txt && echo metrics > out/m.json"),
            uses("up", "actions/upload-artifact@v4", Map.of("name", "model", "path", "out/"))),
        job("deploy", List.of("train"), Map.of(),
            uses("down", "actions/download-artifact@v4", Map.of("name", "model", "path", "got")),
            run("cat got/model/w.txt got/m.json"))), null);

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "deploy")).contains("weights").contains("metrics");
    assertThat(new CiRuns(home()).runDirectory(run.number()).resolve("artifacts/model/model/w.txt")).exists();
  }

  @Test
  void downloadingAnArtifactTheRunDoesNotHaveFailsListingWhatItHas() throws Exception {
    Path repo = tmp.resolve("src");
    GitRepos.commit(GitRepos.init(repo), "a.txt", "a");

    RunRecord run = execute(repo, workflow(job("deploy",
        run("echo x > x.txt"),
        uses("up", "actions/upload-artifact@v4", Map.of("name", "logs", "path", "*.txt")),
        uses("down", "actions/download-artifact@v4", Map.of("name", "model")))), null);

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(log(run, "deploy")).contains("has no artifact 'model' (it has: logs)");
  }

  @Test
  void aCacheMissIsSavedFromTheSucceededJobAndRestoredByTheNextRun() throws Exception {
    Path repo = tmp.resolve("src");
    GitRepos.commit(GitRepos.init(repo), "a.txt", "a");
    Workflow workflow = workflow(job("build", List.of(), Map.of("hit", "${{ steps.c.outputs.cache-hit }}"),
        uses("c", "actions/cache@v4", Map.of("key", "deps-v1", "path", "deps")),
        run("if [ -f deps/lib.txt ]; then cat deps/lib.txt; else mkdir -p deps && echo downloaded-lib > deps/lib.txt; fi")));

    RunRecord first = execute(repo, workflow, null);
    RunRecord second = execute(repo, workflow, null);

    assertThat(first.job("build").outputs()).containsEntry("hit", "false");
    assertThat(second.conclusion()).as(second.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(second.job("build").outputs()).containsEntry("hit", "true");
    assertThat(log(second, "build")).contains("Cache restored from key: deps-v1").contains("downloaded-lib");
  }

  @Test
  void restoreKeysFindTheNewestEntryWithThePrefixWithoutReportingAnExactHit() throws Exception {
    Path repo = tmp.resolve("src");
    GitRepos.commit(GitRepos.init(repo), "a.txt", "a");
    execute(repo, workflow(job("seed", run("mkdir -p deps && echo old > deps/v.txt"),
        uses("s", "actions/cache/save@v4", Map.of("key", "deps-aaa", "path", "deps")))), null);

    RunRecord run = execute(repo, workflow(job("build", List.of(), Map.of("hit", "${{ steps.c.outputs.cache-hit }}",
            "matched", "${{ steps.c.outputs.cache-matched-key }}"),
        uses("c", "actions/cache/restore@v4", Map.of("key", "deps-bbb", "path", "deps", "restore-keys", "deps-\n")),
        run("cat deps/v.txt"))), null);

    assertThat(run.job("build").outputs()).containsEntry("hit", "false").containsEntry("matched", "deps-aaa");
    assertThat(log(run, "build")).contains("old");
  }

  @Test
  void setupJavaAcceptsTheRunningMajorVersionAndExportsJavaHome() throws Exception {
    Path repo = tmp.resolve("src");
    GitRepos.commit(GitRepos.init(repo), "a.txt", "a");
    String major = Integer.toString(Runtime.version().feature());

    RunRecord run = execute(repo, workflow(job("build",
        uses("j", "actions/setup-java@v4", Map.of("distribution", "temurin", "java-version", major, "cache", "maven")),
        run("echo \"home=$JAVA_HOME\"; \"$JAVA_HOME/bin/java\" -version"))), null);

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "build")).contains("cache: maven is a no-op").contains("home=/")
        .contains("version \"" + major);
  }

  @Test
  void setupJavaRefusesAnotherMajorVersionSayingWhatToDo() throws Exception {
    Path repo = tmp.resolve("src");
    GitRepos.commit(GitRepos.init(repo), "a.txt", "a");

    RunRecord run = execute(repo, workflow(job("build",
        uses("j", "actions/setup-java@v4", Map.of("distribution", "temurin", "java-version", "8")))), null);

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(log(run, "build")).contains("java-version 8 was asked for").contains("set JAVA_HOME");
  }
}
