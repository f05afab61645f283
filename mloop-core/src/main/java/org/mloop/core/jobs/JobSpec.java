package org.mloop.core.jobs;

import java.util.Map;

/**
 * A command job specification, as Azure ML's command job YAML: {@code command} may use
 * ${{inputs.NAME}} and ${{outputs.NAME}}; {@code code} is the folder snapshotted and run in,
 * relative to the YAML file; {@code compute} names the compute target that runs the command (see
 * {@link ComputeNames}). Parsed and validated by {@link JobSpecParser}, changed by
 * {@link JobSpecOverrides}; build or change one field with {@link #builder()} and {@link #toBuilder()}.
 */
public record JobSpec(
    String name,
    String displayName,
    String experimentName,
    String description,
    String code,
    String command,
    Map<String, JobInput> inputs,
    Map<String, JobOutput> outputs,
    JobEnvironment environment,
    String compute,
    Map<String, String> tags) {

  /** An empty spec to fill in: no inputs, outputs or tags, and compute {@code local}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this spec's fields, to change some of them. */
  public Builder toBuilder() {
    return new Builder().name(name).displayName(displayName).experimentName(experimentName).description(description)
        .code(code).command(command).inputs(inputs).outputs(outputs).environment(environment).compute(compute)
        .tags(tags);
  }

  /** Builds a {@link JobSpec} field by name. */
  public static final class Builder {
    private String name;
    private String displayName;
    private String experimentName;
    private String description;
    private String code;
    private String command;
    private Map<String, JobInput> inputs = Map.of();
    private Map<String, JobOutput> outputs = Map.of();
    private JobEnvironment environment;
    private String compute = ComputeNames.LOCAL;
    private Map<String, String> tags = Map.of();

    private Builder() {}

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder displayName(String value) {
      displayName = value;
      return this;
    }

    public Builder experimentName(String value) {
      experimentName = value;
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    public Builder code(String value) {
      code = value;
      return this;
    }

    public Builder command(String value) {
      command = value;
      return this;
    }

    public Builder inputs(Map<String, JobInput> value) {
      inputs = value;
      return this;
    }

    public Builder outputs(Map<String, JobOutput> value) {
      outputs = value;
      return this;
    }

    public Builder environment(JobEnvironment value) {
      environment = value;
      return this;
    }

    public Builder compute(String value) {
      compute = value;
      return this;
    }

    public Builder tags(Map<String, String> value) {
      tags = value;
      return this;
    }

    public JobSpec build() {
      return new JobSpec(name, displayName, experimentName, description, code, command, inputs, outputs, environment,
          compute, tags);
    }
  }
}
