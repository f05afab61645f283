package org.mloop.monitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.Verdict;

/** When a scheduled monitor is due: read from its latest stored run alone, so a restart changes nothing. */
class MonitorSchedulerDueTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long NOW = 1_800_000_000_000L;

  @Test
  void aScheduledMonitorThatNeverRanIsDue() {
    assertThat(MonitorScheduler.due(monitor(Duration.ofHours(1)), null, NOW)).isTrue();
  }

  @Test
  void itIsDueOnceEveryHasPassedSinceItsLatestRunStarted() {
    Monitor hourly = monitor(Duration.ofHours(1));
    assertThat(MonitorScheduler.due(hourly, run(NOW - HOUR + 1), NOW)).as("one millisecond early").isFalse();
    assertThat(MonitorScheduler.due(hourly, run(NOW - HOUR), NOW)).as("exactly every later").isTrue();
    assertThat(MonitorScheduler.due(hourly, run(NOW - 5 * HOUR), NOW)).as("missed runs: one run, now").isTrue();
  }

  @Test
  void anOnDemandMonitorIsNeverDue() {
    assertThat(MonitorScheduler.due(monitor(null), null, NOW)).isFalse();
    assertThat(MonitorScheduler.due(monitor(null), run(NOW - 100 * HOUR), NOW)).isFalse();
  }

  static Monitor monitor(Duration every) {
    return new Monitor(new MonitorSpec("diabetes-prod-monitor", "diabetes-prod", null, List.of(Signal.DATA_DRIFT),
        null, every, null, List.of()), NOW - 10 * HOUR, NOW - 10 * HOUR);
  }

  static MonitorRun run(long startedAt) {
    return new MonitorRun(1, "diabetes-prod-monitor", "diabetes-prod", startedAt, startedAt + 10,
        startedAt - 24 * HOUR, startedAt, null, 0, List.of(), 0, 0, Verdict.NO_DATA, "no production data", List.of(),
        List.of(), List.of(), List.of());
  }
}
