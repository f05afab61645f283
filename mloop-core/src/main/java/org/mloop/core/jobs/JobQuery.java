package org.mloop.core.jobs;

/** Filters for listing jobs; null fields match everything. Newest first. */
public record JobQuery(String experimentName, JobStatus status, int limit) {
  public static JobQuery all() {
    return new JobQuery(null, null, 100);
  }
}
