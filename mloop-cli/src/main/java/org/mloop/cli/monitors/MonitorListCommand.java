package org.mloop.cli.monitors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.monitoring.Durations;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the workspace's monitors with their endpoint, schedule and latest verdict.",
    footer = {"", "Examples:", "  mloop monitor list", "  mloop monitor list --output json"})
public final class MonitorListCommand extends WorkspaceCommand {
  @Override
  protected int run(Workspace ws, Printer out) {
    List<Monitor> monitors = ws.monitors().list();
    List<MonitorRun> latest = new ArrayList<>();
    for (Monitor m : monitors) {
      List<MonitorRun> runs = ws.monitors().listRuns(m.name(), 1);
      latest.add(runs.isEmpty() ? null : runs.get(0));
    }
    List<Map<String, Object>> json = new ArrayList<>();
    for (int i = 0; i < monitors.size(); i++) {
      Map<String, Object> one = Printer.object("monitor", monitors.get(i), "latestRun", latest.get(i));
      json.add(one);
    }
    out.result(json, () -> {
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < monitors.size(); i++) {
        Monitor m = monitors.get(i);
        MonitorRun r = latest.get(i);
        rows.add(List.of(m.name(), m.spec().endpoint(), MonitorViews.signals(m.spec().signals()),
            m.spec().every() == null ? "on demand" : Durations.format(m.spec().every()),
            Durations.format(m.spec().window()), r == null ? "never" : MonitorViews.time(r.startedAt()),
            r == null ? "-" : r.verdict().name()));
      }
      out.table(List.of("NAME", "ENDPOINT", "SIGNALS", "EVERY", "WINDOW", "LAST RUN", "VERDICT"), rows);
    });
    return 0;
  }
}
