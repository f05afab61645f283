package org.mloop.ci.runner;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a run or a job is in its life, with GitHub's names. */
public enum RunStatus {
  @JsonProperty("queued") QUEUED,
  @JsonProperty("running") RUNNING,
  /** Paused until a person approves or rejects a protected environment. */
  @JsonProperty("waiting") WAITING,
  @JsonProperty("completed") COMPLETED;

  @Override
  public String toString() {
    return name().toLowerCase();
  }
}
