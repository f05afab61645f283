package org.mloop.core.jobs;

import java.util.Map;

/**
 * A submitted job: its spec, where it stands, and what it ran with. {@code runId} is its tracking
 * run; {@code commandLine} is the command with every ${{...}} resolved. Build one with
 * {@link #builder()}; the {@code with...}, {@link #started} and {@link #ended} methods return a
 * changed copy.
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

  /** An empty job to fill in: no inputs or outputs. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this job's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.displayName = displayName;
    b.experimentId = experimentId;
    b.experimentName = experimentName;
    b.runId = runId;
    b.description = description;
    b.status = status;
    b.spec = spec;
    b.inputs = inputs;
    b.outputs = outputs;
    b.code = code;
    b.commandLine = commandLine;
    b.createdAt = createdAt;
    b.startedAt = startedAt;
    b.endedAt = endedAt;
    b.exitCode = exitCode;
    b.error = error;
    b.executor = executor;
    return b;
  }

  public Job withStatus(JobStatus newStatus) {
    return toBuilder().status(newStatus).build();
  }

  public Job withExecutor(Executor newExecutor) {
    return toBuilder().executor(newExecutor).build();
  }

  public Job withCommandLine(String resolved) {
    return toBuilder().commandLine(resolved).build();
  }

  /** Running since {@code at}. */
  public Job started(long at) {
    return toBuilder().status(JobStatus.Running).startedAt(at).build();
  }

  /** Ended {@code finalStatus} at {@code at}, with its exit code, error message and stored outputs. */
  public Job ended(JobStatus finalStatus, long at, Integer code, String message, Map<String, String> newOutputs) {
    return toBuilder().status(finalStatus).endedAt(at).exitCode(code).error(message).outputs(newOutputs).build();
  }

  /** Builds a {@link Job} field by name. */
  public static final class Builder {
    private String name;
    private String displayName;
    private String experimentId;
    private String experimentName;
    private String runId;
    private String description;
    private JobStatus status;
    private JobSpec spec;
    private Map<String, ResolvedInput> inputs = Map.of();
    private Map<String, String> outputs = Map.of();
    private CodeSnapshot code;
    private String commandLine;
    private long createdAt;
    private Long startedAt;
    private Long endedAt;
    private Integer exitCode;
    private String error;
    private Executor executor;

    private Builder() {}

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder displayName(String value) {
      displayName = value;
      return this;
    }

    public Builder experimentId(String value) {
      experimentId = value;
      return this;
    }

    public Builder experimentName(String value) {
      experimentName = value;
      return this;
    }

    public Builder runId(String value) {
      runId = value;
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    public Builder status(JobStatus value) {
      status = value;
      return this;
    }

    public Builder spec(JobSpec value) {
      spec = value;
      return this;
    }

    public Builder inputs(Map<String, ResolvedInput> value) {
      inputs = value;
      return this;
    }

    public Builder outputs(Map<String, String> value) {
      outputs = value;
      return this;
    }

    public Builder code(CodeSnapshot value) {
      code = value;
      return this;
    }

    public Builder commandLine(String value) {
      commandLine = value;
      return this;
    }

    public Builder createdAt(long value) {
      createdAt = value;
      return this;
    }

    public Builder startedAt(Long value) {
      startedAt = value;
      return this;
    }

    public Builder endedAt(Long value) {
      endedAt = value;
      return this;
    }

    public Builder exitCode(Integer value) {
      exitCode = value;
      return this;
    }

    public Builder error(String value) {
      error = value;
      return this;
    }

    public Builder executor(Executor value) {
      executor = value;
      return this;
    }

    public Job build() {
      return new Job(name, displayName, experimentId, experimentName, runId, description, status, spec, inputs,
          outputs, code, commandLine, createdAt, startedAt, endedAt, exitCode, error, executor);
    }
  }
}
