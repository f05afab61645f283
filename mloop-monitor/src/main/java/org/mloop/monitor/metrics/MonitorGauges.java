package org.mloop.monitor.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
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
 * The latest run of each monitor as Micrometer gauges in the registry the server's {@code /metrics}
 * serves (the scoring host's): every metric with its threshold and whether it breached, each
 * signal's alert, the run's rows, verdict and time, so Prometheus can graph drift and alert on it
 * without reading the store.
 *
 * <pre>
 * mloop_monitor_metric{feature="PlasmaGlucose",metric="normalized_wasserstein",monitor="m",signal="data_drift"} 0.41
 * mloop_monitor_threshold{...same labels...} 0.1
 * mloop_monitor_breached{...same labels...} 1.0
 * mloop_monitor_alert{monitor="m"} 1.0
 * </pre>
 *
 * <p>{@link #refresh()} reads the runs through the {@link Workspace} (each monitor's newest run) at
 * most once every {@value #CACHE_SECONDS} seconds, whatever the scrape rate, and replaces the gauges'
 * series; it blocks while it reads: call it off the event loop, before rendering the registry. A
 * workspace that keeps no monitors, or fails to answer, gives no gauges (logged once) rather than
 * failing the scrape of the scoring metrics beside them.
 */
public final class MonitorGauges {
  static final int CACHE_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(MonitorGauges.class);

  /** One gauge family: its name, help text and a row per series of the runs. */
  private record Family(String name, String help, Function<List<MonitorRun>, List<MultiGauge.Row<?>>> rows) {}

  private static final List<Family> FAMILIES = List.of(
      new Family("mloop.monitor.metric",
          "Value of each metric of a monitor's latest run (feature \"*\" is the whole dataset)",
          runs -> metricRows(runs, false, MetricResult::value)),
      new Family("mloop.monitor.threshold",
          "Threshold each judged metric of a monitor's latest run is compared with",
          runs -> metricRows(runs, true, MetricResult::threshold)),
      new Family("mloop.monitor.breached", "1 when the metric breached its threshold in the monitor's latest run",
          runs -> metricRows(runs, true, m -> m.breached() ? 1 : 0)),
      new Family("mloop.monitor.signal.alert", "1 when the signal alerts in the monitor's latest run", runs -> {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (MonitorRun run : runs) {
          for (SignalResult s : run.signals()) {
            rows.add(MultiGauge.Row.of(Tags.of("monitor", run.monitor(), "signal", s.signal().id()),
                s.alert() ? 1 : 0));
          }
        }
        return rows;
      }),
      new Family("mloop.monitor.alert", "1 when the monitor's latest run alerted",
          runs -> perMonitor(runs, r -> r.verdict() == Verdict.ALERT ? 1 : 0)),
      new Family("mloop.monitor.verdict",
          "The verdict of the monitor's latest run: 1 for the current one (ok, alert, no_data, failed)", runs -> {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (MonitorRun run : runs) {
          for (Verdict v : Verdict.values()) {
            rows.add(MultiGauge.Row.of(Tags.of("monitor", run.monitor(), "verdict",
                v.name().toLowerCase(Locale.ROOT)), run.verdict() == v ? 1 : 0));
          }
        }
        return rows;
      }),
      new Family("mloop.monitor.rows", "Production rows read by the monitor's latest run",
          runs -> perMonitor(runs, MonitorRun::rows)),
      new Family("mloop.monitor.labeled.rows", "Rows of the monitor's latest run that had posted ground truth",
          runs -> perMonitor(runs, MonitorRun::labeledRows)),
      new Family("mloop.monitor.last.run.timestamp.seconds", "When the monitor's latest run finished (Unix time)",
          runs -> perMonitor(runs, r -> r.finishedAt() / 1000.0)),
      new Family("mloop.monitor.window.end.timestamp.seconds",
          "End of the production window the monitor's latest run read (Unix time)",
          runs -> perMonitor(runs, r -> r.windowTo() / 1000.0)));

  private final Supplier<List<MonitorRun>> latestRuns;
  private final LongSupplier nanoTime;
  private final long cacheNanos;
  private final Map<Family, MultiGauge> gauges = new LinkedHashMap<>();

  private boolean read;
  private long readAt;
  private String lastProblem;

  /** Gauges of the workspace's monitors, in {@code registry}. */
  public MonitorGauges(Workspace workspace, MeterRegistry registry) {
    this(() -> latestRuns(workspace), registry, System::nanoTime, Duration.ofSeconds(CACHE_SECONDS));
  }

  MonitorGauges(Supplier<List<MonitorRun>> latestRuns, MeterRegistry registry, LongSupplier nanoTime,
      Duration cache) {
    this.latestRuns = latestRuns;
    this.nanoTime = nanoTime;
    this.cacheNanos = cache.toNanos();
    for (Family family : FAMILIES) {
      gauges.put(family, MultiGauge.builder(family.name()).description(family.help()).register(registry));
    }
  }

  /** Re-reads the latest runs and replaces the gauges' series, unless they were read a few seconds ago. */
  public synchronized void refresh() {
    long now = nanoTime.getAsLong();
    if (read && now - readAt < cacheNanos) {
      return;
    }
    List<MonitorRun> runs;
    try {
      runs = latestRuns.get();
      lastProblem = null;
    } catch (UnsupportedOperationException e) {
      problem("this workspace keeps no monitors (" + e.getMessage() + "); /metrics has no monitor gauges", e);
      runs = List.of();
    } catch (RuntimeException e) {
      problem("cannot read the monitors' latest runs for /metrics: " + e.getMessage(), e);
      runs = List.of();
    }
    for (Map.Entry<Family, MultiGauge> gauge : gauges.entrySet()) {
      gauge.getValue().register(gauge.getKey().rows().apply(runs), true);
    }
    read = true;
    readAt = now;
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

  /**
   * A row per metric of each run (each series once); {@code judgedOnly} leaves out the metrics only
   * reported, which have no threshold to breach.
   */
  private static List<MultiGauge.Row<?>> metricRows(List<MonitorRun> runs, boolean judgedOnly,
      ToDoubleFunction<MetricResult> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (MonitorRun run : runs) {
      Set<String> seen = new HashSet<>();
      for (MetricResult m : run.metrics()) {
        if ((!judgedOnly || m.comparison() != Comparison.REPORTED)
            && seen.add(m.signal().id() + '\u0000' + m.feature() + '\u0000' + m.metric())) {
          rows.add(MultiGauge.Row.of(Tags.of("monitor", run.monitor(), "signal", m.signal().id(),
              "feature", String.valueOf(m.feature()), "metric", m.metric()), value.applyAsDouble(m)));
        }
      }
    }
    return rows;
  }

  private static List<MultiGauge.Row<?>> perMonitor(List<MonitorRun> runs, Function<MonitorRun, Number> value) {
    return runs.stream().<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(Tags.of("monitor", r.monitor()),
        value.apply(r))).toList();
  }
}
