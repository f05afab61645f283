package org.mloop.cli.monitors;

import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.cli.endpoints.EndpointViews;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {"Delete a monitor with its runs, reports and alerts. The endpoint, its collected data and "
        + "posted labels are kept.",
        "Asks for confirmation at a terminal; scripts pass --yes."},
    footer = {"", "Example:", "  mloop monitor delete --name diabetes-prod-monitor --yes"})
public final class MonitorDeleteCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Option(names = "--name", required = true, description = "The monitor.")
  String name;

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    try (Workspace ws = workspace.open()) {
      ws.monitors().get(name);
      EndpointViews.confirm(yes, "monitor '" + name + "' with its runs and alerts");
      ws.monitors().delete(name);
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(Map.of("deleted", name));
      } else {
        out.line("Deleted monitor " + name);
      }
    }
    return 0;
  }
}
