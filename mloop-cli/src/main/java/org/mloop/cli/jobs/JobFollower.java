package org.mloop.cli.jobs;

import java.io.PrintWriter;
import java.time.Duration;
import org.mloop.cli.Printer;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobService;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.workspace.Workspace;

/** Prints a job's log as it grows, until the job ends; used by --stream and `job stream`. */
public final class JobFollower {
  private static final int CHUNK = 64 * 1024;
  private final Workspace workspace;
  private final PrintWriter out;

  public JobFollower(Workspace workspace, PrintWriter out) {
    this.workspace = workspace;
    this.out = out;
  }

  /**
   * Follows a job on the printer's progress stream until it ends and returns the exit code; with
   * --output json the log goes to stderr and stdout carries the job as it ended.
   */
  public static int followToEnd(Workspace workspace, String jobName, Printer out) {
    Job last = new JobFollower(workspace, out.progress()).follow(jobName);
    if (out.json()) {
      out.json(last);
    }
    return exitCode(last);
  }

  /**
   * Prints the job's status as it changes and its log as it grows: each round is one log read that
   * waits (up to {@link JobService#MAX_LOG_WAIT}) until the log grows or the status changes.
   */
  public Job follow(String jobName) {
    long offset = 0;
    JobStatus lastStatus = null;
    Duration wait = Duration.ZERO; // the first read answers at once, so the status is printed first
    while (true) {
      LogChunk chunk = workspace.jobs().readLog(jobName, offset, CHUNK, wait);
      JobStatus status = chunk.status() != null ? chunk.status() : workspace.jobs().get(jobName).status();
      if (status != lastStatus && !status.terminal()) {
        out.println("[" + jobName + "] " + status);
        lastStatus = status;
      }
      if (!chunk.text().isEmpty()) {
        out.print(chunk.text());
        out.flush();
      }
      offset = chunk.nextOffset();
      if (status.terminal() && chunk.nextOffset() == chunk.offset()) {
        Job done = workspace.jobs().get(jobName);
        out.println("[" + done.name() + "] " + done.status()
            + (done.exitCode() != null ? " (exit code " + done.exitCode() + ")" : "")
            + (done.status() != JobStatus.Completed && done.error() != null ? ": " + firstLine(done.error()) : ""));
        return done;
      }
      wait = JobService.MAX_LOG_WAIT;
    }
  }

  public static int exitCode(Job job) {
    return job.status() == JobStatus.Completed ? 0 : 1;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
