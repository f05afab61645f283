package org.mloop.studio.pages;

import java.util.List;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.workspace.Workspace;

/** A monitor: what it watches, its latest runs (newest first) with their verdicts, and its latest alerts. */
public record MonitorPage(String name, String endpoint, String baseline, String signals, String every, String window,
    List<RunRow> runs, List<Alert> alerts) {
  public static final int RUNS = 50;
  public static final int ALERTS = 20;

  public record RunRow(long id, long finishedAt, long windowFrom, long windowTo, long rows, long labeledRows,
      String verdict, String summary) {}

  public static MonitorPage of(Workspace workspace, String name) {
    Monitor monitor = workspace.monitors().get(name);
    MonitorSpec spec = monitor.spec();
    List<RunRow> runs = workspace.monitors().listRuns(name, RUNS).stream().map(MonitorPage::row).toList();
    return new MonitorPage(monitor.name(), spec.endpoint(), spec.baseline(),
        String.join(", ", spec.signals().stream().map(Object::toString).toList()),
        spec.every() == null ? "on demand" : spec.every().toString(), String.valueOf(spec.window()), runs,
        workspace.monitors().listAlerts(name, ALERTS));
  }

  private static RunRow row(MonitorRun run) {
    return new RunRow(run.id(), run.finishedAt(), run.windowFrom(), run.windowTo(), run.rows(), run.labeledRows(),
        run.verdict().name(), run.summary());
  }
}
