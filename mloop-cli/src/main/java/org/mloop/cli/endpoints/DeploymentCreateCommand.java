package org.mloop.cli.endpoints;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {"Add a deployment to an endpoint. The model reference is resolved now, to a fixed version: "
        + "moving the alias later does not change what the deployment serves.",
        "Traffic: the endpoint's first deployment gets 100%, later ones 0% (invoke them directly with the "
            + "mloop-deployment header, then shift traffic with `mloop endpoint update`). --traffic 100 moves all "
            + "live traffic to the new deployment at once."},
    footer = {"", "Examples:",
        "  mloop deployment create --endpoint diabetes-prod --name blue --model diabetes@production",
        "  mloop deployment create --endpoint diabetes-prod --name green \\",
        "      --model diabetes:7 --traffic 0 --data-collection 10"})
public final class DeploymentCreateCommand extends WorkspaceCommand {
  @Option(names = "--endpoint", required = true, description = "The endpoint.")
  String endpoint;

  @Option(names = "--name", required = true, description = "Deployment name, e.g. blue or green.")
  String name;

  @Option(names = "--model", required = true, paramLabel = "NAME@ALIAS|NAME:VERSION|NAME",
      description = "The model version to serve (a bare name means the latest READY version).")
  String model;

  @Option(names = "--instance-count", defaultValue = "1",
      description = "Scoring instances (threads) per host (default: ${DEFAULT-VALUE}).")
  int instanceCount;

  @Option(names = "--traffic", paramLabel = "0|100",
      description = "Live traffic for the new deployment (default: 100 for the first, else 0).")
  Integer traffic;

  @Option(names = "--data-collection", paramLabel = "PERCENT", defaultValue = "0",
      description = "Share of requests whose inputs and outputs are collected, 0 (off, default) to 100.")
  double dataCollection;

  private DataCollection collection;

  @Override
  protected void checkOptions() {
    collection = new DataCollection(dataCollection);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    Deployment d = ws.endpoints().createDeployment(new DeploymentSpec(endpoint, name, model, instanceCount,
        collection, traffic));
    Endpoint e = ws.endpoints().get(endpoint);
    out.result(d, () -> {
      out.line("Created deployment " + d.name() + " of endpoint " + e.name() + ": model " + EndpointViews.model(d)
          + (model.equals(EndpointViews.model(d)) ? "" : " (resolved from " + model + ")"));
      out.fields(List.of(new String[] {"traffic", EndpointViews.split(e.traffic())},
          new String[] {"mirror traffic", EndpointViews.split(e.mirrorTraffic())},
          new String[] {"data collection", EndpointViews.collection(d)}));
      if (e.trafficOf(d.name()) == 0) {
        out.line("It has no live traffic yet; shift some with: mloop endpoint update --name " + e.name()
            + " --traffic " + d.name() + "=10,...");
      }
    });
    return 0;
  }
}
