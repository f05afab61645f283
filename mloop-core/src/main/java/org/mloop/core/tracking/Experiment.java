package org.mloop.core.tracking;

import java.util.Map;

/** An MLflow-style experiment: a named group of runs. {@code lifecycleStage} is "active" or "deleted". */
public record Experiment(
    String experimentId,
    String name,
    String artifactLocation,
    String lifecycleStage,
    long creationTime,
    long lastUpdateTime,
    Map<String, String> tags) {

  public static final String ACTIVE = "active";
  public static final String DELETED = "deleted";
  public static final String DEFAULT_ID = "0";
  public static final String DEFAULT_NAME = "Default";
}
