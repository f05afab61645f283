package org.mloop.core.jobs;

/**
 * What a client submits: a validated spec (with --set overrides applied), an optional job name, and
 * the job's code ({@link JobCode}: its folder and files after .mloopignore, or a snapshot the workspace
 * stores), null when the job has none.
 */
public record JobSubmission(JobSpec spec, String name, JobCode code) {

  /** A job without code: its command needs nothing but its inputs and environment. */
  public static JobSubmission withoutCode(JobSpec spec, String name) {
    return new JobSubmission(spec, name, null);
  }
}
