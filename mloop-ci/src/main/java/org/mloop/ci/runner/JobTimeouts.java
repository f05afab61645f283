package org.mloop.ci.runner;

import java.time.Duration;
import org.mloop.ci.workflow.Step;

/**
 * A job's timeout-minutes and its steps': the job's deadline from its start, and for a step the
 * shorter of its own timeout and what is left of the job's. Values may be expressions, evaluated
 * by the caller.
 */
final class JobTimeouts {
  private final String jobTimeout;
  private final Long deadline;

  /** {@code evaluated} is the job's timeout-minutes as evaluated from {@code raw}; both null when it has none. */
  JobTimeouts(String evaluated, String raw, long startedAt) {
    this.jobTimeout = evaluated;
    Double minutes = minutes(evaluated, raw, null);
    this.deadline = minutes == null ? null : startedAt + (long) (minutes * 60_000);
  }

  /** The job's timeout-minutes as evaluated, for messages. */
  String jobTimeout() {
    return jobTimeout;
  }

  boolean deadlinePassed() {
    return deadline != null && System.currentTimeMillis() >= deadline;
  }

  /** How long a step may run: its timeout-minutes ({@code evaluated}), capped by what is left of the job's; null for no limit. */
  Duration forStep(Step step, String evaluated) {
    Double minutes = minutes(evaluated, step.timeoutMinutes(), step);
    Long stepMillis = minutes == null ? null : (long) (minutes * 60_000);
    Long jobMillis = deadline == null ? null : Math.max(0, deadline - System.currentTimeMillis());
    if (stepMillis == null) {
      return jobMillis == null ? null : Duration.ofMillis(jobMillis);
    }
    return Duration.ofMillis(jobMillis == null ? stepMillis : Math.min(stepMillis, jobMillis));
  }

  /**
   * A timeout-minutes value ({@code text}, already evaluated from {@code raw}); null when there is none.
   * A job's error leaves out its location: the runner names the job and its location around it.
   */
  private static Double minutes(String text, String raw, Step step) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.strip());
      if (value <= 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException((step != null ? step.location() + ": " : "")
          + "timeout-minutes must be a positive number of minutes, not '" + text + "'"
          + (raw.strip().equals(text.strip()) ? "" : " (the value of " + raw.strip() + ")"));
    }
  }
}
