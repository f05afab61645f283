package org.mloop.cli.endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    description = "Show a deployment: the model version it serves (and what was asked for), its share of live and "
        + "mirror traffic, instances and data collection.",
    footer = {"", "Example:", "  mloop deployment show --endpoint diabetes-prod --name green"})
public final class DeploymentShowCommand extends WorkspaceCommand {
  @Mixin DeploymentName deployment;

  @Override
  protected int run(Workspace ws, Printer out) {
    Deployment d = EndpointViews.deployment(ws, deployment.endpoint, deployment.name);
    Endpoint e = ws.endpoints().get(deployment.endpoint);
    Map<String, Object> json = Printer.object("deployment", d, "traffic", e.trafficOf(d.name()),
        "mirrorTraffic", e.mirrorOf(d.name()), "scoringUri", EndpointViews.scoringUri(ws.location(), e.name()));
    out.result(json, () -> {
      List<String[]> f = new ArrayList<>();
      f.add(new String[] {"endpoint", d.endpointName()});
      f.add(new String[] {"name", d.name()});
      f.add(new String[] {"model", EndpointViews.model(d)});
      f.add(new String[] {"requested model", d.requestedModel()});
      f.add(new String[] {"traffic", e.trafficOf(d.name()) + "%"});
      f.add(new String[] {"mirror traffic", e.mirrorOf(d.name()) + "%"});
      f.add(new String[] {"instances", String.valueOf(d.instanceCount())});
      f.add(new String[] {"data collection", EndpointViews.collection(d)});
      f.add(new String[] {"scoring uri", EndpointViews.scoringUri(ws.location(), e.name())
          + " (header mloop-deployment: " + d.name() + " targets this deployment)"});
      f.add(new String[] {"created", EndpointViews.time(d.createdAt())});
      f.add(new String[] {"updated", EndpointViews.time(d.updatedAt())});
      f.add(new String[] {"logs", "mloop deployment logs --endpoint " + e.name() + " --name " + d.name()});
      out.fields(f);
    });
    return 0;
  }
}
