package org.mloop.core.jobs;

/**
 * Reads a job's log from an offset: from the executor's live file while the job runs, from the
 * artifact store once it has ended. Implemented next to the executor, which knows where logs go.
 */
public interface JobLogs {
  LogChunk read(String jobName, long offset, int maxBytes);
}
