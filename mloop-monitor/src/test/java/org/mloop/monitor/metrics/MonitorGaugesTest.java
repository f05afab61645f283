package org.mloop.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;

/** The monitors' latest runs as Micrometer gauges, scraped as Prometheus text on /metrics. */
class MonitorGaugesTest {
  private static final long FROM = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
  private static final long TO = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
  private static final Pattern SAMPLE = Pattern.compile(
      "[a-z_]+\\{([a-z]+=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)+\\} (-?[0-9.]+(E-?[0-9]+)?|NaN|[+-]Inf)");

  private static MonitorRun alerting() {
    return new MonitorRun(7, "diabetes-prod-monitor", "diabetes-prod", TO, TO + 2500, FROM, TO,
        "mloop:diabetes-prod-folder:3", 10_000, List.of("diabetes:2"), 5000, 120, Verdict.ALERT, "drift",
        List.of(new SignalResult(Signal.DATA_DRIFT, true, List.of("PlasmaGlucose"), "1 of 8"),
            new SignalResult(Signal.DATA_QUALITY, false, List.of(), "clean")),
        List.of(MetricResult.judged(Signal.DATA_DRIFT, "PlasmaGlucose", "normalized_wasserstein", 0.41, 0.1,
                Comparison.AT_LEAST),
            MetricResult.reported(Signal.DATA_DRIFT, "PlasmaGlucose", "psi", 0.75),
            MetricResult.judged(Signal.DATA_DRIFT, "Age", "ks_p_value", 0.0000125, 0.05, Comparison.BELOW),
            MetricResult.judged(Signal.DATA_QUALITY, "BMI", "null_rate", 0, 0, Comparison.ABOVE)),
        List.of(), List.of());
  }

  /** The registry's Prometheus text after the gauges were refreshed with {@code runs}. */
  private static String render(List<MonitorRun> runs) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new MonitorGauges(() -> runs, registry, System::nanoTime, Duration.ofSeconds(5)).refresh();
    return registry.scrape();
  }

  private static MonitorRun empty(String monitor) {
    return new MonitorRun(3, monitor, "diabetes-staging", TO, TO + 1000, FROM, TO, null, 0, List.of(), 0, 0,
        Verdict.NO_DATA, "no production data", List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void eachMetricIsAGaugeWithItsThresholdAndWhetherItBreached() {
    String text = render(List.of(alerting(), empty("staging-monitor")));
    String pg = "{feature=\"PlasmaGlucose\",metric=\"normalized_wasserstein\",monitor=\"diabetes-prod-monitor\","
        + "signal=\"data_drift\"}";
    assertThat(text.lines()).contains(
        "mloop_monitor_metric" + pg + " 0.41",
        "mloop_monitor_threshold" + pg + " 0.1",
        "mloop_monitor_breached" + pg + " 1.0",
        "mloop_monitor_metric{feature=\"Age\",metric=\"ks_p_value\",monitor=\"diabetes-prod-monitor\","
            + "signal=\"data_drift\"} 1.25E-5",
        "mloop_monitor_breached{feature=\"Age\",metric=\"ks_p_value\",monitor=\"diabetes-prod-monitor\","
            + "signal=\"data_drift\"} 1.0",
        "mloop_monitor_breached{feature=\"BMI\",metric=\"null_rate\",monitor=\"diabetes-prod-monitor\","
            + "signal=\"data_quality\"} 0.0",
        "mloop_monitor_metric{feature=\"PlasmaGlucose\",metric=\"psi\",monitor=\"diabetes-prod-monitor\","
            + "signal=\"data_drift\"} 0.75");
    // A metric only reported (PSI) has no threshold to breach.
    assertThat(text).doesNotContain("mloop_monitor_threshold{feature=\"PlasmaGlucose\",metric=\"psi\"");
  }

  @Test
  void eachMonitorHasItsAlertVerdictRowsAndLastRun() {
    String text = render(List.of(alerting(), empty("staging-monitor")));
    assertThat(text.lines()).contains(
        "mloop_monitor_alert{monitor=\"diabetes-prod-monitor\"} 1.0",
        "mloop_monitor_alert{monitor=\"staging-monitor\"} 0.0",
        "mloop_monitor_signal_alert{monitor=\"diabetes-prod-monitor\",signal=\"data_drift\"} 1.0",
        "mloop_monitor_signal_alert{monitor=\"diabetes-prod-monitor\",signal=\"data_quality\"} 0.0",
        "mloop_monitor_verdict{monitor=\"staging-monitor\",verdict=\"no_data\"} 1.0",
        "mloop_monitor_verdict{monitor=\"staging-monitor\",verdict=\"ok\"} 0.0",
        "mloop_monitor_rows{monitor=\"diabetes-prod-monitor\"} 5000.0",
        "mloop_monitor_labeled_rows{monitor=\"diabetes-prod-monitor\"} 120.0",
        "mloop_monitor_last_run_timestamp_seconds{monitor=\"diabetes-prod-monitor\"} " + (TO + 2500) / 1000.0,
        "mloop_monitor_window_end_timestamp_seconds{monitor=\"staging-monitor\"} " + TO / 1000.0);
  }

  @Test
  void theTextIsValidExpositionFormatWithEachFamilyDeclaredOnceAndTogether() {
    String text = render(List.of(alerting(), empty("staging-monitor")));
    List<String> families = new ArrayList<>();
    String current = null;
    for (String line : text.lines().toList()) {
      if (line.startsWith("# HELP ")) {
        current = line.split(" ")[2];
        assertThat(families).as("declared once: " + current).doesNotContain(current);
        families.add(current);
      } else if (line.startsWith("# TYPE ")) {
        assertThat(line).isEqualTo("# TYPE " + current + " gauge");
      } else {
        assertThat(line).as("a sample").matches(SAMPLE);
        assertThat(line).as("samples follow their family's declaration").startsWith(current + "{");
      }
    }
    assertThat(families).contains("mloop_monitor_metric", "mloop_monitor_threshold", "mloop_monitor_breached",
        "mloop_monitor_rows", "mloop_monitor_alert", "mloop_monitor_last_run_timestamp_seconds");
    assertThat(text).endsWith("\n");
  }

  @Test
  void labelValuesAreEscaped() {
    MonitorRun run = new MonitorRun(1, "a\"b\\c\nd", "e", TO, TO, FROM, TO, null, 0, List.of(), 1, 0, Verdict.OK,
        "ok", List.of(), List.of(MetricResult.judged(Signal.DATA_DRIFT, "x\"y", "jensen_shannon", 0.01, 0.1,
            Comparison.AT_LEAST)), List.of(), List.of());
    String text = render(List.of(run));
    assertThat(text).contains("monitor=\"a\\\"b\\\\c\\nd\"", "feature=\"x\\\"y\"");
    text.lines().filter(l -> !l.startsWith("#")).forEach(l -> assertThat(l).matches(SAMPLE));
  }

  @Test
  void noMonitorsGiveNoGauges() {
    assertThat(render(List.of())).isEmpty();
  }

  @Test
  void theWorkspaceIsReadAtMostOnceEveryFewSeconds() {
    AtomicInteger reads = new AtomicInteger();
    AtomicLong clock = new AtomicLong(1_000);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MonitorGauges gauges = new MonitorGauges(() -> {
      reads.incrementAndGet();
      return List.of(alerting());
    }, registry, clock::get, Duration.ofSeconds(5));
    gauges.refresh();
    String first = registry.scrape();
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    gauges.refresh();
    assertThat(reads).hasValue(1);
    clock.addAndGet(Duration.ofSeconds(1).toNanos());
    gauges.refresh();
    assertThat(registry.scrape()).isEqualTo(first);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aMonitorWhoseRunsAreGoneLosesItsSeries() {
    AtomicReference<List<MonitorRun>> runs = new AtomicReference<>(List.of(alerting(), empty("staging-monitor")));
    AtomicLong clock = new AtomicLong();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MonitorGauges gauges = new MonitorGauges(runs::get, registry, clock::get, Duration.ofSeconds(5));
    gauges.refresh();
    assertThat(registry.scrape()).contains("monitor=\"staging-monitor\"");
    runs.set(List.of(alerting()));
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    gauges.refresh();
    assertThat(registry.scrape()).doesNotContain("staging-monitor").contains("monitor=\"diabetes-prod-monitor\"");
  }

  @Test
  void aWorkspaceWithoutMonitorsOrThatFailsGivesNoGaugesUntilItAnswers() {
    AtomicReference<Supplier<List<MonitorRun>>> answer = new AtomicReference<>(() -> {
      throw new UnsupportedOperationException("monitors are not kept by this workspace yet");
    });
    AtomicLong clock = new AtomicLong();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MonitorGauges gauges = new MonitorGauges(() -> answer.get().get(), registry, clock::get, Duration.ofSeconds(5));
    gauges.refresh();
    assertThat(registry.scrape()).doesNotContain("mloop_monitor");
    answer.set(() -> {
      throw new IllegalStateException("database is locked");
    });
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    gauges.refresh();
    assertThat(registry.scrape()).doesNotContain("mloop_monitor");
    answer.set(() -> List.of(alerting()));
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    gauges.refresh();
    assertThat(registry.scrape()).contains("mloop_monitor_alert{monitor=\"diabetes-prod-monitor\"} 1");
  }
}
