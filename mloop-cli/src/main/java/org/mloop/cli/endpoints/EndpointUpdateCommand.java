package org.mloop.cli.endpoints;

import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {"Change an endpoint's live traffic split and/or its mirror traffic, in one step.",
        "Live traffic is whole percents adding up to 100; deployments left out get 0%. Mirror traffic copies a "
            + "share of requests (at most " + EndpointRules.MAX_MIRROR_PERCENT + "%) to one deployment at 0% live; "
            + "its answers are discarded, so clients never see them. --mirror \"\" stops mirroring."},
    footer = {"", "Examples:",
        "  mloop endpoint update --name diabetes-prod --traffic blue=90,green=10",
        "  mloop endpoint update --name diabetes-prod --traffic blue=100            # roll back",
        "  mloop endpoint update --name diabetes-prod --mirror green=20",
        "  mloop endpoint update --name diabetes-prod --mirror \"\""})
public final class EndpointUpdateCommand extends WorkspaceCommand {
  @Mixin EndpointName endpoint;

  @Option(names = "--traffic", paramLabel = "D=P,...", description = "Live traffic, e.g. blue=90,green=10.")
  String traffic;

  @Option(names = "--mirror", paramLabel = "D=P", description = "Mirror traffic, e.g. green=20; \"\" turns it off.")
  String mirror;

  private Map<String, Integer> live;
  private Map<String, Integer> mirrored;

  @Override
  protected void checkOptions() {
    if (traffic == null && mirror == null) {
      throw MloopException.invalid("nothing to update: give --traffic (e.g. blue=90,green=10) and/or --mirror "
          + "(e.g. green=20, or \"\" to stop mirroring)");
    }
    if (traffic != null && traffic.isBlank()) {
      throw MloopException.invalid("--traffic is empty: give every deployment's share, e.g. blue=100");
    }
    live = traffic == null ? null : EndpointRules.parseSplit(traffic, "--traffic");
    mirrored = mirror == null ? null : EndpointRules.parseSplit(mirror, "--mirror");
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    Endpoint e = ws.endpoints().updateTraffic(endpoint.name, live, mirrored);
    out.result(EndpointViews.json(e, ws.location(), null), () -> {
      out.line("Updated endpoint " + e.name());
      out.fields(List.of(new String[] {"traffic", EndpointViews.split(e.traffic())},
          new String[] {"mirror traffic", EndpointViews.split(e.mirrorTraffic())}));
    });
    return 0;
  }
}
