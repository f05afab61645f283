package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.cli.ci.CiCli.git;
import static org.mloop.cli.ci.CiCli.mloop;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.app.LocalWorkspaces;
import org.mloop.ci.runner.CiRuns;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.server.MloopServer;
import org.mloop.server.ServerOptions;

/**
 * `mloop ci run` keeps upload-artifact's files in an mloop workspace: the job's MLOOP_WORKSPACE (from
 * the environment's secrets, here a real server), else the run's --workspace; with neither the step
 * fails saying what to set.
 */
@Timeout(120)
class CiArtifactsSpecTest {
  static final String WORKFLOW = """
      name: build
      on: {push: {branches: [main]}}
      jobs:
        train:
          runs-on: ubuntu-latest
          environment: staging
          env:
            MLOOP_WORKSPACE: ${{ secrets.MLOOP_WORKSPACE }}
          steps:
            - run: mkdir -p out && echo weights-v7 > out/w.txt
            - uses: actions/upload-artifact@v4
              with: {name: model, path: out/}
        deploy:
          needs: train
          runs-on: ubuntu-latest
          environment: staging
          env:
            MLOOP_WORKSPACE: ${{ secrets.MLOOP_WORKSPACE }}
          steps:
            - uses: actions/download-artifact@v4
              with: {name: model, path: got}
            - run: echo "deploying $(cat got/w.txt)"
      """;

  @TempDir Path temp;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = temp.resolve("project");
    Files.createDirectories(repo.resolve(".github/workflows"));
    Files.writeString(repo.resolve(".github/workflows/build.yml"), WORKFLOW);
    Files.writeString(repo.resolve(".gitignore"), ".mloop-ci/\n");
    git(temp, "init", "-q", "-b", "main", "project");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "workflow");
  }

  private void settings(String yaml) throws Exception {
    Files.createDirectories(repo.resolve(".mloop-ci"));
    Files.writeString(repo.resolve(".mloop-ci/settings.yml"), yaml);
  }

  private String key() {
    return new CiRuns(repo.resolve(".mloop-ci")).artifactKey("project");
  }

  @Test
  void withoutMloopWorkspaceInTheJobTheArtifactsGoToTheWorkspaceGivenToTheRun() throws Exception {
    Path workspace = temp.resolve("ws");

    CiCli.Result result = mloop("ci", "run", "--event", "push", "--repo", repo.toString(),
        "--workspace", workspace.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("deploying weights-v7");
    try (LocalWorkspace ws = LocalWorkspaces.open(workspace, null)) {
      assertThat(ws.ciArtifacts().listFiles(key(), 1, "model")).extracting(ArtifactFile::path).containsExactly("w.txt");
    }
  }

  @Test
  void theJobsMloopWorkspaceFromTheEnvironmentsSecretsWinsAndArtifactsGoThroughTheServer() throws Exception {
    Path served = temp.resolve("served");
    Path other = temp.resolve("other");
    try (LocalWorkspace workspace = LocalWorkspaces.open(served, null)) {
      MloopServer server = MloopServer.start(workspace, ServerOptions.ephemeral());
      try {
        settings("environments:\n  staging: {secrets: {MLOOP_WORKSPACE: " + server.url() + "}}\n");

        CiCli.Result result = mloop("ci", "run", "--event", "push", "--repo", repo.toString(),
            "--workspace", other.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("deploying weights-v7").contains("to the workspace ***")
            .doesNotContain(server.url());
        assertThat(workspace.ciArtifacts().list(key(), 1)).containsExactly("model");
        assertThat(other).as("the --workspace of the run is not used").doesNotExist();
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void withNoWorkspaceAtAllTheUploadFailsSayingToSetMloopWorkspace() throws Exception {
    CiCli.Result result = mloop("ci", "run", "--event", "push", "--repo", repo.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.all()).contains("keeps artifacts in the mloop workspace's artifact store")
        .contains("set MLOOP_WORKSPACE").doesNotContain("deploying");
  }
}
