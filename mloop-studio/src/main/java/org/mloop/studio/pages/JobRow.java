package org.mloop.studio.pages;

import org.mloop.core.jobs.Job;

/** A job as lists show it. */
public record JobRow(String name, String displayName, String experiment, String status, long createdAt,
    boolean terminal) {
  public static JobRow of(Job job) {
    return new JobRow(job.name(), job.displayName() == null ? "" : job.displayName(),
        job.experimentName() == null ? "" : job.experimentName(), job.status().name(), job.createdAt(),
        job.status().terminal());
  }
}
