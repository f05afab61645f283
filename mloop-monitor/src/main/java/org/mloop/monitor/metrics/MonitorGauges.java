package org.mloop.monitor.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.mloop.core.MloopException;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest run of each monitor as Prometheus gauges, appended to the server's {@code /metrics}:
 * every metric with its threshold and whether it breached, each signal's alert, the run's rows,
 * verdict and time, so Prometheus can graph drift and alert on it without reading the store.
 *
 * <pre>
 * mloop_monitor_metric{monitor="m",signal="data_drift",feature="PlasmaGlucose",metric="normalized_wasserstein"} 0.41
 * mloop_monitor_threshold{...same labels...} 0.1
 * mloop_monitor_breached{...same labels...} 1
 * mloop_monitor_alert{monitor="m"} 1
 * </pre>
 *
 * <p>Runs are read through the {@link Workspace} (each monitor's newest run) at most once every
 * {@value #CACHE_SECONDS} seconds, whatever the scrape rate. {@link #text()} blocks while it reads:
 * call it off the event loop. A workspace that keeps no monitors, or fails to answer, gives no
 * gauges (logged once) rather than failing the scrape of the scoring metrics beside them.
 */
public final class MonitorGauges {
  static final int CACHE_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(MonitorGauges.class);
  private static final String[] METRIC_LABELS = {"monitor", "signal", "feature", "metric"};

  private final Supplier<List<MonitorRun>> latestRuns;
  private final LongSupplier nanoTime;
  private final long cacheNanos;

  private String cached;
  private long cachedAt;
  private String lastProblem;

  /** Gauges of the workspace's monitors. */
  public MonitorGauges(Workspace workspace) {
    this(() -> latestRuns(workspace), System::nanoTime, Duration.ofSeconds(CACHE_SECONDS));
  }

  MonitorGauges(Supplier<List<MonitorRun>> latestRuns, LongSupplier nanoTime, Duration cache) {
    this.latestRuns = latestRuns;
    this.nanoTime = nanoTime;
    this.cacheNanos = cache.toNanos();
  }

  /** The gauges in Prometheus text format ("" when there are none); re-read at most every few seconds. */
  public synchronized String text() {
    long now = nanoTime.getAsLong();
    if (cached != null && now - cachedAt < cacheNanos) {
      return cached;
    }
    String text;
    try {
      text = render(latestRuns.get());
      lastProblem = null;
    } catch (UnsupportedOperationException e) {
      problem("this workspace keeps no monitors (" + e.getMessage() + "); /metrics has no monitor gauges", e);
      text = "";
    } catch (RuntimeException e) {
      problem("cannot read the monitors' latest runs for /metrics: " + e.getMessage(), e);
      text = "";
    }
    cached = text;
    cachedAt = now;
    return text;
  }

  /** Logs a problem once, until it changes or goes away, so a scrape every 15 s does not flood the log. */
  private void problem(String message, RuntimeException e) {
    if (!message.equals(lastProblem)) {
      lastProblem = message;
      if (e instanceof UnsupportedOperationException) {
        LOG.info("{}", message);
      } else {
        LOG.warn("{}", message, e);
      }
    }
  }

  /** The newest run of each monitor; a monitor deleted while reading is skipped. */
  static List<MonitorRun> latestRuns(Workspace workspace) {
    List<MonitorRun> runs = new ArrayList<>();
    for (Monitor monitor : workspace.monitors().list()) {
      try {
        runs.addAll(workspace.monitors().listRuns(monitor.name(), 1));
      } catch (MloopException e) {
        LOG.debug("no latest run of monitor {}: {}", monitor.name(), e.getMessage());
      }
    }
    return runs;
  }

  /** The runs (one per monitor) in Prometheus text exposition format 0.0.4. */
  static String render(List<MonitorRun> runs) {
    if (runs.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(4096);
    family(out, "mloop_monitor_metric",
        "Value of each metric of a monitor's latest run (feature \"*\" is the whole dataset)");
    for (MonitorRun run : runs) {
      Set<String> seen = new HashSet<>();
      for (MetricResult m : run.metrics()) {
        if (seen.add(m.signal().id() + '\u0000' + m.feature() + '\u0000' + m.metric())) {
          sample(out, "mloop_monitor_metric", metricLabels(run, m), m.value());
        }
      }
    }
    family(out, "mloop_monitor_threshold", "Threshold each judged metric of a monitor's latest run is compared with");
    forJudged(runs, (run, m) -> sample(out, "mloop_monitor_threshold", metricLabels(run, m), m.threshold()));
    family(out, "mloop_monitor_breached", "1 when the metric breached its threshold in the monitor's latest run");
    forJudged(runs, (run, m) -> sample(out, "mloop_monitor_breached", metricLabels(run, m), m.breached() ? 1 : 0));
    family(out, "mloop_monitor_signal_alert", "1 when the signal alerts in the monitor's latest run");
    for (MonitorRun run : runs) {
      for (SignalResult s : run.signals()) {
        sample(out, "mloop_monitor_signal_alert", labels(new String[] {"monitor", "signal"},
            run.monitor(), s.signal().id()), s.alert() ? 1 : 0);
      }
    }
    family(out, "mloop_monitor_alert", "1 when the monitor's latest run alerted");
    runs.forEach(r -> sample(out, "mloop_monitor_alert", monitor(r), r.verdict() == Verdict.ALERT ? 1 : 0));
    family(out, "mloop_monitor_verdict",
        "The verdict of the monitor's latest run: 1 for the current one (ok, alert, no_data, failed)");
    for (MonitorRun run : runs) {
      for (Verdict v : Verdict.values()) {
        sample(out, "mloop_monitor_verdict", labels(new String[] {"monitor", "verdict"}, run.monitor(),
            v.name().toLowerCase(Locale.ROOT)), run.verdict() == v ? 1 : 0);
      }
    }
    family(out, "mloop_monitor_rows", "Production rows read by the monitor's latest run");
    runs.forEach(r -> sample(out, "mloop_monitor_rows", monitor(r), r.rows()));
    family(out, "mloop_monitor_labeled_rows", "Rows of the monitor's latest run that had posted ground truth");
    runs.forEach(r -> sample(out, "mloop_monitor_labeled_rows", monitor(r), r.labeledRows()));
    family(out, "mloop_monitor_last_run_timestamp_seconds", "When the monitor's latest run finished (Unix time)");
    runs.forEach(r -> sample(out, "mloop_monitor_last_run_timestamp_seconds", monitor(r), r.finishedAt() / 1000.0));
    family(out, "mloop_monitor_window_end_timestamp_seconds",
        "End of the production window the monitor's latest run read (Unix time)");
    runs.forEach(r -> sample(out, "mloop_monitor_window_end_timestamp_seconds", monitor(r), r.windowTo() / 1000.0));
    return out.toString();
  }

  private interface JudgedSample {
    void add(MonitorRun run, MetricResult metric);
  }

  /** Metrics compared with a threshold (not the ones only reported), each series once. */
  private static void forJudged(List<MonitorRun> runs, JudgedSample action) {
    for (MonitorRun run : runs) {
      Set<String> seen = new HashSet<>();
      for (MetricResult m : run.metrics()) {
        if (m.comparison() != Comparison.REPORTED
            && seen.add(m.signal().id() + '\u0000' + m.feature() + '\u0000' + m.metric())) {
          action.add(run, m);
        }
      }
    }
  }

  private static void family(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n').append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append(labels).append(' ').append(value(value)).append('\n');
  }

  private static String metricLabels(MonitorRun run, MetricResult m) {
    return labels(METRIC_LABELS, run.monitor(), m.signal().id(), m.feature(), m.metric());
  }

  private static String monitor(MonitorRun run) {
    return labels(new String[] {"monitor"}, run.monitor());
  }

  private static String labels(String[] names, String... values) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(names[i]).append("=\"").append(escape(values[i])).append('"');
    }
    return s.append('}').toString();
  }

  /** A label value as the text format wants it: backslash, double quote and line feed escaped. */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String value(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
