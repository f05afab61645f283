package org.mloop.monitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.monitor.Monitoring;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * Scheduled monitors on a real workspace: due ones run, others wait, and a new scheduler (a
 * restarted server) reads due-ness from the stored runs instead of running everything again.
 */
class MonitorSchedulerTest {
  @TempDir Path temp;
  LocalWorkspace workspace;
  final MovableClock clock = new MovableClock();

  @BeforeEach
  void setUp() {
    workspace = new LocalWorkspace(temp.toString(), MetadataStores.openSqlite(temp.resolve("mloop.db")),
        new FileArtifactStore(temp.resolve("artifacts")), null, null, new Monitoring());
    workspace.endpoints().create("diabetes-prod", null, AuthMode.KEY);
    workspace.monitors().create(spec("hourly", Duration.ofHours(1)));
    workspace.monitors().create(spec("daily", Duration.ofDays(1)));
    workspace.monitors().create(spec("on-demand", null));
  }

  @AfterEach
  void tearDown() {
    workspace.close();
  }

  @Test
  void dueMonitorsRunOnceEachAndARestartedSchedulerKeepsTheirRhythm() {
    MonitorScheduler first = new MonitorScheduler(workspace, clock, Duration.ofSeconds(15));
    assertThat(first.runDue()).as("never run: both scheduled monitors are due").containsExactly("daily", "hourly");
    assertThat(first.runDue()).as("just run: nothing is due").isEmpty();
    assertThat(workspace.monitors().listRuns("on-demand", 10)).as("runs only when asked").isEmpty();

    MonitorScheduler restarted = new MonitorScheduler(workspace, clock, Duration.ofSeconds(15));
    assertThat(restarted.runDue()).as("a restart reads the stored runs").isEmpty();

    clock.advance(Duration.ofHours(1));
    assertThat(restarted.runDue()).containsExactly("hourly");
    clock.advance(Duration.ofHours(23));
    assertThat(restarted.runDue()).containsExactly("daily", "hourly");
    assertThat(workspace.monitors().listRuns("hourly", 10)).hasSize(3);
    assertThat(workspace.monitors().listRuns("daily", 10)).hasSize(2);
  }

  @Test
  void theThreadRunsADueMonitorAtOnceAndStopsWhenClosed() throws InterruptedException {
    try (MonitorScheduler scheduler = new MonitorScheduler(workspace, Clock.systemUTC(), Duration.ofMillis(50))) {
      scheduler.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (workspace.monitors().listRuns("hourly", 10).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    int runs = workspace.monitors().listRuns("hourly", 10).size();
    assertThat(runs).as("run once, not once per look").isEqualTo(1);
  }

  private static MonitorSpec spec(String name, Duration every) {
    return new MonitorSpec(name, "diabetes-prod", null, List.of(Signal.DATA_DRIFT), null, every, null, List.of());
  }

  /** The system clock, moved forward by the test: stored runs are stamped with real time. */
  static final class MovableClock extends Clock {
    private Duration offset = Duration.ZERO;

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
