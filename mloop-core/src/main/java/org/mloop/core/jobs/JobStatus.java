package org.mloop.core.jobs;

/** Azure ML's job states, persisted as a state machine. */
public enum JobStatus {
  Queued,
  Starting,
  Running,
  Completed,
  Failed,
  Canceled;

  public boolean terminal() {
    return this == Completed || this == Failed || this == Canceled;
  }
}
