package org.mloop.cli.jobs;

import java.io.PrintWriter;
import org.mloop.cli.Printer;
import org.mloop.core.jobs.Job;
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

  public Job follow(String jobName) {
    long offset = 0;
    JobStatus lastStatus = null;
    while (true) {
      Job job = workspace.jobs().get(jobName);
      if (job.status() != lastStatus && !job.status().terminal()) {
        out.println("[" + job.name() + "] " + job.status());
        lastStatus = job.status();
      }
      LogChunk chunk = workspace.jobs().readLog(jobName, offset, CHUNK);
      if (!chunk.text().isEmpty()) {
        out.print(chunk.text());
        out.flush();
      }
      offset = chunk.nextOffset();
      if (job.status().terminal() && chunk.nextOffset() == chunk.offset()) {
        Job done = workspace.jobs().get(jobName);
        out.println("[" + done.name() + "] " + done.status()
            + (done.exitCode() != null ? " (exit code " + done.exitCode() + ")" : "")
            + (done.status() != JobStatus.Completed && done.error() != null ? ": " + firstLine(done.error()) : ""));
        return done;
      }
      if (chunk.nextOffset() == chunk.offset()) {
        sleep(200);
      }
    }
  }

  public static int exitCode(Job job) {
    return job.status() == JobStatus.Completed ? 0 : 1;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following the job", e);
    }
  }
}
