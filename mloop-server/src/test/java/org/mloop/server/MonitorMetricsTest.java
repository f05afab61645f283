package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;

/** The server's /metrics carries the latest run of each monitor beside the scoring metrics, from one registry. */
class MonitorMetricsTest {
  @TempDir Path dir;

  @Test
  void theLatestRunOfEachMonitorIsScrapedAsGauges() {
    try (TestWorkspace ws = TestWorkspace.served(dir, ServerOptions.ephemeral().withEndpoints(dir.resolve("cache")))) {
      ws.metadata.monitors().createMonitor(new MonitorSpec("diabetes-prod-monitor", "diabetes-prod", null,
          List.of(Signal.DATA_DRIFT), null, null, null, List.of()), 1_000);
      ws.metadata.monitors().insertMonitorRun(run(Verdict.OK, 0.02, 2_000));
      ws.metadata.monitors().insertMonitorRun(run(Verdict.ALERT, 0.3, 3_000));

      HttpCalls.Reply metrics = ws.http().get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body().lines()).as(metrics.body()).contains(
          "mloop_monitor_metric{feature=\"Age\",metric=\"normalized_wasserstein\",monitor=\"diabetes-prod-monitor\","
              + "signal=\"data_drift\"} 0.3",
          "mloop_monitor_breached{feature=\"Age\",metric=\"normalized_wasserstein\",monitor=\"diabetes-prod-monitor\","
              + "signal=\"data_drift\"} 1.0",
          "mloop_monitor_alert{monitor=\"diabetes-prod-monitor\"} 1.0",
          "mloop_monitor_rows{monitor=\"diabetes-prod-monitor\"} 50.0",
          "# TYPE mloop_monitor_alert gauge");
    }
  }

  private static MonitorRun run(Verdict verdict, double wasserstein, long finished) {
    MetricResult age = MetricResult.judged(Signal.DATA_DRIFT, "Age", "normalized_wasserstein", wasserstein, 0.1,
        Comparison.AT_LEAST);
    return new MonitorRun(0, "diabetes-prod-monitor", "diabetes-prod", finished - 500, finished, 0, 1_000,
        "mloop:diabetes-prod-folder:1", 10_000, List.of("diabetes:1"), 50, 0, verdict, verdict.name(),
        List.of(new SignalResult(Signal.DATA_DRIFT, age.breached(), age.breached() ? List.of("Age") : List.of(),
            verdict.name())), List.of(age), List.of(), List.of());
  }
}
