package org.mloop.cli.monitors;

import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a monitor: its endpoint, baseline, signals, thresholds, schedule and webhooks, and its latest run.",
    footer = {"", "Examples:", "  mloop monitor show --name diabetes-prod-monitor",
        "  mloop monitor show --name diabetes-prod-monitor --output json"})
public final class MonitorShowCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "The monitor.")
  String name;

  @Override
  protected int run(Workspace ws, Printer out) {
    Monitor m = ws.monitors().get(name);
    List<MonitorRun> runs = ws.monitors().listRuns(name, 1);
    MonitorRun latest = runs.isEmpty() ? null : runs.get(0);
    Map<String, Object> json = Printer.object("monitor", m, "latestRun", latest);
    out.result(json, () -> {
      out.fields(MonitorViews.fields(m));
      out.line("");
      if (latest == null) {
        out.line("Latest run: none yet (mloop monitor run --name " + m.name() + ")");
        return;
      }
      out.line("Latest run:");
      out.fields(MonitorViews.runFields(latest).stream().map(f -> new String[] {"  " + f[0], f[1]}).toList());
      MonitorViews.signalLines(latest).forEach(out::line);
      out.line(MonitorViews.verdict(latest));
      out.line("More: mloop monitor history --name " + m.name());
    });
    return 0;
  }
}
