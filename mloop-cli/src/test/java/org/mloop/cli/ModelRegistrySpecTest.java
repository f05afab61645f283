package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;

/**
 * What a user of `mloop model` relies on: registering from a real job output or a folder, lineage
 * in `model show`, promotion by aliases with their history, archive, download and refusals; the
 * same through a running server.
 */
class ModelRegistrySpecTest {
  @TempDir Path temp;
  Cli cli;
  Path jobFile;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(temp.resolve("ws").toString());
    Path code = temp.resolve("code");
    Files.createDirectories(code);
    for (String name : new String[] {"job.yml", "LogMetric.java", ".mloopignore"}) {
      try (InputStream in = getClass().getResourceAsStream("/jobs/logging/" + name)) {
        Files.copy(in, code.resolve(name));
      }
    }
    // The test job also "trains" a model: it copies a model folder from its code into a second output.
    writeModelFolder(code.resolve("model"), "weights v1");
    jobFile = code.resolve("job.yml");
    Files.writeString(jobFile, Files.readString(jobFile)
        .replace("sleep ${{inputs.sleep_seconds}}", "sleep ${{inputs.sleep_seconds}} && cp -R model/. ${{outputs.model_output}}/")
        .replace("outputs:\n", "outputs:\n  model_output:\n    type: uri_folder\n"));
    Path numbers = temp.resolve("numbers");
    Files.createDirectories(numbers);
    Files.writeString(numbers.resolve("a.csv"), "x\n1\n2\n");
  }

  /** A valid model folder: MLmodel with a flavor, a typed signature and the sha256 of every file. */
  static Path writeModelFolder(Path dir, String weights) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("model.bin"), weights);
    ModelSignature signature = new ModelSignature(
        List.of(ColumnSpec.of("Pregnancies", ColumnType.LONG), ColumnSpec.of("BMI", ColumnType.DOUBLE)),
        List.of(ColumnSpec.of("Diabetic", ColumnType.LONG)));
    MlModelFiles.write(dir, MlModel.create("model", Map.of("mloop_test", Map.of("model_file", "model.bin")), null,
        signature, null));
    return dir;
  }

  private static JsonNode json(Cli.Result result) throws IOException {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    return Json.mapper().readTree(result.out());
  }

  private void runJob(Cli c, String name) {
    Cli.Result job = c.run("job", "create", "--file", jobFile.toString(), "--name", name, "--stream");
    assertThat(job.exitCode()).as(job.out() + job.err()).isZero();
  }

  @Test
  void aModelRegisteredFromAJobShowsItsLineage() throws IOException {
    assertThat(cli.run("data", "create", "--name", "numbers", "--path", temp.resolve("numbers").toString()).exitCode())
        .isZero();
    runJob(cli, "train-1");

    Cli.Result registered = cli.run("model", "register", "--name", "diabetes", "--from-job", "train-1",
        "--output-name", "model_output", "--description", "first try", "--tag", "candidate=yes");
    assertThat(registered.exitCode()).as(registered.err()).isZero();
    assertThat(registered.out()).contains("Registered model diabetes:1").contains("from job train-1");

    JsonNode shown = json(cli.run("model", "show", "diabetes:1", "--output", "json"));
    JsonNode version = shown.path("modelVersion");
    JsonNode lineage = version.path("lineage");
    assertThat(version.path("status").asText()).isEqualTo("READY");
    assertThat(version.path("source").asText()).startsWith("models/diabetes/");
    assertThat(lineage.path("jobName").asText()).isEqualTo("train-1");
    assertThat(lineage.path("runId").asText()).hasSize(32);
    assertThat(lineage.path("experimentName").asText()).isEqualTo("cli-spec");
    assertThat(lineage.path("dataInputs").get(0).path("assetName").asText()).isEqualTo("numbers");
    assertThat(lineage.path("dataInputs").get(0).path("assetVersion").asInt()).isEqualTo(1);
    String dataSha = lineage.path("dataInputs").get(0).path("sha256").asText();
    assertThat(dataSha).hasSize(64);
    assertThat(lineage.path("codeSha256").asText()).hasSize(64);
    assertThat(lineage.path("params").path("alpha").asText()).isEqualTo("0.5");
    assertThat(lineage.path("metrics").path("score").asDouble()).isEqualTo(0.9);
    assertThat(shown.path("files").toString()).contains("MLmodel").contains("model.bin");

    Cli.Result table = cli.run("model", "show", "diabetes");
    assertThat(table.out()).contains("version:").contains("READY").contains("train-1").contains("mloop:numbers:1")
        .contains(dataSha).contains("alpha").contains("0.5").contains("score").contains("0.9").contains("first try")
        .contains("candidate");
  }

  @Test
  void aliasesPromoteVersionsAndHistoryKeepsTheTrail() throws IOException {
    Path v1 = writeModelFolder(temp.resolve("m1"), "weights v1");
    Path v2 = writeModelFolder(temp.resolve("m2"), "weights v2");
    assertThat(json(cli.run("model", "register", "--name", "diabetes", "--path", v1.toString(), "--output", "json"))
        .path("version").asInt()).isEqualTo(1);
    assertThat(json(cli.run("model", "register", "--name", "diabetes", "--path", v2.toString(), "--output", "json"))
        .path("version").asInt()).isEqualTo(2);

    assertThat(cli.run("model", "alias", "set", "--name", "diabetes", "--alias", "production", "--version", "1",
        "--reason", "first release").out()).contains("(new) -> version 1");
    assertThat(cli.run("model", "alias", "set", "--name", "diabetes", "--alias", "production", "--version", "2",
        "--reason", "better AUC").out()).contains("version 1 -> version 2");
    assertThat(cli.run("model", "alias", "set", "--name", "diabetes", "--alias", "staging", "--version", "2").exitCode())
        .isZero();
    assertThat(cli.run("model", "alias", "delete", "--name", "diabetes", "--alias", "staging", "--reason", "done")
        .exitCode()).isZero();

    JsonNode production = json(cli.run("model", "show", "diabetes@production", "--output", "json"));
    assertThat(production.path("modelVersion").path("version").asInt()).isEqualTo(2);
    assertThat(cli.run("model", "show", "diabetes@production").out()).contains("production");

    Cli.Result history = cli.run("model", "history", "diabetes");
    assertThat(history.out().lines().skip(1).toList()).hasSize(4);
    assertThat(history.out()).contains("first release").contains("better AUC").contains("(deleted)")
        .contains(System.getProperty("user.name"));
    JsonNode moves = json(cli.run("model", "history", "diabetes", "--alias", "production", "--output", "json"));
    assertThat(moves).hasSize(2);
    assertThat(moves.get(1).path("fromVersion").asInt()).isEqualTo(1);
    assertThat(moves.get(1).path("toVersion").asInt()).isEqualTo(2);

    Cli.Result refused = cli.run("model", "archive", "diabetes:2");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("production");
    assertThat(cli.run("model", "archive", "diabetes:1").exitCode()).isZero();
    assertThat(cli.run("model", "list", "diabetes").out()).contains("ARCHIVED").contains("production");
    assertThat(cli.run("model", "list").out()).contains("diabetes").contains("production=2");

    assertThat(cli.run("model", "update", "diabetes", "--description", "Diabetes classifier", "--tag", "team=health")
        .exitCode()).isZero();
    JsonNode models = json(cli.run("model", "list", "--output", "json"));
    assertThat(models.get(0).path("description").asText()).isEqualTo("Diabetes classifier");
    assertThat(models.get(0).path("tags").path("team").asText()).isEqualTo("health");

    Path download = temp.resolve("download");
    assertThat(cli.run("model", "download", "diabetes@production", "--path", download.toString()).exitCode()).isZero();
    assertThat(Files.readString(download.resolve("model.bin"))).isEqualTo("weights v2");
    assertThat(download.resolve("MLmodel")).exists();
  }

  @Test
  void foldersThatAreNotValidModelsAreRefusedAndNothingIsRegistered() throws IOException {
    Path empty = temp.resolve("not-a-model");
    Files.createDirectories(empty);
    Files.writeString(empty.resolve("weights.bin"), "x");
    Cli.Result noMlmodel = cli.run("model", "register", "--name", "diabetes", "--path", empty.toString());
    assertThat(noMlmodel.exitCode()).isNotZero();
    assertThat(noMlmodel.err()).contains("no MLmodel");

    Path tampered = writeModelFolder(temp.resolve("tampered"), "weights");
    Files.writeString(tampered.resolve("model.bin"), "changed after the MLmodel was written");
    Cli.Result mismatch = cli.run("model", "register", "--name", "diabetes", "--path", tampered.toString());
    assertThat(mismatch.exitCode()).isNotZero();
    assertThat(mismatch.err()).contains("checksum mismatch").contains("model.bin");

    Path badSignature = writeModelFolder(temp.resolve("bad-signature"), "weights");
    Path mlmodel = badSignature.resolve("MLmodel");
    Files.writeString(mlmodel, Files.readString(mlmodel).replaceAll("(?m)^signature:\\n(  .*\\n)*", ""));
    Cli.Result noSignature = cli.run("model", "register", "--name", "diabetes", "--path", badSignature.toString());
    assertThat(noSignature.exitCode()).isNotZero();
    assertThat(noSignature.err()).contains("signature");

    assertThat(json(cli.run("model", "list", "--output", "json"))).isEmpty();
    Cli.Result missing = cli.run("model", "show", "diabetes@production");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("'diabetes' not found");
  }

  @Test
  void everyModelCommandWorksThroughTheServer() throws Exception {
    try (ServerProcess server = ServerProcess.start(temp.resolve("ws"))) {
      Cli remote = new Cli(server.url());
      assertThat(remote.run("data", "create", "--name", "numbers", "--path", temp.resolve("numbers").toString())
          .exitCode()).isZero();
      runJob(remote, "remote-train");
      assertThat(json(remote.run("model", "register", "--name", "diabetes", "--from-job", "remote-train",
          "--output", "json")).path("version").asInt()).isEqualTo(1);
      Path folder = writeModelFolder(temp.resolve("m2"), "weights v2");
      assertThat(json(remote.run("model", "register", "--name", "diabetes", "--path", folder.toString(),
          "--output", "json")).path("version").asInt()).isEqualTo(2);
      assertThat(remote.run("model", "alias", "set", "--name", "diabetes", "--alias", "staging", "--version", "1",
          "--reason", "smoke test").exitCode()).isZero();

      JsonNode staging = json(remote.run("model", "show", "diabetes@staging", "--output", "json"));
      assertThat(staging.path("modelVersion").path("lineage").path("dataInputs").get(0).path("assetName").asText())
          .isEqualTo("numbers");
      assertThat(staging.path("modelVersion").path("aliases").get(0).asText()).isEqualTo("staging");
      assertThat(remote.run("model", "history", "diabetes").out()).contains("smoke test").contains("staging");
      assertThat(remote.run("model", "archive", "diabetes:2").exitCode()).isZero();
      assertThat(json(remote.run("model", "show", "diabetes", "--output", "json")).path("modelVersion")
          .path("version").asInt()).as("latest skips the archived version").isEqualTo(1);

      Path download = temp.resolve("download");
      assertThat(remote.run("model", "download", "diabetes@staging", "--path", download.toString()).exitCode()).isZero();
      assertThat(Files.readString(download.resolve("model.bin"))).isEqualTo("weights v1");

      Cli.Result refused = remote.run("model", "register", "--name", "diabetes", "--from-job", "remote-train",
          "--output-name", "result");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err()).contains("not a model folder").contains("no MLmodel");
    }
  }
}
