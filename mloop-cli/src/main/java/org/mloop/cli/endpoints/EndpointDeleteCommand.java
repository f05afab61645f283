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
import picocli.CommandLine.Option;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {"Delete an endpoint with all its deployments and their logs; its scoring URI stops answering.",
        "Asks for confirmation at a terminal; scripts pass --yes. Collected data is kept."},
    footer = {"", "Example:", "  mloop endpoint delete --name diabetes-staging --yes"})
public final class EndpointDeleteCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "The endpoint.")
  String name;

  @Mixin Confirmation confirmation;

  @Override
  protected int run(Workspace ws, Printer out) {
    List<Deployment> deployments = ws.endpoints().listDeployments(name);
    confirmation.confirm("endpoint '" + name + "'" + (deployments.isEmpty() ? " (no deployments)"
        : " and its deployments " + String.join(", ", deployments.stream().map(Deployment::name).toList())));
    ws.endpoints().delete(name);
    out.result(Map.of("deleted", name), "Deleted endpoint " + name);
    return 0;
  }
}
