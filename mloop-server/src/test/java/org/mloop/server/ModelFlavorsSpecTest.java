package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.json.Json;
import org.mloop.runtime.Batch;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels.Trained;

/**
 * Models trained in Python reach an endpoint the way an MLflow client sends them: a scikit-learn
 * logistic regression converted to ONNX and saved in MLflow's layout (flavors onnx and
 * python_function, no checksums) is logged to a run through the mlflow-artifacts proxy, registered
 * through MLflow's REST API, deployed, and scored over HTTP with scikit-learn's probabilities. A
 * model in a flavor mloop cannot serve (python_function over a pickle) registers as MLflow allows,
 * and its deployment is refused naming its flavor and the ones mloop serves.
 */
class ModelFlavorsSpecTest {
  private static final int TEST_ROWS = 300;

  @TempDir static Path dir;
  static TestWorkspace ws;
  static HttpCalls http;

  @BeforeAll
  static void start() {
    ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral().withUploadDirectory(dir.resolve("uploads"))
        .withEndpoints(dir.resolve("endpoint-cache")));
    http = ws.http();
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  @Test
  void aScikitLearnModelConvertedToOnnxInPythonDeploysAndScoresAsScikitLearnDoes() throws IOException {
    Assumptions.assumeTrue(SklearnOnnxModels.unavailable() == null, SklearnOnnxModels.unavailable());
    Trained trained = SklearnOnnxModels.train(dir.resolve("python"), "double", 2_000, TEST_ROWS);
    assertThat(Files.readString(trained.folder().resolve("MLmodel"))).as("saved as MLflow saves it")
        .contains("  onnx:", "  python_function:", "loader_module: mlflow.onnx").doesNotContain("checksums");

    String runId = createRun();
    logFolder(trained.folder(), runId, "model");
    assertThat(post("/api/2.0/mlflow/registered-models/create", Map.of("name", "diabetes-onnx")).status()).isEqualTo(200);
    HttpCalls.Reply created = post("/api/2.0/mlflow/model-versions/create",
        Map.of("name", "diabetes-onnx", "source", "runs:/" + runId + "/model", "run_id", runId));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().at("/model_version/status").asText()).isEqualTo("READY");
    assertThat(created.json().at("/model_version/version").asText()).isEqualTo("1");

    assertThat(post("/api/v1/endpoints", Map.of("name", "diabetes-onnx")).status()).isEqualTo(200);
    HttpCalls.Reply deployed = post("/api/v1/endpoints/diabetes-onnx/deployments",
        Map.of("name", "blue", "model", "diabetes-onnx:1"));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    String key = http.get("/api/v1/endpoints/diabetes-onnx/keys").json().path("primary_key").asText();

    Batch rows = trained.testRows();
    List<String> features = rows.columns().stream().filter(c -> !c.equals("PatientID") && !c.equals("Diabetic")).toList();
    String request = "{\"input_data\": " + rows.select(features).toDataframeSplitJson() + "}";
    HttpCalls.Reply scored = ws.http(key).post("/endpoints/diabetes-onnx/score", request);

    assertThat(scored.status()).as(scored.body()).isEqualTo(200);
    assertThat(scored.headers().firstValue("mloop-deployment")).hasValue("blue");
    JsonNode answer = scored.json();
    assertThat(answer.path("classes").toString()).isEqualTo("[0,1]");
    assertThat(answer.path("probabilities")).hasSize(TEST_ROWS);
    for (int i = 0; i < TEST_ROWS; i++) {
      for (int k = 0; k < 2; k++) {
        assertThat(answer.path("probabilities").get(i).get(k).asDouble()).as("row %d, class %d", i, k)
            .isCloseTo(trained.probabilities()[i][k], within(1e-6));
      }
      assertThat(answer.path("predictions").get(i).asText()).as("row %d's label", i).isEqualTo(trained.labels().get(i));
    }
  }

  @Test
  void aPythonFunctionOverAPickleRegistersAsMlflowAllowsButIsNotDeployed() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("pyfunc"));
    byte[] pickle = {(byte) 0x80, 4, (byte) 0x95, 2, 0, 0, 0, 0, 0, 0, 0, 0x4e, 0x2e}; // pickle.dumps(None): never read
    Files.write(folder.resolve("model.pkl"), pickle);
    Files.writeString(folder.resolve("requirements.txt"), "mlflow==2.17.2\nscikit-learn\n");
    Files.writeString(folder.resolve("MLmodel"), """
        artifact_path: model
        flavors:
          python_function:
            env:
              virtualenv: python_env.yaml
            loader_module: mlflow.sklearn
            model_path: model.pkl
            predict_fn: predict
            python_version: 3.11.2
        mlflow_version: 2.17.2
        model_uuid: 5b2e1e0d0b7c4e7f9d5c1a2b3c4d5e6f
        signature:
          inputs: '[{"type": "double", "name": "BMI", "required": true}]'
          outputs: '[{"type": "long", "required": true}]'
          params: null
        utc_time_created: '2024-10-01 12:00:00.000000'
        """);
    String runId = createRun();
    logFolder(folder, runId, "model");
    HttpCalls.Reply created = post("/api/2.0/mlflow/model-versions/create",
        Map.of("name", "diabetes-pyfunc", "source", "runs:/" + runId + "/model", "run_id", runId));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().at("/model_version/status").asText()).isEqualTo("READY");

    String download = http.get("/api/2.0/mlflow/model-versions/get-download-uri?name=diabetes-pyfunc&version=1").json()
        .path("artifact_uri").asText();
    assertThat(download).startsWith("mlflow-artifacts:/models/diabetes-pyfunc/");
    HttpCalls.Reply stored = http.get("/api/2.0/mlflow-artifacts/artifacts/"
        + download.substring("mlflow-artifacts:/".length()) + "/MLmodel");
    assertThat(stored.body()).as("checksums computed at registration, MLflow's keys kept")
        .contains("checksums:", "  model.pkl: \"" + ContentHash.ofFile(folder.resolve("model.pkl")) + "\"", "loader_module: \"mlflow.sklearn\"",
            "mlflow_version: \"2.17.2\"");

    assertThat(post("/api/v1/endpoints", Map.of("name", "diabetes-pyfunc")).status()).isEqualTo(200);
    HttpCalls.Reply refused = post("/api/v1/endpoints/diabetes-pyfunc/deployments",
        Map.of("name", "blue", "model", "diabetes-pyfunc:1"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(refused.message()).isEqualTo("model diabetes-pyfunc:1 has flavor [python_function], none of which mloop"
        + " serves; it serves mloop_tribuo, onnx (register a model saved in one of those to deploy it)");
    assertThat(ws.workspace.endpoints().listDeployments("diabetes-pyfunc")).isEmpty();
    assertThatThrownBy(() -> ws.workspace.endpoints().createDeployment(new DeploymentSpec("diabetes-pyfunc", "blue",
        "diabetes-pyfunc:1", 1, DataCollection.OFF, null)))
        .isInstanceOf(MloopException.class).hasMessageContaining("has flavor [python_function], none of which");
  }

  private static HttpCalls.Reply post(String path, Map<String, ?> body) {
    return http.post(path, Json.write(body));
  }

  private static String createRun() {
    HttpCalls.Reply run = post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", "0",
        "start_time", System.currentTimeMillis(), "run_name", "sklearn-onnx"));
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    return run.json().at("/run/info/run_id").asText();
  }

  /** PUTs every file of a folder under the run's artifacts, as MLflow's log_model does through the proxy. */
  private static void logFolder(Path folder, String runId, String artifactPath) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path file : files) {
      String relative = folder.relativize(file).toString().replace('\\', '/');
      HttpCalls.Reply put = http.put("/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/" + artifactPath
          + "/" + relative, HttpRequest.BodyPublishers.ofFile(file));
      assertThat(put.status()).as(put.body()).isEqualTo(200);
    }
  }
}
