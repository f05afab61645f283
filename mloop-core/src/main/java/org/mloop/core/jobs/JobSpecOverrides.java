package org.mloop.core.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.MessageText;

/**
 * Applies {@code KEY=VALUE} overrides (the CLI's {@code --set}) to a parsed {@link JobSpec}:
 * {@code inputs.NAME=VALUE} (a literal keeps its type and must match it; a data input keeps its type
 * and takes VALUE as its path), {@code name}, {@code experiment_name}, {@code display_name},
 * {@code description}, {@code environment.variables.NAME} or {@code tags.KEY}. The values follow
 * the rules of the job file ({@link JobFieldRules}); relative local paths are resolved against the
 * current directory. A problem is reported as "--set ASSIGNMENT: FIELD: what is wrong" in a
 * {@link JobSpecException}; the spec given is never changed.
 */
public final class JobSpecOverrides {
  private static final List<String> SET_KEYS =
      List.of("inputs.NAME", "name", "experiment_name", "display_name", "description", "environment.variables.NAME",
          "tags.KEY");

  private final SpecProblems problems;

  private JobSpecOverrides(String assignment) {
    this.problems = new SpecProblems("--set " + assignment);
  }

  /** Applies several overrides in order; see {@link #apply(JobSpec, String)}. */
  public static JobSpec apply(JobSpec spec, List<String> assignments) {
    JobSpec result = spec;
    for (String assignment : assignments) {
      result = apply(result, assignment);
    }
    return result;
  }

  /** Applies one {@code KEY=VALUE} override; throws a {@link JobSpecException} naming what is wrong. */
  public static JobSpec apply(JobSpec spec, String assignment) {
    JobSpecOverrides overrides = new JobSpecOverrides(assignment);
    JobSpec result = overrides.set(spec, assignment);
    overrides.problems.throwIfAny();
    return result;
  }

  private JobSpec set(JobSpec spec, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      problems.add(-1, null, "use KEY=VALUE, e.g. --set inputs.reg_rate=0.1 (keys: " + String.join(", ", SET_KEYS) + ")");
      return spec;
    }
    String key = assignment.substring(0, eq).strip();
    String value = assignment.substring(eq + 1);
    if (key.startsWith("inputs.")) {
      return setInput(spec, key, key.substring("inputs.".length()), value);
    }
    if (key.startsWith("environment.variables.")) {
      String variable = key.substring("environment.variables.".length());
      JobFieldRules.checkVariableName(problems, -1, key, variable);
      Map<String, String> variables = new LinkedHashMap<>(spec.environment().variables());
      variables.put(variable, value);
      return spec.toBuilder().environment(new JobEnvironment(spec.environment().name(), variables)).build();
    }
    if (key.startsWith("tags.") && key.length() > "tags.".length()) {
      Map<String, String> tags = new LinkedHashMap<>(spec.tags());
      tags.put(key.substring("tags.".length()), value);
      return spec.toBuilder().tags(tags).build();
    }
    return switch (key) {
      case "name" -> {
        JobFieldRules.checkJobName(problems, -1, key, value);
        yield spec.toBuilder().name(value).build();
      }
      case "experiment_name" -> {
        if (value.isBlank()) {
          problems.add(-1, key, "is empty: give the experiment's name");
        }
        yield spec.toBuilder().experimentName(value).build();
      }
      case "display_name" -> spec.toBuilder().displayName(value).build();
      case "description" -> spec.toBuilder().description(value).build();
      default -> {
        problems.add(-1, null, MessageText.quoted(key) + " cannot be set: settable keys are "
            + String.join(", ", SET_KEYS));
        yield spec;
      }
    };
  }

  private JobSpec setInput(JobSpec spec, String key, String name, String value) {
    JobInput input = spec.inputs().get(name);
    if (input == null) {
      problems.add(-1, key, "the job has no input " + MessageText.quoted(name) + " ("
          + JobFieldRules.declared("inputs", spec.inputs().keySet()) + "); declare it in the job file first");
      return spec;
    }
    JobInput replaced;
    if (input.isData()) {
      String path = JobFieldRules.checkDataPath(problems, Path.of("").toAbsolutePath(), -1, key, input.type(), value);
      replaced = new JobInput(input.type(), path, null, input.description());
    } else {
      String literal = JobFieldRules.checkLiteral(problems, -1, key, input.type(), value);
      replaced = new JobInput(input.type(), null, literal, input.description());
    }
    Map<String, JobInput> inputs = new LinkedHashMap<>(spec.inputs());
    inputs.put(name, replaced);
    return spec.toBuilder().inputs(inputs).build();
  }
}
