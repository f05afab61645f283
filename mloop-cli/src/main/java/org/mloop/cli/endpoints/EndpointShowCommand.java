package org.mloop.cli.endpoints;

import java.util.ArrayList;
import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {"Show an endpoint: its scoring URI, auth mode, traffic and mirror split, and deployments.",
        "Through a server the URI is SERVER/endpoints/NAME/score; for a workspace directory it is the URI of "
            + "`mloop serve --endpoint NAME` (port " + EndpointViews.DEFAULT_SERVE_PORT + " unless --port says "
            + "otherwise). The keys are not shown here: see get-keys."},
    footer = {"", "Examples:", "  mloop endpoint show --name diabetes-prod",
        "  mloop endpoint show --name diabetes-prod --output json"})
public final class EndpointShowCommand extends WorkspaceCommand {
  @Mixin EndpointName endpoint;

  @Override
  protected int run(Workspace ws, Printer out) {
    Endpoint e = ws.endpoints().get(endpoint.name);
    List<Deployment> deployments = ws.endpoints().listDeployments(endpoint.name);
    out.result(EndpointViews.json(e, ws.location(), deployments), () -> {
      out.fields(EndpointViews.fields(e, ws.location()));
      out.line("");
      out.line("Deployments:");
      if (deployments.isEmpty()) {
        out.line("  (none yet: mloop deployment create --endpoint " + e.name() + " --name blue --model NAME@ALIAS)");
      } else {
        out.table(indent(EndpointViews.deploymentHeader()),
            deployments.stream().map(d -> indent(EndpointViews.deploymentRow(d, e))).toList());
      }
    });
    return 0;
  }

  private static List<String> indent(List<String> row) {
    List<String> out = new ArrayList<>(row);
    out.set(0, "  " + out.get(0));
    return out;
  }
}
