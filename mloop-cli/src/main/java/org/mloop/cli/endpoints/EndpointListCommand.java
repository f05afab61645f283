package org.mloop.cli.endpoints;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the workspace's endpoints with their scoring URI and traffic split.",
    footer = {"", "Examples:", "  mloop endpoint list", "  mloop endpoint list --output json"})
public final class EndpointListCommand extends WorkspaceCommand {
  @Override
  protected int run(Workspace ws, Printer out) {
    List<Endpoint> endpoints = ws.endpoints().list();
    out.result(endpoints.stream().map(e -> EndpointViews.json(e, ws.location(), null)).toList(), () -> {
      out.table(List.of("NAME", "AUTH", "TRAFFIC", "MIRROR", "SCORING URI", "UPDATED"), endpoints.stream()
          .map(e -> List.of(e.name(), e.authMode().wireName(), EndpointViews.split(e.traffic()),
              EndpointViews.split(e.mirrorTraffic()), EndpointViews.scoringUri(ws.location(), e.name()),
              EndpointViews.time(e.updatedAt()))).toList());
    });
    return 0;
  }
}
