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
import org.junit.jupiter.api.Test;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;

/** The monitors' latest runs as Prometheus gauges on /metrics. */
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

  private static MonitorRun empty(String monitor) {
    return new MonitorRun(3, monitor, "diabetes-staging", TO, TO + 1000, FROM, TO, null, 0, List.of(), 0, 0,
        Verdict.NO_DATA, "no production data", List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void eachMetricIsAGaugeWithItsThresholdAndWhetherItBreached() {
    String text = MonitorGauges.render(List.of(alerting(), empty("staging-monitor")));
    String pg = "{monitor=\"diabetes-prod-monitor\",signal=\"data_drift\",feature=\"PlasmaGlucose\","
        + "metric=\"normalized_wasserstein\"}";
    assertThat(text.lines()).contains(
        "mloop_monitor_metric" + pg + " 0.41",
        "mloop_monitor_threshold" + pg + " 0.1",
        "mloop_monitor_breached" + pg + " 1",
        "mloop_monitor_metric{monitor=\"diabetes-prod-monitor\",signal=\"data_drift\",feature=\"Age\","
            + "metric=\"ks_p_value\"} 1.25E-5",
        "mloop_monitor_breached{monitor=\"diabetes-prod-monitor\",signal=\"data_drift\",feature=\"Age\","
            + "metric=\"ks_p_value\"} 1",
        "mloop_monitor_breached{monitor=\"diabetes-prod-monitor\",signal=\"data_quality\",feature=\"BMI\","
            + "metric=\"null_rate\"} 0",
        "mloop_monitor_metric{monitor=\"diabetes-prod-monitor\",signal=\"data_drift\",feature=\"PlasmaGlucose\","
            + "metric=\"psi\"} 0.75");
    // A metric only reported (PSI) has no threshold to breach.
    assertThat(text).doesNotContain("mloop_monitor_threshold{monitor=\"diabetes-prod-monitor\",signal=\"data_drift\","
        + "feature=\"PlasmaGlucose\",metric=\"psi\"}");
  }

  @Test
  void eachMonitorHasItsAlertVerdictRowsAndLastRun() {
    String text = MonitorGauges.render(List.of(alerting(), empty("staging-monitor")));
    assertThat(text.lines()).contains(
        "mloop_monitor_alert{monitor=\"diabetes-prod-monitor\"} 1",
        "mloop_monitor_alert{monitor=\"staging-monitor\"} 0",
        "mloop_monitor_signal_alert{monitor=\"diabetes-prod-monitor\",signal=\"data_drift\"} 1",
        "mloop_monitor_signal_alert{monitor=\"diabetes-prod-monitor\",signal=\"data_quality\"} 0",
        "mloop_monitor_verdict{monitor=\"staging-monitor\",verdict=\"no_data\"} 1",
        "mloop_monitor_verdict{monitor=\"staging-monitor\",verdict=\"ok\"} 0",
        "mloop_monitor_rows{monitor=\"diabetes-prod-monitor\"} 5000",
        "mloop_monitor_labeled_rows{monitor=\"diabetes-prod-monitor\"} 120",
        "mloop_monitor_last_run_timestamp_seconds{monitor=\"diabetes-prod-monitor\"} " + (TO + 2500) / 1000.0,
        "mloop_monitor_window_end_timestamp_seconds{monitor=\"staging-monitor\"} " + TO / 1000);
  }

  @Test
  void theTextIsValidExpositionFormatWithEachFamilyDeclaredOnceAndTogether() {
    String text = MonitorGauges.render(List.of(alerting(), empty("staging-monitor")));
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
    String text = MonitorGauges.render(List.of(run));
    assertThat(text).contains("monitor=\"a\\\"b\\\\c\\nd\"", "feature=\"x\\\"y\"");
    text.lines().filter(l -> !l.startsWith("#")).forEach(l -> assertThat(l).matches(SAMPLE));
  }

  @Test
  void noMonitorsGiveNoGauges() {
    assertThat(MonitorGauges.render(List.of())).isEmpty();
  }

  @Test
  void theWorkspaceIsReadAtMostOnceEveryFewSeconds() {
    AtomicInteger reads = new AtomicInteger();
    AtomicLong clock = new AtomicLong(1_000);
    MonitorGauges gauges = new MonitorGauges(() -> {
      reads.incrementAndGet();
      return List.of(alerting());
    }, clock::get, Duration.ofSeconds(5));
    String first = gauges.text();
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(gauges.text()).isSameAs(first);
    assertThat(reads).hasValue(1);
    clock.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(gauges.text()).isEqualTo(first);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aWorkspaceWithoutMonitorsOrThatFailsGivesNoGaugesUntilItAnswers() {
    AtomicReference<Supplier<List<MonitorRun>>> answer = new AtomicReference<>(() -> {
      throw new UnsupportedOperationException("monitors are not kept by this workspace yet");
    });
    AtomicLong clock = new AtomicLong();
    MonitorGauges gauges = new MonitorGauges(() -> answer.get().get(), clock::get, Duration.ofSeconds(5));
    assertThat(gauges.text()).isEmpty();
    answer.set(() -> {
      throw new IllegalStateException("database is locked");
    });
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(gauges.text()).isEmpty();
    answer.set(() -> List.of(alerting()));
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(gauges.text()).contains("mloop_monitor_alert{monitor=\"diabetes-prod-monitor\"} 1");
  }
}
