package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/** The same commands against a running `mloop server`, and what survives the server being killed. */
class ServerModeSpecTest {
  @TempDir Path temp;
  Path workspace;
  Path jobFile;

  @BeforeEach
  void setUp() throws IOException {
    workspace = temp.resolve("ws");
    Path code = temp.resolve("code");
    Files.createDirectories(code);
    for (String name : new String[] {"job.yml", "LogMetric.java", ".mloopignore"}) {
      try (InputStream in = getClass().getResourceAsStream("/jobs/logging/" + name)) {
        Files.copy(in, code.resolve(name));
      }
    }
    jobFile = code.resolve("job.yml");
    Path numbers = temp.resolve("numbers");
    Files.createDirectories(numbers);
    Files.writeString(numbers.resolve("a.csv"), "x\n1\n2\n");
  }

  @Test
  void everyCommandBehavesTheSameThroughTheServer() throws Exception {
    try (ServerProcess server = ServerProcess.start(workspace)) {
      Cli remote = new Cli(server.url());
      Cli.Result created = remote.run("data", "create", "--name", "numbers", "--path", temp.resolve("numbers").toString());
      assertThat(created.exitCode()).as(created.err()).isZero();
      assertThat(created.out()).contains("numbers:1");

      Cli.Result job = remote.run("job", "create", "--file", jobFile.toString(), "--name", "remote-job", "--stream");
      assertThat(job.exitCode()).as(job.out() + job.err()).isZero();
      assertThat(job.out()).contains("first line").contains("logged score 0.9").contains("Completed");

      JsonNode shown = Json.mapper().readTree(remote.run("job", "show", "remote-job", "--output", "json").out());
      assertThat(shown.path("job").path("status").asText()).isEqualTo("Completed");
      assertThat(shown.path("run").toString()).contains("\"score\"");

      Path download = temp.resolve("download");
      assertThat(remote.run("job", "download", "remote-job", "--output-name", "result", "--download-path",
          download.toString()).exitCode()).isZero();
      assertThat(Files.readString(download.resolve("result/alpha.txt")).trim()).isEqualTo("0.5");
    }
    // What the server recorded is the same workspace the local CLI reads.
    Cli local = new Cli(workspace.toString());
    JsonNode jobs = Json.mapper().readTree(local.run("job", "list", "--output", "json").out());
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).path("name").asText()).isEqualTo("remote-job");
  }

  @Test
  void aJobRunningWhenTheServerIsKilledEndsFailedWithItsMetricsKept() throws Exception {
    String runId;
    try (ServerProcess server = ServerProcess.start(workspace)) {
      Cli remote = new Cli(server.url());
      assertThat(remote.run("data", "create", "--name", "numbers", "--path", temp.resolve("numbers").toString())
          .exitCode()).isZero();
      assertThat(remote.run("job", "create", "--file", jobFile.toString(), "--name", "doomed",
          "--set", "inputs.sleep_seconds=300").exitCode()).isZero();
      JsonNode shown = waitForMetric(remote, "doomed");
      assertThat(shown.path("job").path("status").asText()).isEqualTo("Running");
      runId = shown.path("job").path("runId").asText();
      server.kill();
    }
    try (ServerProcess restarted = ServerProcess.start(workspace)) {
      Cli remote = new Cli(restarted.url());
      JsonNode shown = Json.mapper().readTree(remote.run("job", "show", "doomed", "--output", "json").out());
      assertThat(shown.path("job").path("status").asText()).isEqualTo("Failed");
      assertThat(shown.path("job").path("error").asText()).contains("executor");
      assertThat(shown.path("job").path("runId").asText()).isEqualTo(runId);
      assertThat(shown.path("run").path("info").path("status").asText()).isEqualTo("FAILED");
      assertThat(shown.path("run").path("data").path("metrics").toString()).contains("\"score\"").contains("0.9");
    }
  }

  private static JsonNode waitForMetric(Cli cli, String job) throws Exception {
    JsonNode shown = null;
    for (int i = 0; i < 600; i++) {
      shown = Json.mapper().readTree(cli.run("job", "show", job, "--output", "json").out());
      if (shown.path("run").path("data").path("metrics").toString().contains("\"score\"")) {
        return shown;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + job + " never logged its metric: " + shown);
  }
}
