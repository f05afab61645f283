package org.mloop.cli.monitors;

import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.MloopException;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "List alerts, newest first: which run raised them, on which signals, and what became of their "
        + "webhooks (none, pending, delivered, or failed with the reason).",
    footer = {"", "Examples:", "  mloop monitor alerts", "  mloop monitor alerts --name diabetes-prod-monitor --limit 5"})
public final class MonitorAlertsCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Option(names = "--name", description = "Only this monitor's alerts (default: every monitor's).")
  String name;

  @Option(names = "--limit", defaultValue = "50", description = "At most this many alerts (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw MloopException.invalid("--limit must be at least 1, got " + limit);
    }
    try (Workspace ws = workspace.open()) {
      if (name != null) {
        ws.monitors().get(name);
      }
      List<Alert> alerts = ws.monitors().listAlerts(name, limit);
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(alerts);
        return 0;
      }
      if (alerts.isEmpty()) {
        out.line(name == null ? "No alerts." : "No alerts for monitor " + name + ".");
        return 0;
      }
      out.table(List.of("ID", "MONITOR", "RUN", "CREATED", "SIGNALS", "WEBHOOKS", "MESSAGE"), alerts.stream()
          .map(a -> List.of(String.valueOf(a.id()), a.monitor(), String.valueOf(a.runId()),
              MonitorViews.time(a.createdAt()), MonitorViews.signals(a.signals()), a.delivery(), a.message()))
          .toList());
    }
    return 0;
  }
}
