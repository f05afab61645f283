package org.mloop.core.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The steps of one rollout or restore as they run: each timed, recorded whether it worked or not. */
final class Steps {
  private final long started = System.nanoTime();
  private final List<RolloutStep> done = new ArrayList<>();

  /** Runs {@code action} as the step {@code name}; a failure is recorded and thrown on. */
  <T> T run(String name, Supplier<T> action) {
    long start = System.nanoTime();
    try {
      T result = action.get();
      done.add(new RolloutStep(name, true, millisSince(start), result instanceof String text ? text : null));
      return result;
    } catch (RuntimeException e) {
      done.add(new RolloutStep(name, false, millisSince(start), e.getMessage()));
      throw e;
    }
  }

  /** Runs {@code action} as the step {@code name}; a failure is recorded only. True when it worked. */
  boolean tryRun(String name, Supplier<?> action) {
    try {
      run(name, action);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  List<RolloutStep> list() {
    return List.copyOf(done);
  }

  long millis() {
    return millisSince(started);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
