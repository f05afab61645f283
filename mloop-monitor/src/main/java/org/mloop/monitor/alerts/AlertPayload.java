package org.mloop.monitor.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.mloop.core.json.Json;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.SignalResult;

/**
 * The JSON an alert is posted as. It names the monitor, endpoint, run and verdict, the signals that
 * alerted with their breached features and summaries, and the breached metrics against their
 * thresholds (the first {@value #MAX_METRICS}), so a receiver can act without calling back. A
 * {@code text} line makes it readable as is by chat webhooks (Slack's incoming webhooks show it).
 */
final class AlertPayload {
  static final String EVENT = "mloop.monitor.alert";
  static final int MAX_METRICS = 20;

  private AlertPayload() {}

  static byte[] json(Monitor monitor, Alert alert, MonitorRun run) {
    ObjectNode body = Json.mapper().createObjectNode();
    String name = monitor != null ? monitor.name() : alert.monitor();
    body.put("event", EVENT);
    body.put("text", "mloop monitor " + name + ": " + (run != null ? run.verdict() + " - " + run.summary()
        : alert.message()));
    body.put("monitor", name);
    body.put("endpoint", run != null ? run.endpoint() : monitor != null ? monitor.spec().endpoint() : null);
    body.put("alert_id", alert.id());
    body.put("run_id", alert.runId());
    body.put("created_at", Instant.ofEpochMilli(alert.createdAt()).toString());
    body.put("message", alert.message());
    ArrayNode signals = body.putArray("signals");
    alert.signals().forEach(s -> signals.add(s.id()));
    if (run == null) {
      return bytes(body);
    }
    body.put("verdict", run.verdict().name());
    body.put("summary", run.summary());
    ObjectNode window = body.putObject("window");
    window.put("from", Instant.ofEpochMilli(run.windowFrom()).toString());
    window.put("to", Instant.ofEpochMilli(run.windowTo()).toString());
    body.put("baseline", run.baseline());
    ArrayNode models = body.putArray("models");
    run.models().forEach(models::add);
    body.put("rows", run.rows());
    body.put("labeled_rows", run.labeledRows());
    ObjectNode breached = body.putObject("breached_features");
    ObjectNode summaries = body.putObject("signal_summaries");
    for (SignalResult s : run.signals()) {
      summaries.put(s.signal().id(), s.summary());
      if (s.alert() || !s.breachedFeatures().isEmpty()) {
        ArrayNode features = breached.putArray(s.signal().id());
        s.breachedFeatures().forEach(features::add);
      }
    }
    ArrayNode metrics = body.putArray("metrics");
    int breachedMetrics = 0;
    for (MetricResult m : run.metrics()) {
      if (!m.breached()) {
        continue;
      }
      breachedMetrics++;
      if (metrics.size() < MAX_METRICS) {
        ObjectNode o = metrics.addObject();
        o.put("signal", m.signal().id());
        o.put("feature", m.feature());
        o.put("metric", m.metric());
        number(o, "value", m.value());
        o.put("comparison", m.comparison().symbol());
        number(o, "threshold", m.threshold());
      }
    }
    body.put("breached_metrics", breachedMetrics);
    return bytes(body);
  }

  /** JSON has no NaN or infinity: those are written as null. */
  private static void number(ObjectNode o, String field, double value) {
    if (Double.isFinite(value)) {
      o.put(field, value);
    } else {
      o.putNull(field);
    }
  }

  private static byte[] bytes(ObjectNode body) {
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
