package org.mloop.monitor.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the monitors that have {@code every} set, inside {@code mloop server}: a daemon thread looks
 * every {@link #DEFAULT_TICK} for monitors that are due and runs them one at a time, so a burst of
 * due monitors never competes with scoring for more than one core.
 *
 * <p>A monitor is due when it has never run or its latest stored run started at least {@code every}
 * ago. That is read from the stored runs, not remembered, so a restarted server picks up where the
 * last one stopped (and a `mloop monitor run` by hand counts as a run). A run that throws is logged
 * and tried again {@code every} later (remembered in memory only); the thread never dies of it.
 */
public final class MonitorScheduler implements AutoCloseable {
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(MonitorScheduler.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final Workspace workspace;
  private final Clock clock;
  private final Duration tick;
  /** When a monitor's last run attempt threw: it is not tried again before attempt + every. */
  private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
  private final Object sleep = new Object();
  private volatile boolean stopped;
  private Thread thread;

  public MonitorScheduler(Workspace workspace, Clock clock, Duration tick) {
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be positive, got " + tick);
    }
    this.workspace = workspace;
    this.clock = clock;
    this.tick = tick;
  }

  /** A scheduler on the system clock, looking every {@link #DEFAULT_TICK}, already started. */
  public static MonitorScheduler start(Workspace workspace) {
    MonitorScheduler s = new MonitorScheduler(workspace, Clock.systemUTC(), DEFAULT_TICK);
    s.start();
    return s;
  }

  /** Starts the daemon thread; its first look is at once. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::loop, "monitor-scheduler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether a monitor is due at {@code now}: scheduled, and never run or its latest run started >= every ago. */
  public static boolean due(Monitor monitor, MonitorRun latest, long now) {
    Duration every = monitor.spec().every();
    if (every == null) {
      return false;
    }
    return latest == null || latest.startedAt() + every.toMillis() <= now;
  }

  /**
   * One look: runs every due monitor, one at a time, and returns the names of those run (whatever
   * their verdict). A monitor whose run throws is logged and skipped; the others still run.
   */
  public List<String> runDue() {
    List<String> ran = new ArrayList<>();
    List<Monitor> monitors;
    try {
      monitors = workspace.monitors().list();
    } catch (RuntimeException e) {
      LOG.warn("scheduled monitors: cannot list monitors: {}", e.toString());
      return ran;
    }
    for (Monitor m : monitors) {
      if (stopped) {
        break;
      }
      if (m.spec().every() == null) {
        continue;
      }
      try {
        long now = clock.millis();
        Long failed = failedAt.get(m.name());
        if (failed != null && failed + m.spec().every().toMillis() > now) {
          continue;
        }
        List<MonitorRun> latest = workspace.monitors().listRuns(m.name(), 1);
        if (!due(m, latest.isEmpty() ? null : latest.get(0), now)) {
          continue;
        }
        MonitorRun run = workspace.monitors().run(m.name(), null, null);
        failedAt.remove(m.name());
        ran.add(m.name());
        LOG.info("scheduled monitor {}: run {} {}: {}", m.name(), run.id(), run.verdict(), run.summary());
      } catch (RuntimeException e) {
        failedAt.put(m.name(), clock.millis());
        LOG.warn("scheduled monitor {} failed (next try in {}): {}", m.name(), m.spec().every(), e.toString());
      }
    }
    failedAt.keySet().retainAll(monitors.stream().map(Monitor::name).toList());
    return ran;
  }

  private void loop() {
    while (!stopped) {
      runDue();
      synchronized (sleep) {
        if (stopped) {
          break;
        }
        try {
          sleep.wait(tick.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Stops looking. A run in progress is not interrupted (it may be writing to the store); this waits
   * for it up to {@link #STOP_WAIT}, then returns and leaves the daemon thread to finish.
   */
  @Override
  public void close() {
    stopped = true;
    synchronized (sleep) {
      sleep.notifyAll();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(STOP_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
