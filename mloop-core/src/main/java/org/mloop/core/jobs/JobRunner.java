package org.mloop.core.jobs;

import java.util.List;

/**
 * Starts the execution of a Queued job somewhere: a detached local process (CLI on a local
 * workspace) or a thread pool in the server. Returns at once; the execution moves the job through
 * Starting, Running and a terminal state in the {@link JobStore}.
 */
public interface JobRunner {

  void start(Job job);

  /** Asks a job to stop; its execution kills the command and the job ends Canceled. */
  void cancel(String jobName);

  /**
   * The names of the compute targets this runner's executions can run a command on: the values a
   * job's {@code compute} may take, checked when the job is submitted. A runner that only runs
   * commands on its own machine has {@value ComputeNames#LOCAL} alone.
   */
  default List<String> computeTargets() {
    return List.of(ComputeNames.LOCAL);
  }
}
