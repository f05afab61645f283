package org.mloop.ci.runner;

import java.util.List;
import java.util.Map;

/**
 * A step's outcome and what it left for the steps after it: variables for the job's environment
 * ($GITHUB_ENV), folders for its PATH in the order written ($GITHUB_PATH) and summary markdown.
 */
record StepResult(StepOutcome outcome, Map<String, String> exportedEnv, List<String> addedPath, String summary) {
  /** An outcome that leaves nothing behind. */
  static StepResult of(StepOutcome outcome) {
    return new StepResult(outcome, Map.of(), List.of(), "");
  }
}
