package org.mloop.core.jobs;

import java.util.Map;

/**
 * A submitted job: its spec, where it stands, and what it ran with. {@code runId} is its tracking
 * run; {@code commandLine} is the command with every ${{...}} resolved.
 */
public record Job(
    String name,
    String displayName,
    String experimentId,
    String experimentName,
    String runId,
    String description,
    JobStatus status,
    JobSpec spec,
    Map<String, ResolvedInput> inputs,
    Map<String, String> outputs,
    CodeSnapshot code,
    String commandLine,
    long createdAt,
    Long startedAt,
    Long endedAt,
    Integer exitCode,
    String error,
    Executor executor) {

  public Job withStatus(JobStatus newStatus) {
    return new Job(name, displayName, experimentId, experimentName, runId, description, newStatus, spec,
        inputs, outputs, code, commandLine, createdAt, startedAt, endedAt, exitCode, error, executor);
  }

  public Job withExecutor(Executor newExecutor) {
    return new Job(name, displayName, experimentId, experimentName, runId, description, status, spec,
        inputs, outputs, code, commandLine, createdAt, startedAt, endedAt, exitCode, error, newExecutor);
  }

  public Job started(long at) {
    return new Job(name, displayName, experimentId, experimentName, runId, description, JobStatus.Running, spec,
        inputs, outputs, code, commandLine, createdAt, at, endedAt, exitCode, error, executor);
  }

  public Job ended(JobStatus finalStatus, long at, Integer code, String message, Map<String, String> newOutputs) {
    return new Job(name, displayName, experimentId, experimentName, runId, description, finalStatus, spec,
        inputs, newOutputs, this.code, commandLine, createdAt, startedAt, at, code, message, executor);
  }
}
