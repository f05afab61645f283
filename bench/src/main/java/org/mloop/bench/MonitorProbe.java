package org.mloop.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.monitor.MonitorEvaluator;

/**
 * The measuring side of {@link MonitorBench}, run in a JVM of its own per measurement so that setting
 * up the data leaves nothing behind (compiled code, garbage, heap size) and the heap can be fixed.
 *
 * <ul>
 *   <li>{@code --mode time}: the raw read of the window's records ({@link CollectedRecords#forEach}
 *       doing nothing with them) and {@link MonitorEvaluator#evaluate}, each {@code --warmup} times,
 *       then {@code --repeats} times measured (wall clock and the process's CPU time);
 *   <li>{@code --mode memory}: one {@code --what evaluate|read} over the window while a sampler forces
 *       a full collection every {@code --sample-ms} (default 200) and records the heap still in use:
 *       the live set. The largest heap left after any collection the JVM made on its own is recorded too.
 * </ul>
 *
 * Both take {@code --workspace DIR} (set up by {@link MonitoredEndpoint}), {@code --rows N} (the window
 * holding exactly the first N collected rows) and {@code --signals a,b,c}. Lines starting with
 * {@value #RESULT} are read back by {@link MonitorBench}.
 */
public final class MonitorProbe {
  static final String RESULT = "RESULT ";

  private MonitorProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(BenchArgs.option(args, "--workspace"));
    long rows = Long.parseLong(BenchArgs.option(args, "--rows"));
    List<Signal> signals = Arrays.stream(BenchArgs.option(args, "--signals").split(",")).map(Signal::parse).toList();
    MonitoredEndpoint.Plan plan = MonitoredEndpoint.readPlan(dir);
    if (plan == null) {
      throw new IllegalArgumentException("no benchmark workspace at " + dir + " (no " + MonitoredEndpoint.PLAN_FILE + ")");
    }
    long[] window = plan.window(rows);
    Monitor monitor = MonitoredEndpoint.monitor(signals);
    try (LocalWorkspace workspace = MonitoredEndpoint.open(dir)) {
      String mode = BenchArgs.option(args, "--mode", "time");
      if (mode.equals("time")) {
        time(workspace, monitor, window, rows, BenchArgs.intOption(args, "--warmup", 1), BenchArgs.intOption(args, "--repeats", 5));
      } else if (mode.equals("memory")) {
        memory(workspace, monitor, window, rows, BenchArgs.option(args, "--what", "evaluate"),
            BenchArgs.intOption(args, "--sample-ms", 200));
      } else {
        throw new IllegalArgumentException("--mode is time or memory, got " + mode);
      }
    }
  }

  // ---- time

  private static void time(LocalWorkspace workspace, Monitor monitor, long[] window, long rows, int warmup, int repeats) {
    measure("read", warmup, repeats, () -> {
      long n = read(workspace, window);
      check(n == rows, "the raw read gave " + n + " records for a window of " + rows);
    });
    MonitorRun[] last = new MonitorRun[1];
    boolean available = measure("evaluate", warmup, repeats, () -> {
      MonitorRun run = new MonitorEvaluator().evaluate(workspace, monitor, window[0], window[1]);
      check(run.verdict() != Verdict.FAILED, "the monitor run failed: " + run.summary());
      check(run.rows() == rows, "the monitor run read " + run.rows() + " rows of a window of " + rows);
      last[0] = run;
    });
    if (available) {
      describe(last[0]);
    }
  }

  /** Times {@code action} after warming up; false (and says so) when the evaluator is not written yet. */
  private static boolean measure(String what, int warmup, int repeats, Runnable action) {
    try {
      for (int i = 0; i < warmup; i++) {
        long t0 = System.nanoTime();
        action.run();
        System.out.printf(Locale.ROOT, "  %s warm-up %d: %.2f s%n", what, i + 1, (System.nanoTime() - t0) / 1e9);
      }
    } catch (UnsupportedOperationException e) {
      System.out.println(RESULT + "unavailable what=" + what + " reason=" + e.getMessage());
      return false;
    }
    double[] wall = new double[repeats];
    double[] cpu = new double[repeats];
    double[] threadCpu = new double[repeats];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < repeats; i++) {
      long c0 = CpuTimes.process();
      long tc0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      action.run();
      wall[i] = (System.nanoTime() - t0) / 1e9;
      threadCpu[i] = (threads.getCurrentThreadCpuTime() - tc0) / 1e9;
      cpu[i] = (CpuTimes.process() - c0) / 1e9;
      System.out.printf(Locale.ROOT, "  %s %d: %.2f s (CPU: this thread %.2f s, process %.2f s)%n", what, i + 1, wall[i],
          threadCpu[i], cpu[i]);
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    Arrays.sort(threadCpu);
    System.out.printf(Locale.ROOT,
        RESULT + "time what=%s median=%.3f min=%.3f max=%.3f thread_cpu_median=%.3f cpu_median=%.3f repeats=%d%n",
        what, wall[repeats / 2], wall[0], wall[repeats - 1], threadCpu[repeats / 2], cpu[repeats / 2], repeats);
    return true;
  }

  private static long read(LocalWorkspace workspace, long[] window) {
    return CollectedRecords.of(workspace.endpoints(), MonitoredEndpoint.ENDPOINT, MonitoredEndpoint.DEPLOYMENT)
        .forEach(Instant.ofEpochMilli(window[0]), Instant.ofEpochMilli(window[1]), r -> { });
  }

  /** What the run found, so a reader sees that unshifted traffic raised no alarm. */
  private static void describe(MonitorRun run) {
    System.out.printf(Locale.ROOT, "  run: verdict %s, %,d rows against %s (%,d rows); %s%n", run.verdict(), run.rows(),
        run.baseline(), run.baselineRows(), run.summary());
    for (SignalResult s : run.signals()) {
      System.out.printf(Locale.ROOT, "    %s: %s%s%n", s.signal(), s.alert() ? "ALERT " : "", s.summary());
    }
    long drifted = run.metrics().stream().filter(MetricResult::breached).count();
    System.out.printf(Locale.ROOT, "    %d metrics, %d over their threshold, %d histograms%s%n", run.metrics().size(), drifted,
        run.histograms().size(), run.notes().isEmpty() ? "" : "; notes: " + String.join("; ", run.notes()));
    System.out.println(RESULT + "run verdict=" + run.verdict() + " metrics=" + run.metrics().size() + " drifted=" + drifted);
  }

  // ---- memory

  private static void memory(LocalWorkspace workspace, Monitor monitor, long[] window, long rows, String what, int sampleMs)
      throws InterruptedException {
    AtomicLong afterGc = new AtomicLong();
    listenToCollections(afterGc);
    long idle = liveHeap();
    AtomicLong live = new AtomicLong(idle);
    List<Long> samples = new ArrayList<>();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(sampleMs);
        } catch (InterruptedException e) {
          return;
        }
        long used = liveHeap();
        live.accumulateAndGet(used, Math::max);
        synchronized (samples) {
          samples.add(used);
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    long t0 = System.nanoTime();
    sampler.start();
    long n;
    try {
      if (what.equals("read")) {
        n = read(workspace, window);
      } else if (what.equals("evaluate")) {
        MonitorRun run = new MonitorEvaluator().evaluate(workspace, monitor, window[0], window[1]);
        check(run.verdict() != Verdict.FAILED, "the monitor run failed: " + run.summary());
        n = run.rows();
      } else {
        throw new IllegalArgumentException("--what is evaluate or read, got " + what);
      }
    } catch (UnsupportedOperationException e) {
      System.out.println(RESULT + "unavailable what=" + what + " reason=" + e.getMessage());
      return;
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    check(n == rows, what + " gave " + n + " rows for a window of " + rows);
    long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    long[] sorted;
    synchronized (samples) {
      sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    System.out.printf(Locale.ROOT,
        RESULT + "memory what=%s rows=%d idle_mb=%.1f live_peak_mb=%.1f after_gc_peak_mb=%.1f max_heap_mb=%.0f "
            + "samples=%d seconds=%.1f%n",
        what, rows, idle / 1048576.0, live.get() / 1048576.0, afterGc.get() / 1048576.0, max / 1048576.0,
        samples.size(), seconds);
    if (sorted.length > 0) {
      System.out.printf(Locale.ROOT, "  %d live heap samples: min %.1f MB, median %.1f MB, max %.1f MB%n", sorted.length,
          sorted[0] / 1048576.0, sorted[sorted.length / 2] / 1048576.0, sorted[sorted.length - 1] / 1048576.0);
    }
  }

  /** Heap in use right after a full collection. */
  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Keeps the largest heap in use after any collection (summed over the collector's pools). */
  private static void listenToCollections(AtomicLong largest) {
    NotificationListener listener = (notification, handback) -> {
      if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
      largest.accumulateAndGet(used, Math::max);
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
