package org.mloop.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.endpoints.EndpointInvoker;
import org.mloop.cli.endpoints.EndpointViews;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;
import org.mloop.core.workspace.Workspace;
import org.mloop.serving.protocol.Protocol;

/**
 * What the quickstart shows of the endpoint it deployed: model/sample-request.json scored on it the way a
 * client scores it, each row's predicted label and probability of diabetes, and the answer itself.
 */
final class SamplePredictions {
  /** One scored row: the sample's index, the predicted label and the probability of class 1 (diabetic). */
  record Prediction(Object row, String label, Double probabilityDiabetic) {}

  /** What the endpoint answered. */
  record Result(String endpoint, String deployment, String model, String scoringUri, int status, String requestId,
      List<Prediction> predictions, JsonNode response) {
    Map<String, Object> json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("endpoint", endpoint);
      out.put("deployment", deployment);
      out.put("model", model);
      out.put("scoring_uri", scoringUri);
      out.put("status", status);
      out.put("request_id", requestId);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Prediction p : predictions) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row", p.row());
        row.put("label", p.label());
        row.put("probability_diabetic", p.probabilityDiabetic());
        rows.add(row);
      }
      out.put("predictions", rows);
      out.put("response", response);
      return out;
    }
  }

  private SamplePredictions() {}

  /** Scores {@code sampleRequest} on {@code endpoint}, which serves {@code model}. */
  static Result invoke(Workspace ws, String endpoint, String model, Path sampleRequest) throws IOException {
    byte[] body = Files.readAllBytes(sampleRequest);
    EndpointInvoker.Response response = EndpointInvoker.invoke(ws, ws.location(), endpoint, null,
        Protocol.AZURE_SCORE, "application/json", body);
    if (!response.ok()) {
      throw new MloopException(ErrorCode.INVALID_STATE, "endpoint " + endpoint + " answered HTTP " + response.status()
          + " to " + sampleRequest + ": " + response.body());
    }
    JsonNode answer = Json.mapper().readTree(response.body());
    JsonNode index = Json.mapper().readTree(body).path("input_data").path("index");
    return new Result(endpoint, response.deployment(), model, EndpointViews.scoringUri(ws.location(), endpoint),
        response.status(), response.requestId(), predictions(answer, index), answer);
  }

  /** Azure's answer: {"predictions": [...], "probabilities": [[...]], "classes": [...]}. */
  static List<Prediction> predictions(JsonNode answer, JsonNode index) {
    List<String> classes = new ArrayList<>();
    answer.path("classes").forEach(c -> classes.add(c.asText()));
    int diabetic = classes.indexOf("1");
    List<Prediction> out = new ArrayList<>();
    JsonNode labels = answer.path("predictions");
    for (int i = 0; i < labels.size(); i++) {
      JsonNode p = answer.path("probabilities").path(i).path(diabetic);
      Object row = index.has(i) ? (index.get(i).isNumber() ? index.get(i).numberValue() : index.get(i).asText()) : i;
      out.add(new Prediction(row, labels.get(i).asText(), diabetic < 0 || p.isMissingNode() ? null : p.asDouble()));
    }
    return out;
  }

  static void print(Printer out, Result result) {
    List<List<String>> rows = new ArrayList<>();
    for (Prediction p : result.predictions()) {
      rows.add(List.of(String.valueOf(p.row()), p.label() + ("1".equals(p.label()) ? " (diabetic)" : " (not diabetic)"),
          p.probabilityDiabetic() == null ? "-" : String.format("%.4f", p.probabilityDiabetic())));
    }
    out.table(List.of("ROW", "PREDICTED", "P(DIABETIC)"), rows);
    out.line(Json.writePretty(result.response()));
  }
}
