package org.mloop.cli.endpoints;

import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {"Change a deployment's data collection rate and/or instance count; running scoring hosts "
        + "pick the change up.",
        "The model of a deployment never changes: to serve another version, create a new deployment and shift "
            + "traffic to it."},
    footer = {"", "Examples:",
        "  mloop deployment update --endpoint diabetes-prod --name blue --data-collection 10",
        "  mloop deployment update --endpoint diabetes-prod --name blue --instance-count 2"})
public final class DeploymentUpdateCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Option(names = "--endpoint", required = true, description = "The endpoint.")
  String endpoint;

  @Option(names = "--name", required = true, description = "The deployment.")
  String name;

  @Option(names = "--data-collection", paramLabel = "PERCENT",
      description = "Share of requests collected, 0 (off) to 100.")
  Double dataCollection;

  @Option(names = "--instance-count", description = "Scoring instances (threads) per host.")
  Integer instanceCount;

  @Override
  public Integer call() {
    if (dataCollection == null && instanceCount == null) {
      throw MloopException.invalid("nothing to update: give --data-collection PERCENT and/or --instance-count N");
    }
    DataCollection collection = dataCollection == null ? null : new DataCollection(dataCollection);
    try (Workspace ws = workspace.open()) {
      Deployment d = ws.endpoints().updateDeployment(endpoint, name, instanceCount, collection);
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(d);
        return 0;
      }
      out.line("Updated deployment " + d.name() + " of endpoint " + d.endpointName());
      out.fields(List.of(new String[] {"instances", String.valueOf(d.instanceCount())},
          new String[] {"data collection", EndpointViews.collection(d)}));
    }
    return 0;
  }
}
