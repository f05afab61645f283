package org.mloop.cli.monitors;

import java.util.Map;
import org.mloop.cli.Confirmation;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
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
public final class MonitorDeleteCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "The monitor.")
  String name;

  @Mixin Confirmation confirmation;

  @Override
  protected int run(Workspace ws, Printer out) {
    ws.monitors().get(name);
    confirmation.confirm("monitor '" + name + "' with its runs and alerts");
    ws.monitors().delete(name);
    out.result(Map.of("deleted", name), "Deleted monitor " + name);
    return 0;
  }
}
