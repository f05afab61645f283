package org.mloop.ci.workflow;

import java.util.List;
import java.util.Map;

/**
 * One job of a workflow. {@code environment} is the GitHub environment's name (its protection
 * rules, such as a required approval, come from the local settings file), null when none.
 * {@code defaultShell}/{@code defaultWorkingDirectory} come from {@code defaults.run} (the job's,
 * else the workflow's). Raw strings keep their expressions.
 */
public record WorkflowJob(
    String id,
    String name,
    List<String> needs,
    String ifCondition,
    String runsOn,
    String environment,
    Map<String, String> env,
    Map<String, String> outputs,
    String timeoutMinutes,
    String continueOnError,
    String defaultShell,
    String defaultWorkingDirectory,
    List<Step> steps,
    Location location) {

  public String displayName() {
    return name != null && !name.isBlank() ? name : id;
  }
}
