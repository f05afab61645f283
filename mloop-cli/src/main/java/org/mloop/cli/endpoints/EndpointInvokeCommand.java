package org.mloop.cli.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;
import org.mloop.core.workspace.Workspace;
import org.mloop.serving.protocol.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {"Score a request file on an endpoint and print the response.",
        "Through a server workspace it POSTs to SERVER/endpoints/NAME/score (or /invocations, /v2/models/NAME/infer)"
            + " with the endpoint's primary key; on a workspace directory it scores in this process, with the same"
            + " routing, validation and data collection. The answering deployment and the request id go to stderr;"
            + " a refused request (status not 2xx) exits with 1 and its error body."},
    footer = {"", "Examples:",
        "  mloop endpoint invoke --name diabetes-prod --request-file model/sample-request.json",
        "  mloop endpoint invoke --name diabetes-prod --request-file model/sample-request.json --deployment green",
        "  mloop endpoint invoke --name diabetes-prod --request-file rows.csv --protocol invocations"
            + " --content-type text/csv"})
public final class EndpointInvokeCommand extends WorkspaceCommand {
  /** The request formats by the name users type. */
  enum Format {
    score(Protocol.AZURE_SCORE), invocations(Protocol.MLFLOW_INVOCATIONS), v2(Protocol.OPEN_INFERENCE_V2);

    final Protocol protocol;

    Format(Protocol protocol) {
      this.protocol = protocol;
    }
  }

  @Mixin EndpointName endpoint;

  @Option(names = "--request-file", required = true, paramLabel = "FILE",
      description = "The request body (for --protocol score: {\"input_data\": {\"columns\": [...], \"data\": [...]}}).")
  Path requestFile;

  @Option(names = "--deployment", paramLabel = "NAME",
      description = "Send the request to this deployment (header mloop-deployment), whatever the traffic split.")
  String deployment;

  @Option(names = "--protocol", defaultValue = "score", paramLabel = "FORMAT",
      description = "Request format: score (Azure ML), invocations (MLflow), v2 (Open Inference); "
          + "default: ${DEFAULT-VALUE}.")
  Format protocol;

  @Option(names = "--content-type", paramLabel = "TYPE",
      description = "Content type of the request (default: application/json, text/csv for a .csv file).")
  String contentType;

  private byte[] body;

  @Override
  protected void checkOptions() throws IOException {
    if (!Files.isRegularFile(requestFile)) {
      throw MloopException.invalid("request file " + requestFile + " not found (--request-file)");
    }
    body = Files.readAllBytes(requestFile);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    String type = contentType != null ? contentType
        : requestFile.getFileName().toString().toLowerCase().endsWith(".csv") ? "text/csv" : "application/json";
    EndpointInvoker.Response response =
        EndpointInvoker.invoke(ws, workspace.location(), endpoint.name, deployment, protocol.protocol, type, body);
    spec.commandLine().getErr().println((response.ok() ? "" : "error: ") + "HTTP " + response.status()
        + (response.deployment() == null ? "" : " from deployment " + response.deployment())
        + (response.requestId() == null ? "" : ", request id " + response.requestId()));
    out.line(pretty(response.body()));
    return response.ok() ? 0 : 1;
  }

  /** The body as indented JSON; as it came when it is not JSON. */
  static String pretty(String body) {
    try {
      JsonNode tree = Json.mapper().readTree(body);
      return tree == null ? body : Json.writePretty(tree);
    } catch (IOException | RuntimeException e) {
      return body;
    }
  }
}
