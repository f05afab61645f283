package org.mloop.core.jobs;

import java.util.Map;

/**
 * A command job specification, as Azure ML's command job YAML: {@code command} may use
 * ${{inputs.NAME}} and ${{outputs.NAME}}; {@code code} is the folder snapshotted and run in,
 * relative to the YAML file. Parsed and validated by {@link JobSpecParser}.
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
    Map<String, String> tags) {}
