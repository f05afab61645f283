package org.mloop.serving.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.host.Fixtures.await;
import static org.mloop.serving.host.Fixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.json.Json;

/** The host with the real codecs: the seed's sample request answered alike over /score, /invocations and /infer. */
class StandardProtocolsTest {
  static final String EP = "diabetes-staging";
  static final String[] COLUMNS = {"Pregnancies", "PlasmaGlucose", "DiastolicBloodPressure", "TricepsThickness",
      "SerumInsulin", "BMI", "DiabetesPedigree", "Age"};

  final MemoryCatalog catalog = new MemoryCatalog();
  ScoringHost host;
  ScoringServer server;
  String[] auth;

  @BeforeEach
  void serve() {
    Fixtures.registerModels(catalog);
    auth = new String[] {"Authorization", "Bearer " + catalog.createEndpoint(EP, AuthMode.KEY).keys().primary()};
    catalog.addDeployment(EP, "blue", "diabetes", 1, 100, DataCollection.OFF);
    host = ScoringHost.allEndpoints(catalog, null, HostOptions.defaults().withPollInterval(Duration.ofMillis(50)))
        .start();
    server = ScoringServer.start(host, "127.0.0.1", 0, 1);
    await("ready", () -> host.ready(EP));
  }

  @AfterEach
  void stop() {
    server.close();
    host.close();
  }

  @Test
  void theThreeFormatsGiveTheSamePredictionsForTheSampleRequest() throws IOException {
    String azureRequest = Files.readString(Path.of("..", "model", "sample-request.json"));
    JsonNode data = Json.mapper().readTree(azureRequest).get("input_data").get("data");

    HttpResponse<String> azure = post(base() + "/score", azureRequest, auth);
    assertThat(azure.statusCode()).as(azure.body()).isEqualTo(200);
    JsonNode a = Json.mapper().readTree(azure.body());

    String split = "{\"dataframe_split\": {\"columns\": " + Json.mapper().writeValueAsString(COLUMNS)
        + ", \"data\": " + data + "}}";
    HttpResponse<String> mlflow = post(base() + "/invocations", split, auth);
    assertThat(mlflow.statusCode()).as(mlflow.body()).isEqualTo(200);
    JsonNode m = Json.mapper().readTree(mlflow.body());

    StringBuilder v2 = new StringBuilder("{\"inputs\": [");
    for (int c = 0; c < COLUMNS.length; c++) {
      List<String> values = new ArrayList<>();
      int column = c;
      data.forEach(row -> values.add(row.get(indexOf(COLUMNS[column])).toString()));
      boolean integer = c != 5 && c != 6;
      v2.append(c == 0 ? "" : ",").append("{\"name\": \"").append(COLUMNS[c]).append("\", \"shape\": [")
          .append(values.size()).append("], \"datatype\": \"").append(integer ? "INT64" : "FP64")
          .append("\", \"data\": [").append(String.join(",", values)).append("]}");
    }
    v2.append("]}");
    HttpResponse<String> infer = post(base() + "/v2/models/diabetes/infer", v2.toString(), auth);
    assertThat(infer.statusCode()).as(infer.body()).isEqualTo(200);
    JsonNode outputs = Json.mapper().readTree(infer.body()).get("outputs");

    assertThat(a.get("predictions")).hasSize(3).isEqualTo(m.get("predictions"));
    assertThat(a.get("probabilities")).isEqualTo(m.get("probabilities"));
    List<String> v2Labels = new ArrayList<>();
    outputs.get(0).get("data").forEach(n -> v2Labels.add(n.asText()));
    List<String> azureLabels = new ArrayList<>();
    a.get("predictions").forEach(n -> azureLabels.add(n.asText()));
    assertThat(v2Labels).isEqualTo(azureLabels);
    assertThat(outputs.get(1).get("data").get(1).asDouble())
        .isEqualTo(a.get("probabilities").get(0).get(1).asDouble());
  }

  @Test
  void errorsComeInEachProtocolsShape() {
    HttpResponse<String> azure = post(base() + "/score", "{\"input_data\": [[1, 2]]}", auth);
    assertThat(azure.statusCode()).isEqualTo(400);
    assertThat(azure.body()).contains("\"status\":400");
    HttpResponse<String> mlflow = post(base() + "/invocations", "{}", auth);
    assertThat(mlflow.statusCode()).isEqualTo(400);
    assertThat(mlflow.body()).contains("\"error_code\":\"BAD_REQUEST\"");
    HttpResponse<String> v2 = post(base() + "/v2/models/diabetes/infer", "{}", auth);
    assertThat(v2.statusCode()).isEqualTo(400);
    assertThat(v2.body()).startsWith("{\"error\":");
  }

  private static int indexOf(String column) {
    return List.of(COLUMNS).indexOf(column);
  }

  private String base() {
    return server.url() + "/endpoints/" + EP;
  }
}
