package org.mloop.cli.monitors;

import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "List alerts, newest first: which run raised them, on which signals, and what became of their "
        + "webhooks (none, pending, delivered, or failed with the reason).",
    footer = {"", "Examples:", "  mloop monitor alerts", "  mloop monitor alerts --name diabetes-prod-monitor --limit 5"})
public final class MonitorAlertsCommand extends WorkspaceCommand {
  @Option(names = "--name", description = "Only this monitor's alerts (default: every monitor's).")
  String name;

  @Option(names = "--limit", defaultValue = "50", description = "At most this many alerts (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  protected void checkOptions() {
    MonitorViews.checkLimit(limit);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    if (name != null) {
      ws.monitors().get(name);
    }
    List<Alert> alerts = ws.monitors().listAlerts(name, limit);
    out.result(alerts, () -> {
      if (alerts.isEmpty()) {
        out.line(name == null ? "No alerts." : "No alerts for monitor " + name + ".");
        return;
      }
      out.table(List.of("ID", "MONITOR", "RUN", "CREATED", "SIGNALS", "WEBHOOKS", "MESSAGE"), alerts.stream()
          .map(a -> List.of(String.valueOf(a.id()), a.monitor(), String.valueOf(a.runId()),
              MonitorViews.time(a.createdAt()), MonitorViews.signals(a.signals()), a.delivery(), a.message()))
          .toList());
    });
    return 0;
  }
}
