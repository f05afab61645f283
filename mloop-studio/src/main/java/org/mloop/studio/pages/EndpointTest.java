package org.mloop.studio.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.json.Json;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import org.mloop.serving.protocol.Protocol;

/**
 * The Test tab of an endpoint: a request in one of the scoring host's three formats, its example
 * bodies (from the served model's {@code input_example.json}, else one row of zeros over its
 * signature's input columns), and the answer of the last request sent, if any.
 */
public record EndpointTest(List<Choice> protocols, String protocol, List<String> deployments, String deployment,
    String body, Map<String, String> examples, Answer answer) {

  /** A request format as the form offers it: its form value, its label and its path under the endpoint. */
  public record Choice(String value, String label, Protocol protocol) {}

  /** What the endpoint answered: status, content type, body, the deployment that answered, request id and time. */
  public record Answer(int status, String contentType, String body, String deployment, String requestId,
      double millis) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as shown: JSON indented, anything else as it came. */
    public String shownBody() {
      if (body == null || contentType == null || !contentType.startsWith("application/json")) {
        return body;
      }
      try {
        return pretty(Json.mapper().readTree(body));
      } catch (IOException | RuntimeException e) {
        return body;
      }
    }
  }

  public static final List<Choice> CHOICES = List.of(
      new Choice("azure", "Azure ML /score (input_data)", Protocol.AZURE_SCORE),
      new Choice("mlflow", "MLflow /invocations (dataframe_split)", Protocol.MLFLOW_INVOCATIONS),
      new Choice("v2", "Open Inference V2 /v2/models/M/infer", Protocol.OPEN_INFERENCE_V2));

  /** The form before any request: the Azure format with the example of the deployment with the most traffic. */
  public static EndpointTest start(Workspace workspace, String endpoint) {
    Map<String, String> examples = examples(workspace, endpoint, null);
    return new EndpointTest(CHOICES, "azure", deploymentNames(workspace, endpoint), "", examples.get("azure"),
        examples, null);
  }

  /** The form as sent, with the answer; a blank body was sent as the chosen format's example. */
  public static EndpointTest sent(Workspace workspace, String endpoint, String protocol, String deployment,
      String body, Answer answer) {
    return new EndpointTest(CHOICES, protocol, deploymentNames(workspace, endpoint), deployment == null ? "" : deployment,
        body, examples(workspace, endpoint, deployment), answer);
  }

  /** The choice of a form value; 400 naming the field for another value. */
  public static Choice choice(String value) {
    for (Choice c : CHOICES) {
      if (c.value().equals(value)) {
        return c;
      }
    }
    throw MloopException.invalid("protocol: '" + value + "' is not one of azure, mlflow, v2");
  }

  /** The path the request goes to under /endpoints/NAME (Open Inference names the endpoint as its model). */
  public static String path(Choice choice, String endpoint) {
    return choice.protocol() == Protocol.OPEN_INFERENCE_V2 ? "/v2/models/" + endpoint + "/infer"
        : choice.protocol().path();
  }

  private static List<String> deploymentNames(Workspace workspace, String endpoint) {
    return workspace.endpoints().listDeployments(endpoint).stream().map(Deployment::name).toList();
  }

  /**
   * An example body per format for the model of {@code deployment} (blank or unknown: the deployment
   * with the most live traffic, else the first).
   */
  public static Map<String, String> examples(Workspace workspace, String endpoint, String deployment) {
    Endpoint e = workspace.endpoints().get(endpoint);
    List<Deployment> all = workspace.endpoints().listDeployments(endpoint);
    Deployment target = all.stream().filter(d -> d.name().equals(deployment)).findFirst()
        .orElseGet(() -> all.stream().max(Comparator.comparingInt(d -> e.trafficOf(d.name()))).orElse(null));
    Table rows = target == null ? new Table(List.of(), List.of()) : exampleRows(workspace, target);
    Map<String, String> examples = new LinkedHashMap<>();
    examples.put("azure", pretty(wrap("input_data", rows.split())));
    examples.put("mlflow", pretty(wrap("dataframe_split", rows.split())));
    examples.put("v2", pretty(rows.tensors()));
    return examples;
  }

  /** Rows of input: column names and their values, row by row. */
  private record Table(List<String> columns, List<List<JsonNode>> data) {
    ObjectNode split() {
      ObjectNode split = JsonNodeFactory.instance.objectNode();
      ArrayNode cols = split.putArray("columns");
      columns.forEach(cols::add);
      ArrayNode rows = split.putArray("data");
      for (List<JsonNode> row : data) {
        ArrayNode r = rows.addArray();
        row.forEach(r::add);
      }
      return split;
    }

    ObjectNode tensors() {
      ObjectNode request = JsonNodeFactory.instance.objectNode();
      ArrayNode inputs = request.putArray("inputs");
      for (int c = 0; c < columns.size(); c++) {
        ObjectNode tensor = inputs.addObject();
        tensor.put("name", columns.get(c));
        tensor.putArray("shape").add(data.size());
        tensor.put("datatype", "FP64");
        ArrayNode values = tensor.putArray("data");
        for (List<JsonNode> row : data) {
          values.add(c < row.size() ? row.get(c) : JsonNodeFactory.instance.numberNode(0));
        }
      }
      return request;
    }
  }

  /** The model's saved input example (dataframe_split), else one row of zeros over its signature's inputs. */
  private static Table exampleRows(Workspace workspace, Deployment deployment) {
    try {
      ModelVersion version = workspace.registry().getVersion(deployment.model());
      MlModel model = MlModelFiles.parse(read(workspace, version, MlModelFiles.MLMODEL), MlModelFiles.MLMODEL);
      if (model.savedInputExampleInfo() != null) {
        JsonNode example = Json.mapper().readTree(read(workspace, version, model.savedInputExampleInfo().artifactPath()));
        if (example.has("dataframe_split")) {
          example = example.get("dataframe_split");
        }
        if (example.path("columns").isArray() && example.path("data").isArray()) {
          List<String> columns = new ArrayList<>();
          example.get("columns").forEach(c -> columns.add(c.asText()));
          List<List<JsonNode>> data = new ArrayList<>();
          example.get("data").forEach(row -> {
            List<JsonNode> values = new ArrayList<>();
            row.forEach(values::add);
            data.add(values);
          });
          return new Table(columns, data);
        }
      }
      if (model.signature() != null) {
        List<String> columns = model.signature().inputNames();
        List<JsonNode> zeros = columns.stream().map(c -> (JsonNode) JsonNodeFactory.instance.numberNode(0)).toList();
        return new Table(columns, List.of(zeros));
      }
    } catch (IOException | RuntimeException e) {
      // No readable MLmodel or example: the form starts with an empty table the user fills in.
    }
    return new Table(List.of(), List.of());
  }

  private static String read(Workspace workspace, ModelVersion version, String path) throws IOException {
    try (InputStream in = workspace.registry().openFile(version, path)) {
      return new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8);
    }
  }

  private static ObjectNode wrap(String field, JsonNode value) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.set(field, value);
    return request;
  }

  private static String pretty(JsonNode node) {
    return Json.writePretty(node);
  }
}
