package org.mloop.core.jobs;

import java.util.Collection;
import org.mloop.core.DidYouMean;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;

/**
 * The {@code compute} field of a job: the name of the compute target that runs its command. Which
 * targets exist is up to the runner of the workspace's jobs ({@link JobRunner#computeTargets()});
 * {@value #LOCAL}, the machine the workspace's executor runs on, always exists and is the default.
 */
public final class ComputeNames {
  /** The compute target of a job that names none. */
  public static final String LOCAL = "local";
  /** Compute target names, as a job file writes them and a registry of targets registers them. */
  public static final NameRule NAME = NameRule.of("compute target name", 128, "[A-Za-z0-9][A-Za-z0-9._-]*",
      "use letters, digits, '.', '-' and '_', starting with a letter or digit");

  private ComputeNames() {}

  /** The compute target {@code spec} runs on: its {@code compute}, or {@value #LOCAL} when it names none. */
  public static String of(JobSpec spec) {
    return spec.compute() == null ? LOCAL : spec.compute();
  }

  /**
   * Returns {@code name} when it is one of {@code known}; otherwise throws INVALID_PARAMETER_VALUE
   * naming the field, the name and the known targets.
   */
  public static String check(String name, Collection<String> known) {
    if (!known.contains(name)) {
      throw MloopException.invalid(unknown(name, known));
    }
    return name;
  }

  /** "compute: 'gpu' is not available: the compute targets are local, spark; ...": the message of an unknown name. */
  public static String unknown(String name, Collection<String> known) {
    return "compute: " + MessageText.quoted(name) + " is not available" + DidYouMean.suggestion(name, known)
        + ": the compute targets are " + String.join(", ", known) + "; write one of them, or leave compute out to"
        + " run on " + LOCAL;
  }
}
