package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.json.Json;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.InputExampleInfo;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.Lineage;

/**
 * MLflow's model registry REST API, driven by MLflow's own Java client: it has read methods
 * (getModelVersion, getLatestVersions, getModelVersionDownloadUri, searchModelVersions) and
 * none to write, so registration and aliases go through its raw sendPost/sendGet, as the issue
 * asks. Model folders are logged to the run through the artifact proxy first, as an MLflow client
 * logs them.
 */
class MlflowJavaClientRegistryTest {
  @TempDir Path dir;
  @TempDir Path modelDir;
  TestWorkspace ws;
  MlflowClient mlflow;
  HttpCalls http;
  String runId;

  @BeforeEach
  void start() throws IOException {
    ws = TestWorkspace.served(dir);
    mlflow = new MlflowClient(ws.url());
    http = ws.http();
    runId = mlflow.createRun().getRunId();
    mlflow.logParam(runId, "reg_rate", "0.01");
    mlflow.logMetric(runId, "AUC", 0.848);
    writeModelFolder(modelDir);
    logFolder(modelDir, runId, "model");
  }

  @AfterEach
  void stop() {
    mlflow.close();
    ws.close();
  }

  static void writeModelFolder(Path folder) throws IOException {
    Files.writeString(folder.resolve("model.tribuo"), "model bytes");
    Files.writeString(folder.resolve("input_example.json"), "{\"columns\":[\"Age\"],\"data\":[[50]]}");
    ModelSignature signature = new ModelSignature(List.of(ColumnSpec.of("Age", ColumnType.LONG)),
        List.of(ColumnSpec.of("Diabetic", ColumnType.LONG)));
    MlModelFiles.write(folder, MlModel.create("model", Map.of("mloop_tribuo", Map.of("model_file", "model.tribuo")),
        null, signature, InputExampleInfo.dataframeSplit("input_example.json")));
  }

  /** PUTs every file of a folder under the run's artifacts, as MLflow's log_artifacts does through the proxy. */
  void logFolder(Path folder, String run, String artifactPath) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = folder.relativize(file).toString().replace('\\', '/');
        HttpCalls.Reply put = http.put("/api/2.0/mlflow-artifacts/artifacts/0/" + run + "/artifacts/" + artifactPath
            + "/" + relative, HttpRequest.BodyPublishers.ofFile(file));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
      }
    }
  }

  JsonNode post(String endpoint, Map<String, ?> body) {
    try {
      return Json.mapper().readTree(mlflow.sendPost(endpoint, Json.write(body)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  JsonNode get(String endpointAndQuery) {
    try {
      return Json.mapper().readTree(mlflow.sendGet(endpointAndQuery));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  String register(String source) {
    JsonNode created = post("model-versions/create", Map.of("name", "diabetes", "source", source, "run_id", runId));
    return created.at("/model_version/version").asText();
  }

  @Test
  void registersFromARunsUriAndReadsTheVersionBackWithTheJavaClient() {
    post("registered-models/create", Map.of("name", "diabetes", "description", "diabetes classifier",
        "tags", List.of(Map.of("key", "team", "value", "ml"))));
    // MLflow's register_model creates the model first and goes on when it already exists: the code must say so.
    assertThatThrownBy(() -> post("registered-models/create", Map.of("name", "diabetes")))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
        });
    assertThat(register("runs:/" + runId + "/model")).isEqualTo("1");
    assertThat(register("mlflow-artifacts:/0/" + runId + "/artifacts/model")).as("numbers are consecutive")
        .isEqualTo("2");

    ModelVersion v1 = mlflow.getModelVersion("diabetes", "1");
    assertThat(v1.getName()).isEqualTo("diabetes");
    assertThat(v1.getRunId()).isEqualTo(runId);
    assertThat(v1.getStatus().name()).isEqualTo("READY");
    assertThat(v1.getCurrentStage()).isEqualTo("None");
    assertThat(v1.getSource()).matches("mlflow-artifacts:/models/diabetes/[0-9a-f]{64}");
    assertThat(mlflow.getModelVersion("diabetes", "2").getSource()).as("same files, same content address")
        .isEqualTo(v1.getSource());

    RegisteredModel model = mlflow.getRegisteredModel("diabetes");
    assertThat(model.getDescription()).isEqualTo("diabetes classifier");
    assertThat(model.getTagsList()).anySatisfy(t -> assertThat(t.getKey() + "=" + t.getValue()).isEqualTo("team=ml"));
    assertThat(model.getLatestVersionsList()).extracting(ModelVersion::getVersion).containsExactly("2");

    Lineage lineage = ws.metadata.registry().getModelVersion("diabetes", 1).orElseThrow().lineage();
    assertThat(lineage.runId()).isEqualTo(runId);
    assertThat(lineage.experimentName()).isEqualTo("Default");
    assertThat(lineage.params()).containsEntry("reg_rate", "0.01");
    assertThat(lineage.metrics()).containsEntry("AUC", 0.848);

    assertThat(mlflow.searchModelVersions("name = 'diabetes'").getItems()).extracting(ModelVersion::getVersion)
        .containsExactly("2", "1");
    assertThat(mlflow.searchModelVersions("name = 'diabetes'", 10, List.of("version_number ASC")).getItems())
        .extracting(ModelVersion::getVersion).containsExactly("1", "2");
    assertThatThrownBy(() -> mlflow.searchModelVersions("", 10, List.of("metrics.AUC DESC")))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage()).contains("version_number"));
    assertThat(mlflow.searchModelVersions("run_id = '" + runId + "' and version_number > 1").getItems())
        .extracting(ModelVersion::getVersion).containsExactly("2");
    assertThat(get("registered-models/search?filter=name%20LIKE%20%27dia%25%27").get("registered_models"))
        .extracting(m -> m.get("name").asText()).containsExactly("diabetes");
  }

  @Test
  void aliasesAreSetResolvedAndDeletedWithTheirMovesRecorded() {
    register("runs:/" + runId + "/model");
    register("runs:/" + runId + "/model");

    post("registered-models/alias", Map.of("name", "diabetes", "alias", "production", "version", "1"));
    assertThat(get("registered-models/alias?name=diabetes&alias=production").at("/model_version/version").asText())
        .isEqualTo("1");
    post("registered-models/alias", Map.of("name", "diabetes", "alias", "production", "version", "2"));
    assertThat(mlflow.getRegisteredModel("diabetes").getAliasesList())
        .extracting(a -> a.getAlias() + "->" + a.getVersion()).containsExactly("production->2");
    assertThat(mlflow.getModelVersion("diabetes", "2").getAliasesList()).containsExactly("production");

    // models:/NAME@ALIAS as a source: a new version with the aliased version's files.
    JsonNode copy = post("model-versions/create", Map.of("name", "diabetes-copy", "source", "models:/diabetes@production"));
    assertThat(copy.at("/model_version/version").asText()).isEqualTo("1");
    assertThat(copy.at("/model_version/source").asText())
        .as("the copy shares the immutable files").isEqualTo(mlflow.getModelVersion("diabetes", "2").getSource());

    HttpCalls.Reply deleted = http.method("DELETE", "/api/2.0/mlflow/registered-models/alias",
        Json.write(Map.of("name", "diabetes", "alias", "production")));
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThatThrownBy(() -> mlflow.sendGet("registered-models/alias?name=diabetes&alias=production"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(404);
          assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
        });

    List<AliasMove> moves = ws.metadata.registry().getAliasHistory("diabetes", "production");
    assertThat(moves).extracting(m -> m.fromVersion() + "->" + m.toVersion())
        .containsExactly("null->1", "1->2", "2->null");
    assertThat(moves).allSatisfy(m -> assertThat(m.who()).isEqualTo("anonymous"));
  }

  @Test
  void aliasMovesNameTheApiTokenThatMadeThem(@TempDir Path secured) throws IOException {
    try (TestWorkspace tokenWs = TestWorkspace.served(secured, ServerOptions.ephemeral().withRequireTokens(true)
        .withUploadDirectory(secured.resolve("uploads")))) {
      String token = "mloop_test_secret";
      tokenWs.metadata.tokens().createToken("ci", ContentHash.ofString(token));
      MlflowClient withToken = new MlflowClient(new BasicMlflowHostCreds(tokenWs.url(), token));
      String run = withToken.createRun().getRunId();
      HttpCalls authorized = tokenWs.http(token);
      try (Stream<Path> files = Files.walk(modelDir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(authorized.put("/api/2.0/mlflow-artifacts/artifacts/0/" + run + "/artifacts/model/"
              + file.getFileName(), HttpRequest.BodyPublishers.ofFile(file)).status()).isEqualTo(200);
        }
      }
      withToken.sendPost("model-versions/create", Json.write(Map.of("name", "diabetes", "source", "runs:/" + run + "/model")));
      withToken.sendPost("registered-models/alias", Json.write(Map.of("name", "diabetes", "alias", "staging", "version", "1")));

      assertThat(tokenWs.metadata.registry().getAliasHistory("diabetes", "staging")).extracting(AliasMove::who)
          .containsExactly("token:ci");
      withToken.close();
    }
  }

  @Test
  void downloadUriServesTheVerifiedFilesReadOnly() throws IOException {
    register("runs:/" + runId + "/model");
    String uri = mlflow.getModelVersionDownloadUri("diabetes", "1");
    assertThat(uri).startsWith("mlflow-artifacts:/models/diabetes/");

    String proxyPath = "/api/2.0/mlflow-artifacts/artifacts/" + uri.substring("mlflow-artifacts:/".length());
    HttpCalls.Reply mlmodel = http.get(proxyPath + "/MLmodel");
    assertThat(mlmodel.status()).isEqualTo(200);
    assertThat(mlmodel.body()).isEqualTo(Files.readString(modelDir.resolve("MLmodel")));
    JsonNode listing = http.get("/api/2.0/mlflow-artifacts/artifacts?path="
        + uri.substring("mlflow-artifacts:/".length())).json();
    assertThat(listing.get("files")).extracting(f -> f.get("path").asText())
        .containsExactlyInAnyOrder("MLmodel", "model.tribuo", "input_example.json");

    assertThat(register(uri)).as("a version's download URI is a valid source too").isEqualTo("2");
    assertThat(mlflow.getModelVersion("diabetes", "2").getSource()).isEqualTo(uri);

    HttpCalls.Reply overwrite = http.put(proxyPath + "/model.tribuo", HttpRequest.BodyPublishers.ofString("evil"));
    assertThat(overwrite.status()).isEqualTo(403);
    assertThat(overwrite.errorCode()).isEqualTo("PERMISSION_DENIED");
    assertThat(http.get(proxyPath + "/model.tribuo").body()).isEqualTo("model bytes");
  }

  @Test
  void transitionStageServesOldClientsThroughAliases() {
    register("runs:/" + runId + "/model");
    register("runs:/" + runId + "/model");

    JsonNode staged = post("model-versions/transition-stage", Map.of("name", "diabetes", "version", "1",
        "stage", "staging", "archive_existing_versions", false));
    assertThat(staged.at("/model_version/current_stage").asText()).isEqualTo("Staging");
    assertThat(mlflow.getLatestVersions("diabetes", List.of("Staging"))).extracting(ModelVersion::getVersion)
        .containsExactly("1");

    post("model-versions/transition-stage", Map.of("name", "diabetes", "version", "2", "stage", "Staging",
        "archive_existing_versions", true));
    assertThat(mlflow.getModelVersion("diabetes", "2").getCurrentStage()).isEqualTo("Staging");
    assertThat(mlflow.getModelVersion("diabetes", "1").getCurrentStage()).as("archived by archive_existing_versions")
        .isEqualTo("Archived");

    post("registered-models/alias", Map.of("name", "diabetes", "alias", "champion", "version", "2"));
    register("runs:/" + runId + "/model");
    assertThatThrownBy(() -> post("model-versions/transition-stage", Map.of("name", "diabetes", "version", "3",
        "stage", "Staging", "archive_existing_versions", true)))
        .as("version 2 is also the champion: refused before any alias moves")
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage()).contains("champion"));
    assertThat(mlflow.getModelVersion("diabetes", "2").getCurrentStage()).isEqualTo("Staging");

    post("model-versions/transition-stage", Map.of("name", "diabetes", "version", "2", "stage", "Production",
        "archive_existing_versions", false));
    assertThat(mlflow.getLatestVersions("diabetes")).extracting(v -> v.getVersion() + ":" + v.getCurrentStage())
        .containsExactly("1:Archived", "2:Production", "3:None");
    assertThat(ws.metadata.registry().getAliasHistory("diabetes", null)).extracting(AliasMove::reason)
        .contains("transition-stage to Staging", "transition-stage to Production");
  }

  @Test
  void badSourcesAndUnknownNamesAreRefusedWithReasons() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("no-mlmodel"));
    Files.writeString(empty.resolve("weights.bin"), "w");
    logFolder(empty, runId, "not-a-model");
    assertThatThrownBy(() -> register("runs:/" + runId + "/not-a-model"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE").contains("MLmodel");
        });

    Files.writeString(modelDir.resolve("model.tribuo"), "tampered");
    logFolder(modelDir, runId, "tampered");
    assertThatThrownBy(() -> register("runs:/" + runId + "/tampered"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage())
            .contains("model.tribuo").contains("runs:/" + runId + "/tampered"));

    assertThatThrownBy(() -> register("runs:/0123456789abcdef0123456789abcdef/model"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> register("s3://bucket/model"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage()).contains("runs:/"));
    assertThatThrownBy(() -> register("runs:/" + runId + "/nothing-here"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage()).contains("no files"));
    assertThat(ws.metadata.registry().getRegisteredModel("diabetes")).as("nothing half-registered").isEmpty();

    assertThatThrownBy(() -> mlflow.getRegisteredModel("nope"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(404);
          assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
        });
    register("runs:/" + runId + "/model");
    assertThatThrownBy(() -> mlflow.getModelVersion("diabetes", "7"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> mlflow.sendPost("registered-models/rename", "{\"name\":\"diabetes\",\"new_name\":\"x\"}"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage())
            .contains("ENDPOINT_NOT_FOUND"));
  }

  @Test
  void versionsCarryTagsAndDescriptionsAndCanBeDeleted() {
    register("runs:/" + runId + "/model");
    register("runs:/" + runId + "/model");
    post("model-versions/set-tag", Map.of("name", "diabetes", "version", "1", "key", "validated", "value", "yes"));
    post("registered-models/set-tag", Map.of("name", "diabetes", "key", "owner", "value", "ana"));
    HttpCalls.Reply patched = http.method("PATCH", "/api/2.0/mlflow/model-versions/update",
        Json.write(Map.of("name", "diabetes", "version", "1", "description", "first try")));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);

    ModelVersion v1 = mlflow.getModelVersion("diabetes", "1");
    assertThat(v1.getDescription()).isEqualTo("first try");
    assertThat(v1.getTagsList()).anySatisfy(t -> assertThat(t.getKey() + "=" + t.getValue()).isEqualTo("validated=yes"));
    assertThat(mlflow.searchModelVersions("tags.validated = 'yes'").getItems()).extracting(ModelVersion::getVersion)
        .containsExactly("1");

    HttpCalls.Reply untag = http.method("DELETE", "/api/2.0/mlflow/model-versions/delete-tag?name=diabetes&version=1"
        + "&key=validated", null);
    assertThat(untag.status()).as(untag.body()).isEqualTo(200);
    assertThat(mlflow.getModelVersion("diabetes", "1").getTagsList()).isEmpty();

    HttpCalls.Reply delete = http.method("DELETE", "/api/2.0/mlflow/model-versions/delete",
        Json.write(Map.of("name", "diabetes", "version", "1")));
    assertThat(delete.status()).as(delete.body()).isEqualTo(200);
    assertThatThrownBy(() -> mlflow.getModelVersion("diabetes", "1"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThat(register("runs:/" + runId + "/model")).as("numbers are never reused").isEqualTo("3");
  }
}
