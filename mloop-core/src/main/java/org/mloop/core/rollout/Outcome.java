package org.mloop.core.rollout;

import java.util.List;
import java.util.Map;

/** What a rollout or restore knows from its start, to which its end adds the state it left. */
record Outcome(String operation, String endpoint, String model, String deployment, Map<String, Integer> before,
    String alias, Integer aliasBefore, Steps steps) {

  RolloutResult succeeded(Map<String, Integer> after, Integer aliasAfter, String kept, List<String> deleted) {
    return result(true, null, after, aliasAfter, kept, deleted);
  }

  RolloutResult failed(RuntimeException error, Map<String, Integer> after, Integer aliasAfter, String kept,
      List<String> deleted) {
    return result(false, error.getMessage(), after, aliasAfter, kept, deleted);
  }

  private RolloutResult result(boolean ok, String error, Map<String, Integer> after, Integer aliasAfter, String kept,
      List<String> deleted) {
    return new RolloutResult(operation, endpoint, model, deployment, ok, error, before, after, alias, aliasBefore,
        aliasAfter, kept, deleted, steps.list(), steps.millis());
  }
}
