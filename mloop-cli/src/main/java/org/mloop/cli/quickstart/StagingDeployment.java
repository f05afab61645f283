package org.mloop.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
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
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.json.Json;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import org.mloop.serving.protocol.Protocol;

/**
 * The quickstart's outer loop: deploys a model version to the staging endpoint (creating it, or
 * reusing it on a workspace that already has it) and scores model/sample-request.json on it.
 *
 * <p>A new version goes to whichever of blue and green is free, with all traffic, the way a
 * blue/green rollout ends; a version already deployed is reused. Data collection is on at 100%:
 * staging sees little traffic, and the monitoring step needs its inputs and outputs.
 */
final class StagingDeployment {
  static final String ENDPOINT = "diabetes-staging";
  private static final double COLLECT_PERCENT = 100;

  /** One scored row: the sample's index, the predicted label and the probability of class 1 (diabetic). */
  record Prediction(Object row, String label, Double probabilityDiabetic) {}

  /** What was deployed and what the endpoint answered. */
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

  private final Workspace ws;
  private final PrintStream progress;

  StagingDeployment(Workspace ws, PrintStream progress) {
    this.ws = ws;
    this.progress = progress;
  }

  Result deployAndInvoke(ModelVersion version, String requested, Path sampleRequest) throws IOException {
    Endpoint endpoint = endpoint();
    Deployment deployment = deploy(endpoint, version, requested);
    progress.println("   deployment " + deployment.name() + " serves " + deployment.modelName() + ":"
        + deployment.modelVersion() + " with 100% of the traffic, data collection "
        + (long) deployment.dataCollection().samplePercent() + "%");
    byte[] body = Files.readAllBytes(sampleRequest);
    EndpointInvoker.Response response = EndpointInvoker.invoke(ws, ws.location(), ENDPOINT, null,
        Protocol.AZURE_SCORE, "application/json", body);
    if (!response.ok()) {
      throw new MloopException(ErrorCode.INVALID_STATE, "endpoint " + ENDPOINT + " answered HTTP " + response.status()
          + " to " + sampleRequest + ": " + response.body());
    }
    JsonNode answer = Json.mapper().readTree(response.body());
    JsonNode index = Json.mapper().readTree(body).path("input_data").path("index");
    return new Result(ENDPOINT, response.deployment(), deployment.modelName() + ":" + deployment.modelVersion(),
        EndpointViews.scoringUri(ws.location(), ENDPOINT), response.status(), response.requestId(),
        predictions(answer, index), answer);
  }

  private Endpoint endpoint() {
    try {
      Endpoint e = ws.endpoints().get(ENDPOINT);
      progress.println("   endpoint " + ENDPOINT + " exists: reusing it");
      return e;
    } catch (MloopException e) {
      if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw e;
      }
    }
    Endpoint created = ws.endpoints().create(ENDPOINT, "Staging: the model the champion gate promoted, tested before "
        + "production", AuthMode.KEY);
    progress.println("   created endpoint " + ENDPOINT + " (key auth)");
    return created;
  }

  /** The deployment serving {@code version} with all live traffic. */
  private Deployment deploy(Endpoint endpoint, ModelVersion version, String requested) {
    List<Deployment> existing = ws.endpoints().listDeployments(ENDPOINT);
    for (Deployment d : existing) {
      if (d.modelName().equals(version.name()) && d.modelVersion() == version.version()) {
        if (endpoint.trafficOf(d.name()) != 100) {
          allTrafficTo(d.name(), existing);
        }
        return d;
      }
    }
    String name = free(existing, "blue") ? "blue" : free(existing, "green") ? "green" : null;
    if (name == null) {
      // Both colours are taken by other versions: replace the one with less traffic.
      name = endpoint.trafficOf("green") <= endpoint.trafficOf("blue") ? "green" : "blue";
      allTrafficTo(name.equals("green") ? "blue" : "green", existing);
      ws.endpoints().deleteDeployment(ENDPOINT, name);
    }
    return ws.endpoints().createDeployment(new DeploymentSpec(ENDPOINT, name, requested, 1, new DataCollection(COLLECT_PERCENT),
        100));
  }

  private static boolean free(List<Deployment> deployments, String name) {
    return deployments.stream().noneMatch(d -> d.name().equals(name));
  }

  private void allTrafficTo(String name, List<Deployment> deployments) {
    Map<String, Integer> traffic = new LinkedHashMap<>();
    deployments.forEach(d -> traffic.put(d.name(), 0));
    traffic.put(name, 100);
    ws.endpoints().updateTraffic(ENDPOINT, traffic, null);
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

  /** The version to deploy: @staging when the gate promoted it (or an earlier run did), else the candidate. */
  static String modelToDeploy(Workspace ws, String model, ModelVersion candidate, boolean promoted, PrintStream progress) {
    String staging = model + "@staging";
    if (promoted) {
      return staging;
    }
    try {
      ws.registry().getVersion(ModelRef.parse(staging));
      progress.println("   the gate did not promote " + candidate.ref() + "; deploying the current " + staging);
      return staging;
    } catch (MloopException e) {
      if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw e;
      }
    }
    progress.println("   " + staging + " does not exist (the gate did not pass): deploying the candidate "
        + candidate.ref() + " instead");
    return model + ":" + candidate.version();
  }
}
