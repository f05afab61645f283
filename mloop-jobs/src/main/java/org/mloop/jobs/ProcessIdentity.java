package org.mloop.jobs;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import org.mloop.core.jobs.Executor;

/**
 * Who executes a job, and whether that process still exists. A pid alone is not enough: pids are
 * reused, so a process counts as the same one only if its start time matches too.
 */
final class ProcessIdentity {
  /** Start times are derived from clock ticks; allow for rounding between two readings. */
  private static final long START_TOLERANCE_MILLIS = 1000;
  private static final String HOST = hostName();

  private ProcessIdentity() {}

  static String host() {
    return HOST;
  }

  static Executor current() {
    ProcessHandle self = ProcessHandle.current();
    return new Executor(HOST, self.pid(), startMillis(self));
  }

  static Executor of(ProcessHandle process) {
    return new Executor(HOST, process.pid(), startMillis(process));
  }

  static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  static boolean onThisHost(Executor executor) {
    return HOST.equals(executor.host());
  }

  /** The live process {@code executor} describes, if it still runs (on this host). */
  static Optional<ProcessHandle> find(Executor executor) {
    return ProcessHandle.of(executor.pid())
        .filter(ProcessHandle::isAlive)
        .filter(p -> {
          long start = startMillis(p);
          // An unknown start time on either side cannot prove a reuse: trust the pid.
          return start == 0 || executor.processStartMillis() == 0
              || Math.abs(start - executor.processStartMillis()) <= START_TOLERANCE_MILLIS;
        });
  }

  static boolean isAlive(Executor executor) {
    return find(executor).isPresent();
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return env != null && !env.isBlank() ? env : "localhost";
    }
  }
}
