package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/** What a user of `mloop data` and `mloop job` relies on, against an embedded workspace directory. */
class JobsAndDataSpecTest {
  @TempDir Path temp;
  Cli cli;
  Path jobDir;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(temp.resolve("ws").toString());
    jobDir = temp.resolve("code");
    Files.createDirectories(jobDir);
    for (String name : new String[] {"job.yml", "LogMetric.java", ".mloopignore"}) {
      try (InputStream in = getClass().getResourceAsStream("/jobs/logging/" + name)) {
        Files.copy(in, jobDir.resolve(name));
      }
    }
    Path numbers = temp.resolve("numbers");
    Files.createDirectories(numbers);
    Files.writeString(numbers.resolve("a.csv"), "x\n1\n2\n");
    Files.writeString(numbers.resolve("b.csv"), "x\n3\n");
    assertThat(cli.run("data", "create", "--name", "numbers", "--path", numbers.toString()).exitCode()).isZero();
  }

  @Test
  void dataAssetVersionsAreNumberedAndShowTheirFilesWithHashes() throws IOException {
    Path numbers = temp.resolve("numbers");
    Files.writeString(numbers.resolve("c.csv"), "x\n4\n");
    Cli.Result second = cli.run("data", "create", "--name", "numbers", "--path", numbers.toString());
    assertThat(second.out()).contains("numbers:2");

    JsonNode list = Json.mapper().readTree(cli.run("data", "list", "--output", "json").out());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("version").asInt()).isEqualTo(2);

    JsonNode v1 = Json.mapper().readTree(cli.run("data", "show", "numbers:1", "--output", "json").out());
    assertThat(v1.path("asset").path("file_count").asInt(v1.path("asset").path("fileCount").asInt())).isEqualTo(2);
    assertThat(v1.path("files")).hasSize(2);
    assertThat(v1.path("files").get(0).path("sha256").asText()).hasSize(64);

    JsonNode latest = Json.mapper().readTree(cli.run("data", "show", "numbers@latest", "--output", "json").out());
    assertThat(latest.path("files")).hasSize(3);
  }

  @Test
  void creatingADataAssetFromAMissingPathNamesThePath() {
    Cli.Result result = cli.run("data", "create", "--name", "ghost", "--path", temp.resolve("nope").toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("nope").contains("does not exist");
  }

  @Test
  void aFolderWithSymbolicLinksIsRefusedNamingThemUntilTheyAreFollowed() throws IOException {
    Path linked = Files.createDirectories(temp.resolve("linked"));
    Files.writeString(linked.resolve("own.csv"), "x\n5\n");
    Files.createSymbolicLink(linked.resolve("outside.csv"), Path.of("../numbers/a.csv"));

    Cli.Result refused = cli.run("data", "create", "--name", "linked", "--path", linked.toString());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("holds 1 symbolic link, which is not followed: 'outside.csv' -> '../numbers/a.csv'")
        .contains("Nothing was stored: replace the links with the files they point to, or store them as they are linked"
            + " with --follow-symlinks");
    assertThat(cli.run("data", "list").out()).doesNotContain("linked");

    Cli.Result followed = cli.run("data", "create", "--name", "linked", "--path", linked.toString(), "--follow-symlinks");
    assertThat(followed.exitCode()).as(followed.err()).isZero();
    assertThat(followed.out()).contains("linked:1 (uri_folder, 2 file(s), 10 bytes");
  }

  @Test
  void aNewWorkspaceCannotBeReadByOtherUsersOfTheMachine() throws IOException {
    org.assertj.core.api.Assumptions.assumeThat(org.mloop.core.files.PrivateFiles.POSIX).isTrue();
    Path ws = temp.resolve("ws");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ws)))
        .isEqualTo("rwx------");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.resolve("mloop.db"))))
        .isEqualTo("rw-------");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.resolve("artifacts"))))
        .isEqualTo("rwx------");
  }

  @Test
  void theNextCommandRemovesWhatAnInterruptedOneLeftInTheArtifactStore() throws IOException {
    Path part = Files.writeString(temp.resolve("ws/artifacts/.tmp/5f1e.part"), "half a file");
    Path orphan = Files.createDirectories(temp.resolve("ws/artifacts/models/diabetes/" + "e".repeat(64)));
    Files.writeString(orphan.resolve("MLmodel"), "copied before the process was killed");

    assertThat(cli.run("data", "list").exitCode()).isZero();
    assertThat(part).doesNotExist();
    assertThat(orphan).doesNotExist();
    assertThat(temp.resolve("ws/artifacts/data")).isNotEmptyDirectory();
  }

  @Test
  void aStreamedJobCompletesWithItsLogMetricsInputsCodeAndOutputs() throws IOException {
    Cli.Result created = cli.run("job", "create", "--file", jobDir.resolve("job.yml").toString(), "--name", "first-job",
        "--stream");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(created.out()).contains("first line").contains("a.csv").contains("logged score 0.9").contains("Completed");
    List<String> lines = created.out().lines().toList();
    assertThat(lines).as("the log as printed, then the end").containsSubsequence("first line", "a.csv", "b.csv",
        "logged score 0.9: HTTP 200", "[first-job] Completed (exit code 0)");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("[first-job] Completed (exit code 0)");

    JsonNode show = Json.mapper().readTree(cli.run("job", "show", "first-job", "--output", "json").out());
    JsonNode job = show.path("job");
    assertThat(job.path("status").asText()).isEqualTo("Completed");
    assertThat(job.path("inputs").path("numbers").path("assetVersion").asInt()).isEqualTo(1);
    assertThat(job.path("inputs").path("numbers").path("sha256").asText()).hasSize(64);
    assertThat(job.path("code").path("sha256").asText()).hasSize(64);
    assertThat(job.path("code").path("fileCount").asInt()).isEqualTo(3);
    assertThat(show.path("run").toString()).contains("\"score\"").contains("0.9").contains("alpha");

    Path download = temp.resolve("download");
    Cli.Result downloaded = cli.run("job", "download", "first-job", "--output-name", "result", "--download-path",
        download.toString());
    assertThat(downloaded.exitCode()).as(downloaded.err()).isZero();
    assertThat(Files.readString(download.resolve("result/alpha.txt")).trim()).isEqualTo("0.5");
  }

  @Test
  void setOverridesAnInputAndTheJobRecordsTheNewValue() throws IOException {
    Cli.Result created = cli.run("job", "create", "--file", jobDir.resolve("job.yml").toString(), "--name", "override",
        "--set", "inputs.alpha=0.25", "--stream");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    JsonNode show = Json.mapper().readTree(cli.run("job", "show", "override", "--output", "json").out());
    assertThat(show.path("job").path("inputs").path("alpha").path("value").asText()).isEqualTo("0.25");
    assertThat(show.path("run").toString()).contains("0.25");
  }

  @Test
  void aFailingCommandLeavesTheJobFailedWithExitCodeAndLastLines() throws IOException {
    Files.writeString(jobDir.resolve("job.yml"), Files.readString(jobDir.resolve("job.yml"))
        .replace("echo \"first line\" &&", "echo \"first line\" && echo 'something broke' && exit 3 &&"));
    Cli.Result created = cli.run("job", "create", "--file", jobDir.resolve("job.yml").toString(), "--name", "broken",
        "--stream");
    assertThat(created.exitCode()).isEqualTo(1);
    JsonNode job = Json.mapper().readTree(cli.run("job", "show", "broken", "--output", "json").out()).path("job");
    assertThat(job.path("status").asText()).isEqualTo("Failed");
    assertThat(job.path("exitCode").asInt()).isEqualTo(3);
    assertThat(job.path("error").asText()).contains("something broke");
  }

  @Test
  void aJobCannotChangeTheDataAssetItReads() throws IOException {
    JsonNode asset = Json.mapper().readTree(cli.run("data", "show", "numbers:1", "--output", "json").out()).path("asset");
    Path stored = temp.resolve("ws/artifacts").resolve(asset.path("artifactPath").asText()).resolve("a.csv");
    assertThat(Files.readString(stored)).isEqualTo("x\n1\n2\n");
    Files.writeString(jobDir.resolve("job.yml"), Files.readString(jobDir.resolve("job.yml"))
        .replace("echo \"first line\" &&", "echo tampered >> ${{inputs.numbers}}/a.csv &&"));
    Cli.Result created = cli.run("job", "create", "--file", jobDir.resolve("job.yml").toString(), "--name", "vandal",
        "--stream");
    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(Files.readString(stored)).isEqualTo("x\n1\n2\n");
  }

  @Test
  void anUnknownDataAssetIsRefusedBeforeAnythingRuns() throws IOException {
    Cli.Result created = cli.run("job", "create", "--file", jobDir.resolve("job.yml").toString(),
        "--set", "inputs.numbers=mloop:missing@latest");
    assertThat(created.exitCode()).isNotZero();
    assertThat(created.err()).contains("missing");
    assertThat(Json.mapper().readTree(cli.run("job", "list", "--output", "json").out())).isEmpty();
  }

  @Test
  void aComputeTargetTheWorkspaceLacksIsRefusedNamingTheKnownOnes() throws IOException {
    Files.writeString(jobDir.resolve("job.yml"), Files.readString(jobDir.resolve("job.yml"))
        .replace("compute: local", "compute: cpu-cluster"));
    Cli.Result created = cli.run("job", "create", "--file", jobDir.resolve("job.yml").toString());
    assertThat(created.exitCode()).isNotZero();
    assertThat(created.err()).contains("compute: 'cpu-cluster' is not available: the compute targets are local; write"
        + " one of them, or leave compute out to run on local");
    assertThat(Json.mapper().readTree(cli.run("job", "list", "--output", "json").out())).isEmpty();
  }

  @Test
  void aPlaceholderWithNoSuchInputNamesTheFileAndThePlaceholder() throws IOException {
    Files.writeString(jobDir.resolve("job.yml"), Files.readString(jobDir.resolve("job.yml"))
        .replace("${{inputs.alpha}} >", "${{inputs.alpah}} >"));
    Cli.Result created = cli.run("job", "create", "--file", jobDir.resolve("job.yml").toString());
    assertThat(created.exitCode()).isNotZero();
    assertThat(created.err()).contains("job.yml").contains("alpah");
    assertThat(Json.mapper().readTree(cli.run("job", "list", "--output", "json").out())).isEmpty();
  }

  @Test
  void twoJobsSubmittedAtOnceBothRunAndKeepTheirOwnMetrics() throws IOException {
    Path file = jobDir.resolve("job.yml");
    assertThat(cli.run("job", "create", "--file", file.toString(), "--name", "one", "--set", "inputs.alpha=1").exitCode())
        .isZero();
    assertThat(cli.run("job", "create", "--file", file.toString(), "--name", "two", "--set", "inputs.alpha=2").exitCode())
        .isZero();
    assertThat(cli.run("job", "stream", "one").exitCode()).isZero();
    assertThat(cli.run("job", "stream", "two").exitCode()).isZero();
    JsonNode one = Json.mapper().readTree(cli.run("job", "show", "one", "--output", "json").out());
    JsonNode two = Json.mapper().readTree(cli.run("job", "show", "two", "--output", "json").out());
    assertThat(one.path("run").path("data").path("params").toString()).contains("\"1\"").doesNotContain("\"2\"");
    assertThat(two.path("run").path("data").path("params").toString()).contains("\"2\"").doesNotContain("\"1\"");
    assertThat(one.path("job").path("runId").asText()).isNotEqualTo(two.path("job").path("runId").asText());
  }

  @Test
  void cancelStopsARunningJob() throws Exception {
    Path file = jobDir.resolve("job.yml");
    assertThat(cli.run("job", "create", "--file", file.toString(), "--name", "sleepy", "--set", "inputs.sleep_seconds=120")
        .exitCode()).isZero();
    waitForStatus("sleepy", "Running");
    Cli.Result canceled = cli.run("job", "cancel", "sleepy");
    assertThat(canceled.exitCode()).as(canceled.err()).isZero();
    waitForStatus("sleepy", "Canceled");
  }

  private void waitForStatus(String job, String status) throws Exception {
    String last = null;
    for (int i = 0; i < 600; i++) {
      last = Json.mapper().readTree(cli.run("job", "show", job, "--output", "json").out()).path("job").path("status").asText();
      if (last.equals(status)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + job + " never reached " + status + "; last status " + last);
  }
}
