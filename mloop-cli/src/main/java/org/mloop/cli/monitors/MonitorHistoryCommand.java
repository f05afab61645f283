package org.mloop.cli.monitors;

import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.MloopException;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List a monitor's runs, newest first: when, over which window, how many rows, the verdict and why.",
    footer = {"", "Examples:", "  mloop monitor history --name diabetes-prod-monitor",
        "  mloop monitor history --name diabetes-prod-monitor --limit 100 --output json"})
public final class MonitorHistoryCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Option(names = "--name", required = true, description = "The monitor.")
  String name;

  @Option(names = "--limit", defaultValue = "20", description = "At most this many runs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw MloopException.invalid("--limit must be at least 1, got " + limit);
    }
    try (Workspace ws = workspace.open()) {
      ws.monitors().get(name); // "no monitor" rather than an empty history
      List<MonitorRun> runs = ws.monitors().listRuns(name, limit);
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(runs);
        return 0;
      }
      if (runs.isEmpty()) {
        out.line("Monitor " + name + " has no runs yet: mloop monitor run --name " + name);
        return 0;
      }
      out.table(MonitorViews.runHeader(), runs.stream().map(MonitorViews::runRow).toList());
    }
    return 0;
  }
}
