package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/**
 * The project's own training job (model/job.yml) on the real dev CSV, registered from its
 * model_output: `model show` traces the version to the job, run, data asset version and hash, the
 * git commit of the code, the params and the AUC.
 */
class DiabetesModelRegistrySpecTest {
  @TempDir Path temp;

  @Test
  void theDiabetesJobsModelIsRegisteredWithItsFullLineage() throws Exception {
    Path dev = ProjectFiles.sharedDiabetes("dev");
    Path jobFile = ProjectFiles.modelJob();

    Cli cli = new Cli(temp.resolve("ws").toString());
    assertThat(cli.run("data", "create", "--name", "diabetes-dev-folder", "--path", dev.toString()).exitCode()).isZero();
    Cli.Result job = cli.run("job", "create", "--file", jobFile.toString(), "--name",
        "dev-lr", "--stream");
    assertThat(job.exitCode()).as(job.out() + job.err()).isZero();

    Cli.Result registered = cli.run("model", "register", "--name", "diabetes", "--from-job", "dev-lr",
        "--output-name", "model_output");
    assertThat(registered.exitCode()).as(registered.out() + registered.err()).isZero();
    assertThat(cli.run("model", "alias", "set", "--name", "diabetes", "--alias", "staging", "--version", "1",
        "--reason", "first candidate").exitCode()).isZero();

    JsonNode lineage = Json.mapper().readTree(cli.run("model", "show", "diabetes@staging", "--output", "json").out())
        .path("modelVersion").path("lineage");
    assertThat(lineage.path("jobName").asText()).isEqualTo("dev-lr");
    assertThat(lineage.path("dataInputs").get(0).path("assetName").asText()).isEqualTo("diabetes-dev-folder");
    assertThat(lineage.path("dataInputs").get(0).path("sha256").asText()).hasSize(64);
    assertThat(lineage.path("gitCommit").asText()).hasSize(40);
    assertThat(lineage.path("params").path("reg_rate").asText()).isEqualTo("0.01");
    assertThat(lineage.path("metrics").path("AUC").asDouble()).isGreaterThan(0.5);

    Cli.Result shown = cli.run("model", "show", "diabetes@staging");
    assertThat(shown.out()).contains("staging").contains("dev-lr").contains("mloop:diabetes-dev-folder:1")
        .contains("git:").contains("reg_rate").contains("AUC").contains("MLmodel");

    // The same folder registered from a download keeps the lineage: its MLmodel names the job's run.
    Path downloaded = temp.resolve("downloaded");
    assertThat(cli.run("job", "download", "dev-lr", "--output-name", "model_output", "--download-path",
        downloaded.toString()).exitCode()).isZero();
    assertThat(cli.run("model", "register", "--name", "diabetes-copy", "--path",
        downloaded.resolve("model_output").toString()).exitCode()).isZero();
    JsonNode copied = Json.mapper().readTree(cli.run("model", "show", "diabetes-copy:1", "--output", "json").out())
        .path("modelVersion").path("lineage");
    assertThat(copied.path("jobName").asText()).isEqualTo("dev-lr");
    assertThat(copied.path("dataInputs").get(0).path("assetName").asText()).isEqualTo("diabetes-dev-folder");
    assertThat(copied.path("codeSha256").asText()).hasSize(64);
  }
}
