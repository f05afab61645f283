package org.mloop.monitor;

import java.util.function.Consumer;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorEngine;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.Workspace;
import org.mloop.monitor.alerts.WebhookDelivery;
import org.mloop.monitor.report.HtmlReport;

/** The monitoring engine a workspace is given: evaluation, HTML report and webhook delivery. */
public final class Monitoring implements MonitorEngine, AutoCloseable {
  private final MonitorEvaluator evaluator = new MonitorEvaluator();
  private final HtmlReport report = new HtmlReport();
  private final WebhookDelivery webhooks = new WebhookDelivery();

  @Override
  public MonitorRun evaluate(Workspace workspace, Monitor monitor, long from, long to) {
    return evaluator.evaluate(workspace, monitor, from, to);
  }

  @Override
  public byte[] report(Monitor monitor, MonitorRun run) {
    return report.render(monitor, run);
  }

  @Override
  public void deliver(Monitor monitor, Alert alert, MonitorRun run, Consumer<String> delivered) {
    webhooks.deliver(monitor, alert, run, delivered);
  }

  @Override
  public void close() {
    webhooks.close();
  }
}
