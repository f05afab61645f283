package org.mloop.ci.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of workflow files read as GitHub reads it: each file on its own, so one invalid file is
 * reported with all its problems and lines while the valid ones stay runnable.
 */
class WorkflowFilesTest {
  static final String GOOD = """
      name: build
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - run: echo build
      """;

  static final Event PUSH = new Event("push", "refs/heads/main", "a1", "b2", List.of("src/Main.java"), Map.of());
  static final Event DISPATCH = new Event("workflow_dispatch", "refs/heads/main", null, "b2", List.of(), Map.of());

  @TempDir Path repo;

  void write(String name, String text) throws Exception {
    write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  void write(String name, byte[] bytes) throws Exception {
    Path dir = repo.resolve(".github/workflows");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), bytes);
  }

  InvalidWorkflow invalid(WorkflowFiles files, String name) {
    return files.invalid().stream().filter(i -> i.file().equals(Path.of(".github/workflows", name))).findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not among the invalid files " + files.invalid()));
  }

  @Test
  void aYamlSyntaxErrorLeavesTheOtherWorkflowsValidAndGivesTheParsersWholeMessageAndLine() throws Exception {
    write("build.yml", GOOD);
    write("deploy.yml", "on: push\njobs:\n  deploy:\n    runs-on: x\n   steps: []\n");

    WorkflowFiles files = WorkflowParser.readAll(repo);

    assertThat(files.workflows()).extracting(Workflow::displayName).containsExactly("build");
    InvalidWorkflow deploy = invalid(files, "deploy.yml");
    assertThat(deploy.message()).isEqualTo(".github/workflows/deploy.yml:5: invalid YAML: while parsing a block "
        + "mapping (line 3, column 3): expected <block end>, but found '<block mapping start>' (column 4)");
    assertThat(deploy.on()).as("its on: cannot be known").isNull();
    assertThat(deploy.reportedFor(PUSH)).isTrue();
    assertThat(deploy.reportedFor(DISPATCH)).isTrue();
  }

  @Test
  void aWorkflowFileOverTheYamlSizeLimitIsRefusedByItsSizeBesideTheValidOnes() throws Exception {
    write("build.yml", GOOD);
    write("huge.yml", "on: push\n# " + "x".repeat(2 * 1024 * 1024) + "\n");

    WorkflowFiles files = WorkflowParser.readAll(repo);

    assertThat(files.workflows()).extracting(Workflow::displayName).containsExactly("build");
    assertThat(invalid(files, "huge.yml").message()).isEqualTo(".github/workflows/huge.yml: is 2097164 bytes, over the"
        + " limit of 1048576 bytes for a YAML file");
  }

  @Test
  void aSchemaErrorReportsEveryProblemOfTheFileEachWithItsLine() throws Exception {
    write("build.yml", GOOD);
    write("deploy.yml", """
        on: push
        jobs:
          deploy:
            runs_on: ubuntu-latest
            steps:
              - run: echo deploy
                shel: bash
        """);

    WorkflowFiles files = WorkflowParser.readAll(repo);

    assertThat(files.workflows()).hasSize(1);
    assertThat(invalid(files, "deploy.yml").message().lines().toList()).containsExactly(
        ".github/workflows/deploy.yml:3: jobs.deploy.runs-on: is required: the runner, e.g. runs-on: ubuntu-latest "
            + "(mloop runs every job on this machine)",
        ".github/workflows/deploy.yml:4: jobs.deploy.runs_on: is not a known field (did you mean 'runs-on'?); known "
            + "fields: " + String.join(", ", JobsReader.JOB_FIELDS),
        ".github/workflows/deploy.yml:7: jobs.deploy.steps[0].shel: is not a known field (did you mean 'shell'?); "
            + "known fields: " + String.join(", ", StepsReader.STEP_FIELDS));
  }

  @Test
  void anInvalidFileWhoseOnIsReadableIsReportedOnlyForTheEventsItWouldHaveStarted() throws Exception {
    write("release.yml", """
        on:
          push:
            branches: [release]
        jobs:
          publish:
            runs-on: ubuntu-latest
            step:
              - run: echo publish
        """);

    InvalidWorkflow release = invalid(WorkflowParser.readAll(repo), "release.yml");

    assertThat(release.message()).contains("release.yml:5: jobs.publish.steps: is required").contains("release.yml:7: jobs.publish.step: is not a known field");
    assertThat(release.reportedFor(PUSH)).as("a push to main does not start it").isFalse();
    assertThat(release.reportedFor(new Event("push", "refs/heads/release", "a", "b", List.of(), Map.of()))).isTrue();
  }

  @Test
  void aBadOnIsReportedForEveryEvent() throws Exception {
    write("deploy.yml", "on: pushh\njobs:\n  deploy:\n    runs-on: x\n    steps:\n      - run: echo\n");

    InvalidWorkflow deploy = invalid(WorkflowParser.readAll(repo), "deploy.yml");

    assertThat(deploy.message()).isEqualTo(".github/workflows/deploy.yml:1: on: 'pushh' is not a GitHub Actions event "
        + "(did you mean 'push'?); mloop runs push, pull_request, workflow_dispatch and schedule");
    assertThat(deploy.reportedFor(PUSH)).isTrue();
  }

  @Test
  void emptyFilesAreInvalid() throws Exception {
    write("empty.yml", "");
    write("comments.yaml", "# to do\n");

    WorkflowFiles files = WorkflowParser.readAll(repo);

    assertThat(invalid(files, "empty.yml").message())
        .isEqualTo(".github/workflows/empty.yml: is empty: a workflow needs 'on' (the events that start it) and 'jobs'");
    assertThat(invalid(files, "comments.yaml").message()).contains("comments.yaml: is empty");
  }

  @Test
  void aBinaryFileIsNamedAsSuchAndNotShown() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) 0xff};
    write("logo.yml", png);
    write("build.yml", GOOD);

    WorkflowFiles files = WorkflowParser.readAll(repo);

    assertThat(files.workflows()).hasSize(1);
    String message = invalid(files, "logo.yml").message();
    assertThat(message).isEqualTo(".github/workflows/logo.yml:3: is a binary file (it holds NUL bytes, the first at "
        + "byte 8), not a workflow: a workflow is YAML text in UTF-8");
    assertThat(message).doesNotContain("PNG").doesNotContain("IHDR");
  }

  @Test
  void aFileThatIsNotUtf8SaysWhere() throws Exception {
    write("latin1.yml", "name: build\non: push\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(invalid(WorkflowParser.readAll(repo), "latin1.yml").message())
        .isEqualTo(".github/workflows/latin1.yml:3: is not UTF-8 text (byte 0xE9 at byte 26 is not UTF-8): a workflow "
            + "is YAML text in UTF-8; save it as UTF-8, or remove it if it is a binary file");
  }

  @Test
  void filesOfOtherExtensionsAreNotWorkflowsAsOnGitHub() throws Exception {
    write("build.yml", GOOD);
    write("deploy.yml.disabled", "on: push\njobs: {broken");
    write("README.md", "# workflows\n");
    Files.createDirectories(repo.resolve(".github/workflows/nested"));
    Files.writeString(repo.resolve(".github/workflows/nested/inner.yml"), "not: [valid");

    WorkflowFiles files = WorkflowParser.readAll(repo);

    assertThat(files.workflows()).extracting(Workflow::displayName).containsExactly("build");
    assertThat(files.invalid()).isEmpty();
    assertThat(files.ignored()).containsExactly(Path.of(".github/workflows/README.md"),
        Path.of(".github/workflows/deploy.yml.disabled"));
  }

  @Test
  void parseAllStillRefusesTheFirstInvalidFileForCallersThatNeedEveryFileValid() throws Exception {
    write("a.yml", GOOD);
    write("b.yml", "on: push\n");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkflowParser.parseAll(repo))
        .isInstanceOf(WorkflowException.class).hasMessageStartingWith(".github/workflows/b.yml:1: jobs: is required");
  }
}
