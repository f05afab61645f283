package org.mloop.cli.monitors;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List a monitor's runs, newest first: when, over which window, how many rows, the verdict and why.",
    footer = {"", "Examples:", "  mloop monitor history --name diabetes-prod-monitor",
        "  mloop monitor history --name diabetes-prod-monitor --limit 100 --output json"})
public final class MonitorHistoryCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "The monitor.")
  String name;

  @Option(names = "--limit", defaultValue = "20", description = "At most this many runs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected void checkOptions() {
    MonitorViews.checkLimit(limit);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    ws.monitors().get(name); // "no monitor" rather than an empty history
    List<MonitorRun> runs = ws.monitors().listRuns(name, limit);
    out.result(runs, () -> {
      if (runs.isEmpty()) {
        out.line("Monitor " + name + " has no runs yet: mloop monitor run --name " + name);
      } else {
        out.table(MonitorViews.runHeader(), runs.stream().map(MonitorViews::runRow).toList());
      }
    });
    return 0;
  }
}
