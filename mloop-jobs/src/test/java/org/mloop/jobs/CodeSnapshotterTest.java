package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.jobs.GitState;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobEnvironment;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobSubmission;

class CodeSnapshotterTest {
  @TempDir Path dir;

  void write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** A model-like project: sources, a build folder with the shaded jar, and .mloopignore. */
  Path modelProject() throws IOException {
    write("model/pom.xml", "<project/>");
    write("model/src/main/java/diabetes/Train.java", "class Train {}");
    write("model/target/classes/diabetes/Train.class", "bytes");
    write("model/target/diabetes-model.jar", "jar");
    write("model/target/original-diabetes-model.jar", "thin jar");
    write("model/.mloopignore", "target/**\n!target/diabetes-model.jar\n");
    return dir.resolve("model");
  }

  @Test
  void listsTheFilesMloopignoreKeeps() throws IOException {
    Path model = modelProject();

    assertThat(CodeSnapshotter.listFiles(model)).containsExactly(
        ".mloopignore", "pom.xml", "src/main/java/diabetes/Train.java", "target/diabetes-model.jar");
  }

  @Test
  void symbolicLinksAreSnapshottedAsWhatTheyPointToAndABrokenOneIsRefusedUnlessIgnored() throws IOException {
    Path model = modelProject();
    write("shared/util/Util.java", "class Util {}");
    Files.createSymbolicLink(model.resolve("src/util"), Path.of("../../shared/util"));
    Files.createSymbolicLink(model.resolve("README.md"), dir.resolve("shared/util/Util.java"));

    assertThat(CodeSnapshotter.listFiles(model)).containsExactly(".mloopignore", "README.md", "pom.xml",
        "src/main/java/diabetes/Train.java", "src/util/Util.java", "target/diabetes-model.jar");

    Files.createSymbolicLink(model.resolve(".#Train.java"), Path.of("user@host.1234"));
    assertThatThrownBy(() -> CodeSnapshotter.listFiles(model)).isInstanceOf(MloopException.class)
        .hasMessageContaining("'.#Train.java' is a symbolic link to 'user@host.1234', which does not exist");
    Files.writeString(model.resolve(".mloopignore"), "target/**\n!target/diabetes-model.jar\n.#*\n");
    assertThat(CodeSnapshotter.listFiles(model)).doesNotContain(".#Train.java");
  }

  @Test
  void hashesRelativePathsAndContents() throws IOException {
    Path model = modelProject();

    CodeSnapshotter.Snapshot snapshot = CodeSnapshotter.snapshot(model);

    assertThat(snapshot.files()).contains(
        new ArtifactFile("pom.xml", false, 10L, ContentHash.ofString("<project/>")));
    assertThat(snapshot.sha256()).isEqualTo(ContentHash.ofFiles(snapshot.files()));
    assertThat(snapshot.sizeBytes()).isEqualTo(snapshot.files().stream().mapToLong(ArtifactFile::sizeBytes).sum());
    assertThat(snapshot.git()).as("not in a git repository").isNull();
  }

  @Test
  void theHashChangesWithContentOrNamesButNotWithIgnoredFiles() throws IOException {
    Path model = modelProject();
    String before = CodeSnapshotter.snapshot(model).sha256();

    write("model/target/classes/Other.class", "ignored");
    assertThat(CodeSnapshotter.snapshot(model).sha256()).isEqualTo(before);

    write("model/pom.xml", "<project>changed</project>");
    String changed = CodeSnapshotter.snapshot(model).sha256();
    assertThat(changed).isNotEqualTo(before);

    Files.move(model.resolve("pom.xml"), model.resolve("pom2.xml"));
    assertThat(CodeSnapshotter.snapshot(model).sha256()).isNotEqualTo(changed);
  }

  @Test
  void aMissingFolderIsAnError() {
    assertThatThrownBy(() -> CodeSnapshotter.listFiles(dir.resolve("nope")))
        .isInstanceOf(MloopException.class)
        .hasMessageContaining("nope does not exist");
  }

  @Test
  void readsTheGitStateOfTheRepository() throws Exception {
    Path model = modelProject();
    write(".gitignore", "target/\n");
    RevCommit commit;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", "https://someone:s3cret@github.com/org/diabetes.git");
      config.save();
      git.add().addFilepattern(".").call();
      commit = git.commit().setMessage("first").setAuthor("A", "a@example.com").setCommitter("A", "a@example.com")
          .setSign(false).call();
    }

    GitState clean = CodeSnapshotter.snapshot(model).git();

    assertThat(clean).isEqualTo(new GitState(commit.name(), "main", false, "https://github.com/org/diabetes.git"));
    assertThat(CodeSnapshotter.listFiles(model)).as(".git is never part of a snapshot")
        .noneMatch(p -> p.contains(".git/"));

    write("model/src/main/java/diabetes/Train.java", "class Train { int changed; }");
    assertThat(CodeSnapshotter.gitState(model).dirty()).isTrue();
  }

  @Test
  void dirtyCoversTheCodeFolderOnly() throws Exception {
    Path model = modelProject();
    write("docs/readme.md", "docs");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("first").setAuthor("A", "a@example.com").setCommitter("A", "a@example.com")
          .setSign(false).call();
    }

    write("docs/readme.md", "changed docs");
    write("docs/new.md", "untracked");

    assertThat(CodeSnapshotter.gitState(model).dirty()).isFalse();
    assertThat(CodeSnapshotter.gitState(dir).dirty()).isTrue();
  }

  @Test
  void aDetachedHeadHasNoBranch() throws Exception {
    write("a.txt", "a");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      RevCommit c = git.commit().setMessage("first").setAuthor("A", "a@example.com")
          .setCommitter("A", "a@example.com").setSign(false).call();
      git.checkout().setName(c.name()).call();
    }

    GitState state = CodeSnapshotter.gitState(dir);

    assertThat(state.branch()).isNull();
    assertThat(state.commit()).hasSize(40);
    assertThat(state.remoteUrl()).isNull();
  }

  @Test
  void buildsTheSubmission() throws IOException {
    Path model = modelProject();
    JobSpec spec = JobSpec.builder().code(".").command("echo").environment(new JobEnvironment("jvm-17", java.util.Map.of()))
        .build();

    JobSubmission submission = CodeSnapshotter.snapshot(model).submission(spec, "job-1");

    JobCode code = submission.code();
    assertThat(code.directory()).isEqualTo(model.toAbsolutePath().normalize());
    assertThat(code.paths()).isEqualTo(CodeSnapshotter.listFiles(model));
    assertThat(code.files()).as("each file carries its size and sha256")
        .allSatisfy(f -> assertThat(f.sha256()).isEqualTo(ContentHash.ofFile(model.resolve(f.path()))))
        .allSatisfy(f -> assertThat(f.sizeBytes()).isEqualTo(model.resolve(f.path()).toFile().length()));
    assertThat(code.sha256()).as("the snapshot's identity: the hash a workspace stores it under")
        .isEqualTo(ContentHash.ofFiles(code.files()));
    assertThat(submission.name()).isEqualTo("job-1");
  }

  @Test
  void credentialsAreRemovedFromRemoteUrls() {
    assertThat(CodeSnapshotter.withoutCredentials("https://x:y@host/r.git")).isEqualTo("https://host/r.git");
    assertThat(CodeSnapshotter.withoutCredentials("git@github.com:org/r.git")).isEqualTo("git@github.com:org/r.git");
    assertThat(CodeSnapshotter.withoutCredentials(null)).isNull();
  }
}
