package org.mloop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/** CPU time of this process and of its threads, in nanoseconds, for costs that wall-clock noise hides. */
final class CpuTimes {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimes() {}

  /** CPU time of the whole process so far. */
  static long process() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Summed CPU time of the live threads whose name starts with {@code prefix}. */
  static long threadNamed(String prefix) {
    long total = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(prefix)) {
        long t = THREADS.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, t);
      }
    }
    return total;
  }
}
