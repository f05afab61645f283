package org.mloop.ci.runner;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a run, job or step ended, with GitHub's names ({@code needs.<job>.result}, {@code steps.<id>.outcome}). */
public enum Conclusion {
  @JsonProperty("success") SUCCESS,
  @JsonProperty("failure") FAILURE,
  @JsonProperty("cancelled") CANCELLED,
  @JsonProperty("skipped") SKIPPED,
  /** A job whose environment approval was rejected; counts as a failure for its dependants and the run. */
  @JsonProperty("rejected") REJECTED;

  /** GitHub's result string for the expression contexts: a rejection reads as "failure" there. */
  public String result() {
    return this == REJECTED ? "failure" : toString();
  }

  public boolean failed() {
    return this == FAILURE || this == REJECTED;
  }

  @Override
  public String toString() {
    return name().toLowerCase();
  }
}
