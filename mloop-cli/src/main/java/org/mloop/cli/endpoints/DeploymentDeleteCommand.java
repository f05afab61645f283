package org.mloop.cli.endpoints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.cli.Confirmation;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {"Delete a deployment. Refused while it has live or mirror traffic: move its traffic away first.",
        "Asks for confirmation at a terminal; scripts pass --yes. Its collected data is kept."},
    footer = {"", "Example:",
        "  mloop endpoint update --name diabetes-prod --traffic green=100",
        "  mloop deployment delete --endpoint diabetes-prod --name blue --yes"})
public final class DeploymentDeleteCommand extends WorkspaceCommand {
  @Mixin DeploymentName deployment;

  @Mixin Confirmation confirmation;

  @Override
  protected int run(Workspace ws, Printer out) {
    EndpointViews.deployment(ws, deployment.endpoint, deployment.name);
    Endpoint e = ws.endpoints().get(deployment.endpoint);
    refuseWhileServing(e, deployment.name);
    confirmation.confirm("deployment '" + deployment.name + "' of endpoint '" + deployment.endpoint + "'");
    ws.endpoints().deleteDeployment(deployment.endpoint, deployment.name);
    Map<String, Object> json = Printer.object("endpoint", deployment.endpoint, "deleted", deployment.name);
    out.result(json, "Deleted deployment " + deployment.name + " of endpoint " + deployment.endpoint);
    return 0;
  }

  /** The workspace refuses too; this says which command frees the deployment. */
  static void refuseWhileServing(Endpoint e, String deployment) {
    int live = e.trafficOf(deployment);
    int mirror = e.mirrorOf(deployment);
    if (live == 0 && mirror == 0) {
      return;
    }
    Map<String, Integer> rest = new LinkedHashMap<>(e.traffic());
    rest.remove(deployment);
    String others = rest.keySet().stream().findFirst().map(d -> d + "=100").orElse("OTHER=100");
    String fix = live > 0
        ? "mloop endpoint update --name " + e.name() + " --traffic " + others
        : "mloop endpoint update --name " + e.name() + " --mirror \"\"";
    throw new MloopException(ErrorCode.INVALID_STATE, "deployment '" + deployment + "' of endpoint '" + e.name()
        + "' still has " + (live > 0 ? live + "% of live traffic" : mirror + "% of mirror traffic")
        + "; move it away first, e.g. " + fix);
  }
}
