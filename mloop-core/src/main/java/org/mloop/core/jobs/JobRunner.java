package org.mloop.core.jobs;

/**
 * Starts the execution of a Queued job somewhere: a detached local process (CLI on a local
 * workspace) or a thread pool in the server. Returns at once; the execution moves the job through
 * Starting, Running and a terminal state in the {@link JobStore}.
 */
public interface JobRunner {

  void start(Job job);

  /** Asks a job to stop; its execution kills the command and the job ends Canceled. */
  void cancel(String jobName);
}
