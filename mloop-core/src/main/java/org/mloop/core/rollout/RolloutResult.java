package org.mloop.core.rollout;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rollout or restore did and the state it left: {@code operation} "rollout" or "restore";
 * {@code model} the version rolled out or restored to; {@code deployment} the one meant to serve it;
 * {@code trafficBefore}/{@code trafficAfter} the endpoint's live split before and as left;
 * {@code alias} with the version it named before and names after (null: none); {@code kept} the
 * previous deployment left at 0%; {@code deleted} idle deployments removed; {@code error} why it
 * failed (null when it succeeded); {@code steps} in order, with timings.
 */
public record RolloutResult(String operation, String endpoint, String model, String deployment, boolean succeeded,
    String error, Map<String, Integer> trafficBefore, Map<String, Integer> trafficAfter, String alias,
    Integer aliasBefore, Integer aliasAfter, String kept, List<String> deleted, List<RolloutStep> steps,
    long millis) {

  public RolloutResult {
    trafficBefore = sorted(trafficBefore);
    trafficAfter = sorted(trafficAfter);
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  private static Map<String, Integer> sorted(Map<String, Integer> split) {
    return split == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(split));
  }
}
