package org.mloop.cli.endpoints;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List an endpoint's deployments with their model versions and traffic shares.",
    footer = {"", "Examples:", "  mloop deployment list --endpoint diabetes-prod",
        "  mloop deployment list --endpoint diabetes-prod --output json"})
public final class DeploymentListCommand extends WorkspaceCommand {
  @Option(names = "--endpoint", required = true, description = "The endpoint.")
  String endpoint;

  @Override
  protected int run(Workspace ws, Printer out) {
    Endpoint e = ws.endpoints().get(endpoint);
    List<Deployment> deployments = ws.endpoints().listDeployments(endpoint);
    out.result(deployments, () -> {
      out.table(EndpointViews.deploymentHeader(),
          deployments.stream().map(d -> EndpointViews.deploymentRow(d, e)).toList());
    });
    return 0;
  }
}
