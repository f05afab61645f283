package org.mloop.ci.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an expression can read: the named contexts ({@code github}, {@code env}, {@code vars},
 * {@code secrets}, {@code inputs}, {@code needs}, {@code steps}, {@code job}, {@code runner}) as plain
 * values (null, Boolean, Double or other Number, String, List, Map), and the state the status
 * functions {@code success()}, {@code failure()} and {@code cancelled()} report. {@code skipped} is for job
 * conditions: a job up the needs chain was skipped, so success() is false while failure() is not true.
 */
public record Contexts(Map<String, Object> values, boolean failed, boolean cancelled, boolean skipped) {
  public Contexts {
    // A copy that, unlike Map.copyOf, accepts null values: a context may be present but empty.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Contexts of(Map<String, Object> values) {
    return new Contexts(values, false, false, false);
  }

  public Contexts withStatus(boolean anyFailed, boolean wasCancelled) {
    return new Contexts(values, anyFailed, wasCancelled, skipped);
  }

  /** For a job's if: whether a job it depends on, directly or not, was skipped. */
  public Contexts withSkippedAncestor(boolean anySkipped) {
    return new Contexts(values, failed, cancelled, anySkipped);
  }

  /** What success() reports: nothing failed, was skipped before, or was cancelled. */
  public boolean succeeded() {
    return !failed && !cancelled && !skipped;
  }
}
