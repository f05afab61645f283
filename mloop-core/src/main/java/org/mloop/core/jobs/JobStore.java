package org.mloop.core.jobs;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Persistence of jobs. The job's tracking data (params, metrics) lives in the tracking store under its run. */
public interface JobStore {

  /** Inserts a new job; RESOURCE_ALREADY_EXISTS if the name is taken. */
  Job createJob(Job job);

  Optional<Job> getJob(String name);

  List<Job> listJobs(JobQuery query);

  /** Jobs not yet Completed, Failed or Canceled, oldest first. */
  List<Job> listActiveJobs();

  /**
   * Reads the job, applies {@code change} and writes the result in one transaction, so concurrent
   * updaters (the executor finishing, a user canceling) never lose each other's write.
   */
  Job updateJob(String name, UnaryOperator<Job> change);
}
