package org.mloop.cli.endpoints;

import java.util.List;
import java.util.Map;
import org.mloop.cli.Confirmation;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {"Delete an endpoint with all its deployments and their logs; its scoring URI stops answering.",
        "Asks for confirmation at a terminal; scripts pass --yes. Collected data is kept."},
    footer = {"", "Example:", "  mloop endpoint delete --name diabetes-staging --yes"})
public final class EndpointDeleteCommand extends WorkspaceCommand {
  @Mixin EndpointName endpoint;

  @Mixin Confirmation confirmation;

  @Override
  protected int run(Workspace ws, Printer out) {
    List<Deployment> deployments = ws.endpoints().listDeployments(endpoint.name);
    confirmation.confirm("endpoint '" + endpoint.name + "'" + (deployments.isEmpty() ? " (no deployments)"
        : " and its deployments " + String.join(", ", deployments.stream().map(Deployment::name).toList())));
    ws.endpoints().delete(endpoint.name);
    out.result(Map.of("deleted", endpoint.name), "Deleted endpoint " + endpoint.name);
    return 0;
  }
}
