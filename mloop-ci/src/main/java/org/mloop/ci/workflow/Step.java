package org.mloop.ci.workflow;

import java.util.Map;

/**
 * One step of a job: either {@code run} (a script, run by {@code shell}, default bash) or
 * {@code uses} (an action such as "actions/checkout@v4" with its {@code with} inputs). String
 * values keep their {@code ${{ }}} expressions; the runner evaluates them when the step runs.
 * {@code continueOnError} is the raw value (true, false or an expression).
 */
public record Step(
    String id,
    String name,
    String ifCondition,
    String uses,
    Map<String, String> with,
    String run,
    String shell,
    String workingDirectory,
    Map<String, String> env,
    String continueOnError,
    String timeoutMinutes,
    Location location) {

  /** What logs and summaries call the step: its name, else the action or the script's first line. */
  public String displayName() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    if (uses != null) {
      return "Run " + uses;
    }
    String first = run == null ? "" : run.strip().lines().findFirst().orElse("");
    return "Run " + first;
  }
}
