package org.mloop.core.jobs;

import java.time.Duration;

/**
 * Reads a job's log from an offset: from the executor's live file while the job runs, from the
 * artifact store once it has ended. Implemented next to the executor, which knows where logs go.
 */
public interface JobLogs {
  LogChunk read(String jobName, long offset, int maxBytes);

  /**
   * As {@link #read(String, long, int)}, but when that finds no new text and the job has not
   * ended, waits up to {@code wait} for the log to grow or the job's status to change (not by
   * sleeping: by watching where the executor writes); what is there then is returned.
   */
  LogChunk read(String jobName, long offset, int maxBytes, Duration wait);
}
