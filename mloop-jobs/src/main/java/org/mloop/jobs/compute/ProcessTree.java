package org.mloop.jobs.compute;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Stops a process and everything it started. */
public final class ProcessTree {
  private ProcessTree() {}

  /**
   * Sends SIGTERM to {@code root} and all its descendants, waits up to {@code grace} for them to
   * end, then kills what is left. Descendants are collected before the root goes, because once a
   * parent is dead its children are re-parented and no longer found through it.
   */
  public static void destroy(ProcessHandle root, Duration grace) {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    all.add(root);
    root.descendants().forEach(all::add);
    root.destroy();
    // A few rounds: a shell may start another command while its previous one is being stopped.
    for (int round = 0; round < 3; round++) {
      for (ProcessHandle p : Set.copyOf(all)) {
        p.descendants().forEach(all::add);
      }
      all.forEach(ProcessHandle::destroy);
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          p.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (Exception e) {
          // still running: killed below
        }
      }
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
