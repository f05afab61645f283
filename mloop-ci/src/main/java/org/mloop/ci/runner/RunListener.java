package org.mloop.ci.runner;

/**
 * Follows a run as it goes (the CLI prints log lines); lines are already masked. Log lines come from
 * the thread reading a step's output, so an implementation must be thread-safe (a PrintStream is).
 */
public interface RunListener {
  /** A line of a job's log. */
  void log(int runNumber, String jobId, String line);

  /** run.json was rewritten (a job started or ended, the run waits or completed). */
  default void updated(RunRecord run) {}

  static RunListener none() {
    return (run, job, line) -> {};
  }
}
