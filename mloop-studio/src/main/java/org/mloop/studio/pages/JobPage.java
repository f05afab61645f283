package org.mloop.studio.pages;

import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.workspace.Workspace;

/**
 * One job: what it ran, where it stands and its log (the first {@link #LOG_BYTES} bytes; the rest is
 * left to `mloop job logs`). {@code mayCancel}: the job is not over and the viewer may cancel jobs.
 */
public record JobPage(JobRow job, String commandLine, String runId, Long startedAt, Long endedAt, Integer exitCode,
    String error, String log, boolean logCut, boolean mayCancel) {
  public static final int LOG_BYTES = 1024 * 1024;

  public static JobPage of(Workspace workspace, String name, boolean mayCancelJobs) {
    Job job = workspace.jobs().get(name);
    LogChunk log = workspace.jobs().readLog(name, 0, LOG_BYTES);
    return new JobPage(JobRow.of(job), job.commandLine(), job.runId(), job.startedAt(), job.endedAt(), job.exitCode(),
        job.error(), log.text(), !log.complete() && log.nextOffset() - log.offset() >= LOG_BYTES,
        mayCancelJobs && !job.status().terminal());
  }
}
