package org.mloop.ci.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;

class ChangedFilesTest {
  @TempDir
  Path tmp;

  Path work;
  Git git;
  RevCommit first;

  @BeforeEach
  void repository() throws Exception {
    work = tmp.resolve("work");
    git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    write("README.md", "mloop");
    write("model/job.yml", "type: command");
    first = commit("first");
  }

  @Test
  void anUpdateComparesTheTwoCommitsTrees() throws Exception {
    write("model/job.yml", "type: command\ncompute: local");
    commit("tune");
    write("docs/notes.md", "notes");
    Files.delete(work.resolve("README.md"));
    RevCommit last = commit("docs");
    assertThat(ChangedFiles.between(work, first.name(), last.name()))
        .containsExactly("README.md", "docs/notes.md", "model/job.yml");
  }

  @Test
  void aRenameChangesBothNames() throws Exception {
    Files.move(work.resolve("model/job.yml"), work.resolve("model/train.yml"));
    RevCommit moved = commit("rename");
    assertThat(ChangedFiles.between(work, first.name(), moved.name()))
        .containsExactly("model/job.yml", "model/train.yml");
  }

  @Test
  void aNewBranchTakesTheFilesOfItsOwnCommits() throws Exception {
    git.checkout().setCreateBranch(true).setName("feature").call();
    write("model/src/Train.java", "class Train {}");
    commit("train");
    write("model/job.yml", "type: command\n# tuned");
    RevCommit tip = commit("tune");
    assertThat(ChangedFiles.between(work, ChangedFiles.ZERO, tip.name()))
        .as("main already has the first commit: only the branch's commits count")
        .containsExactly("model/job.yml", "model/src/Train.java");
  }

  @Test
  void theFirstPushOfARepositoryTakesEveryFile() throws Exception {
    Path bare = tmp.resolve("origin.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
    git.push().setRemote("origin").setRefSpecs(new RefSpec("main:main")).call();
    assertThat(ChangedFiles.between(bare, ChangedFiles.ZERO, first.name()))
        .containsExactly("README.md", "model/job.yml");

    write("model/job.yml", "type: command\n# v2");
    RevCommit second = commit("v2");
    git.push().setRemote("origin").setRefSpecs(new RefSpec("main:main")).call();
    assertThat(ChangedFiles.between(bare, first.name(), second.name())).as("a bare repository, as in a hook")
        .containsExactly("model/job.yml");
  }

  @Test
  void aDeletedBranchChangesNothing() {
    assertThat(ChangedFiles.between(work, first.name(), ChangedFiles.ZERO)).isEmpty();
  }

  @Test
  void anUnknownCommitIsNamed() {
    assertThatThrownBy(() -> ChangedFiles.between(work, "1234567", first.name()))
        .isInstanceOf(MloopException.class)
        .hasMessageStartingWith("the before commit '1234567' is not in ");
  }

  private void write(String path, String text) throws IOException {
    Path file = work.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private RevCommit commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setAuthor("Data Scientist", "ds@example.org")
        .setCommitter("Data Scientist", "ds@example.org").setSign(false).call();
  }
}
