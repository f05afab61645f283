package org.mloop.cli.endpoints;

import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List an endpoint's deployments with their model versions and traffic shares.",
    footer = {"", "Examples:", "  mloop deployment list --endpoint diabetes-prod",
        "  mloop deployment list --endpoint diabetes-prod --output json"})
public final class DeploymentListCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Option(names = "--endpoint", required = true, description = "The endpoint.")
  String endpoint;

  @Override
  public Integer call() {
    try (Workspace ws = workspace.open()) {
      Endpoint e = ws.endpoints().get(endpoint);
      List<Deployment> deployments = ws.endpoints().listDeployments(endpoint);
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(deployments);
        return 0;
      }
      out.table(EndpointViews.deploymentHeader(),
          deployments.stream().map(d -> EndpointViews.deploymentRow(d, e)).toList());
    }
    return 0;
  }
}
