package org.mloop.cli.endpoints;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
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
public final class DeploymentUpdateCommand extends WorkspaceCommand {
  @Mixin DeploymentName deployment;

  @Option(names = "--data-collection", paramLabel = "PERCENT",
      description = "Share of requests collected, 0 (off) to 100.")
  Double dataCollection;

  @Option(names = "--instance-count", description = "Scoring instances (threads) per host.")
  Integer instanceCount;

  private DataCollection collection;

  @Override
  protected void checkOptions() {
    if (dataCollection == null && instanceCount == null) {
      throw MloopException.invalid("nothing to update: give --data-collection PERCENT and/or --instance-count N");
    }
    collection = dataCollection == null ? null : new DataCollection(dataCollection);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    Deployment d = ws.endpoints().updateDeployment(deployment.endpoint, deployment.name, instanceCount, collection);
    out.result(d, () -> {
      out.line("Updated deployment " + d.name() + " of endpoint " + d.endpointName());
      out.fields(List.of(new String[] {"instances", String.valueOf(d.instanceCount())},
          new String[] {"data collection", EndpointViews.collection(d)}));
    });
    return 0;
  }
}
