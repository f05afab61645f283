package org.mloop.ci.runner;

import java.util.List;
import java.util.Map;

/**
 * One job in run.json. {@code error} says why a job failed (the step and its last log lines), why
 * it was skipped, or that its approval was rejected; null on success.
 */
public record JobRecord(String id, String name, String environment, RunStatus status, Conclusion conclusion,
    Map<String, String> outputs, List<StepRecord> steps, Long startedAt, Long endedAt, String error) {

  public static JobRecord queued(String id, String name) {
    return new JobRecord(id, name, null, RunStatus.QUEUED, null, Map.of(), List.of(), null, null, null);
  }
}
