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
import java.util.Optional;
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
import org.mloop.ci.runner.WorkspaceOpener;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

@Timeout(120)
class BuiltinActionsTest {
  @TempDir Path tmp;

  Path home() {
    return tmp.resolve("ci-home");
  }

  /** The mloop workspace the artifact actions use: a real local one (SQLite and a file artifact store). */
  Path workspaceDir() {
    return tmp.resolve("workspace");
  }

  /** Opened afresh for each step, as the CLI does: the action closes what it opens. */
  LocalWorkspace openWorkspace() {
    return new LocalWorkspace(workspaceDir().toString(), MetadataStores.openSqlite(workspaceDir().resolve("mloop.db")),
        new FileArtifactStore(workspaceDir().resolve("artifacts")), null, null);
  }

  RunRecord execute(Path repo, Workflow workflow, String sha) {
    return execute(repo, workflow, sha, (env, dir) -> Optional.of(openWorkspace()));
  }

  RunRecord execute(Path repo, Workflow workflow, String sha, WorkspaceOpener workspaces) {
    Event push = new Event("push", "refs/heads/main", null, sha, List.of(), Map.of());
    return new WorkflowRunner(new CiRuns(home()), repo, BuiltinActions.registry(), RunListener.none())
        .withWorkspaces(workspaces).run(workflow, push, RunnerSettings.empty());
  }

  /** A git repository (tmp/src) holding one commit of a.txt. */
  Path repoWithOneCommit() throws Exception {
    Path repo = tmp.resolve("src");
    GitRepos.commit(GitRepos.init(repo), "a.txt", "a");
    return repo;
  }

  String artifactKey(Path repo) {
    return new CiRuns(home()).artifactKey(repo.getFileName().toString());
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
  void anArtifactUploadedByOneJobIsKeptInTheWorkspaceAndDownloadedByTheJobThatNeedsIt() throws Exception {
    Path repo = repoWithOneCommit();

    RunRecord run = execute(repo, workflow(
        job("train", List.of(), Map.of("digest", "${{ steps.up.outputs.artifact-digest }}"),
            run("mkdir -p out/model && echo weights > out/model/w.txt && echo metrics > out/m.json"),
            uses("up", "actions/upload-artifact@v4", Map.of("name", "model", "path", "out/"))),
        job("deploy", List.of("train"), Map.of(),
            uses("down", "actions/download-artifact@v4", Map.of("name", "model", "path", "got")),
            run("cat got/model/w.txt got/m.json"))), null);

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(run, "deploy")).contains("weights").contains("metrics");
    String key = artifactKey(repo);
    assertThat(key).startsWith("src-");
    try (LocalWorkspace workspace = openWorkspace()) {
      assertThat(workspace.ciArtifacts().list(key, run.number())).containsExactly("model");
      List<ArtifactFile> files = workspace.ciArtifacts().listFiles(key, run.number(), "model");
      assertThat(files).extracting(ArtifactFile::path).containsExactly("m.json", "model/w.txt");
      assertThat(files.get(1).sha256()).isEqualTo(ContentHash.ofString("weights\n"));
      assertThat(run.job("train").outputs()).containsEntry("digest", ContentHash.ofFiles(files));
    }
    assertThat(workspaceDir().resolve("artifacts/ci/" + key + "/" + run.number() + "/model/model/w.txt")).exists();
    assertThat(new CiRuns(home()).runDirectory(run.number()).resolve("artifacts")).doesNotExist();
  }

  @Test
  void downloadingAnArtifactTheRunDoesNotHaveFailsListingWhatItHas() throws Exception {
    Path repo = repoWithOneCommit();

    RunRecord run = execute(repo, workflow(job("deploy",
        run("echo x > x.txt"),
        uses("up", "actions/upload-artifact@v4", Map.of("name", "logs", "path", "*.txt")),
        uses("down", "actions/download-artifact@v4", Map.of("name", "model")))), null);

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(log(run, "deploy")).contains("has no artifact 'model' (it has: logs)");
  }

  @Test
  void aLaterRunDownloadsAnEarlierRunsArtifactByRunId() throws Exception {
    Path repo = repoWithOneCommit();
    RunRecord first = execute(repo, workflow(job("gate",
        run("echo '{\"auc\": 0.84}' > gate-report.json"),
        uses("up", "actions/upload-artifact@v4", Map.of("name", "champion-gate", "path", "gate-report.json")))), null);

    RunRecord second = execute(repo, workflow(job("audit",
        uses("down", "actions/download-artifact@v4", Map.of("name", "champion-gate", "run-id",
            Integer.toString(first.number()), "path", "previous")),
        run("cat previous/gate-report.json"))), null);
    RunRecord third = execute(repo, workflow(job("audit",
        uses("down", "actions/download-artifact@v4", Map.of("name", "champion-gate")))), null);

    assertThat(second.conclusion()).as(second.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(log(second, "audit")).contains("\"auc\": 0.84").contains("of run " + first.number());
    assertThat(third.conclusion()).as("run " + third.number() + " itself has no artifact").isEqualTo(Conclusion.FAILURE);
    assertThat(log(third, "audit")).contains("run " + third.number() + " has no artifact 'champion-gate' (it has none)");
  }

  /**
   * GitHub (upload-artifact uses @actions/glob): {@code **}{@code /} matches zero or more folders, so
   * dist/**{@code /}*.jar takes dist/app.jar too, and an exclusion !**{@code /}*.tmp drops x.tmp at the root.
   */
  @Test
  void doubleStarSlashInArtifactPathsMatchesZeroFoldersToo() throws Exception {
    Path repo = repoWithOneCommit();

    RunRecord run = execute(repo, workflow(job("build",
        run("mkdir -p dist/lib && echo app > dist/app.jar && echo lib > dist/lib/lib.jar && echo t > x.tmp"
            + " && echo r > report.txt && echo n > dist/lib/notes.tmp"),
        uses("jars", "actions/upload-artifact@v4", Map.of("name", "jars", "path", "dist/**/*.jar")),
        uses("rest", "actions/upload-artifact@v4", Map.of("name", "rest", "path", "*.*\ndist/\n!**/*.tmp")))),
        null);

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    try (LocalWorkspace workspace = openWorkspace()) {
      assertThat(workspace.ciArtifacts().listFiles(artifactKey(repo), run.number(), "jars")).extracting(ArtifactFile::path)
          .containsExactly("app.jar", "lib/lib.jar");
      assertThat(workspace.ciArtifacts().listFiles(artifactKey(repo), run.number(), "rest")).extracting(ArtifactFile::path)
          .contains("report.txt", "app.jar", "lib/lib.jar").doesNotContain("x.tmp", "lib/notes.tmp");
    }
  }

  @Test
  void aSecondUploadOfTheSameNameIsRefusedUnlessItOverwrites() throws Exception {
    Path repo = repoWithOneCommit();

    RunRecord refused = execute(repo, workflow(job("build",
        run("echo one > a.txt"),
        uses("up1", "actions/upload-artifact@v4", Map.of("name", "out", "path", "a.txt")),
        uses("up2", "actions/upload-artifact@v4", Map.of("name", "out", "path", "a.txt")))), null);
    RunRecord replaced = execute(repo, workflow(job("build",
        run("echo one > a.txt && echo old > b.txt"),
        uses("up1", "actions/upload-artifact@v4", Map.of("name", "out", "path", "*.txt")),
        run("echo two > a.txt"),
        uses("up2", "actions/upload-artifact@v4", Map.of("name", "out", "path", "a.txt", "overwrite", "true")),
        uses("down", "actions/download-artifact@v4", Map.of("name", "out", "path", "got")),
        run("cat got/a.txt; echo \"count=$(ls got | wc -l)\""))), null);

    assertThat(refused.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(log(refused, "build")).contains("this run already has an artifact named 'out'");
    assertThat(replaced.conclusion()).as(replaced.error()).isEqualTo(Conclusion.SUCCESS);
    try (LocalWorkspace workspace = openWorkspace()) {
      assertThat(workspace.ciArtifacts().listFiles(artifactKey(repo), replaced.number(), "out")).extracting(ArtifactFile::path)
          .as("the overwritten artifact is the second upload alone").containsExactly("a.txt");
    }
    assertThat(log(replaced, "build")).contains("two").contains("count=1");
  }

  @Test
  void withoutAWorkspaceTheArtifactStepFailsSayingToSetMloopWorkspace() throws Exception {
    Path repo = repoWithOneCommit();

    RunRecord run = execute(repo, workflow(job("build",
        run("echo x > x.txt"),
        uses("up", "actions/upload-artifact@v4", Map.of("name", "logs", "path", "x.txt")))), null,
        WorkspaceOpener.none());

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.error()).contains("actions/upload-artifact@v4 keeps artifacts in the mloop workspace's artifact store")
        .contains("set MLOOP_WORKSPACE").contains("--workspace");
    assertThat(workspaceDir()).doesNotExist();
  }

  @Test
  void aCacheMissIsSavedFromTheSucceededJobAndRestoredByTheNextRun() throws Exception {
    Path repo = repoWithOneCommit();
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
    Path repo = repoWithOneCommit();
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
    Path repo = repoWithOneCommit();
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
    Path repo = repoWithOneCommit();

    RunRecord run = execute(repo, workflow(job("build",
        uses("j", "actions/setup-java@v4", Map.of("distribution", "temurin", "java-version", "8")))), null);

    assertThat(run.conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(log(run, "build")).contains("java-version 8 was asked for").contains("set JAVA_HOME");
  }
}
