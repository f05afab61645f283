package org.mloop.jobs;

import java.nio.file.Path;

/**
 * The local folders of job executions under one scratch root:
 * <pre>
 *   jobs/NAME/wd/              the working directory (a copy of the code snapshot)
 *   jobs/NAME/outputs/OUTPUT/  one folder per output, uploaded when the command ends
 *   jobs/NAME/inputs/          inputs a remote artifact store downloads
 *   jobs/NAME/std_log.txt      stdout and stderr, written as the command produces them
 *   jobs/NAME/command.pid      "PID START_MILLIS" of the command, for the reaper
 *   executor-logs/NAME.log     what a detached executor process printed itself
 *   executor-cds/              the class-data sharing archive of executor JVMs (see ExecutorClassArchive)
 * </pre>
 * A job's folder is deleted once its log is in the artifact store.
 */
public final class JobScratch {
  private final Path root;

  public JobScratch(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path jobDir(String jobName) {
    return root.resolve("jobs").resolve(jobName);
  }

  public Path workDir(String jobName) {
    return jobDir(jobName).resolve("wd");
  }

  public Path outputDir(String jobName, String outputName) {
    return jobDir(jobName).resolve("outputs").resolve(outputName);
  }

  public Path inputCache(String jobName) {
    return jobDir(jobName).resolve("inputs");
  }

  /** The log of a job while it runs (and of a job whose executor died before storing it). */
  public Path logFile(String jobName) {
    return jobDir(jobName).resolve("std_log.txt");
  }

  public Path commandPidFile(String jobName) {
    return jobDir(jobName).resolve("command.pid");
  }

  public Path executorLog(String jobName) {
    return root.resolve("executor-logs").resolve(jobName + ".log");
  }

  public Path executorClassArchives() {
    return root.resolve("executor-cds");
  }
}
