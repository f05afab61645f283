package org.mloop.core.tracking;

/** MLflow's run statuses. */
public enum RunStatus {
  RUNNING,
  SCHEDULED,
  FINISHED,
  FAILED,
  KILLED;

  public boolean terminal() {
    return this == FINISHED || this == FAILED || this == KILLED;
  }
}
