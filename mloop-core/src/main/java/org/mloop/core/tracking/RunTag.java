package org.mloop.core.tracking;

/** A mutable key/value label on a run or experiment. */
public record RunTag(String key, String value) {
  /** The tag that holds a run's name, as MLflow keeps it. */
  public static final String RUN_NAME = "mlflow.runName";
}
