package org.mloop.core.jobs;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.data.DataAssetStore;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.TrackingStore;

/**
 * Jobs of a local workspace: a submission becomes a Queued job ({@link JobSubmitter}) that the
 * {@link JobRunner} starts; logs are read through {@link JobLogs}, outputs from the artifact store
 * once the job stored them.
 */
public final class LocalJobService implements JobService {
  private final JobStore jobs;
  private final TrackingStore tracking;
  private final ArtifactStore artifacts;
  private final JobRunner runner;
  private final JobLogs logs;
  private final JobSubmitter submitter;
  private final CodeSnapshots codeSnapshots;

  /** {@code tracking} records each job's run (the workspace's tracking service, so its rules apply). */
  public LocalJobService(JobStore jobs, DataAssetStore data, TrackingStore tracking, ArtifactStore artifacts,
      JobRunner runner, JobLogs logs) {
    this.jobs = jobs;
    this.tracking = tracking;
    this.artifacts = artifacts;
    this.runner = runner;
    this.logs = logs;
    this.codeSnapshots = new CodeSnapshots(artifacts);
    this.submitter = new JobSubmitter(jobs, data, tracking, artifacts,
        () -> runner == null ? List.of(ComputeNames.LOCAL) : runner.computeTargets());
  }

  @Override
  public Job create(JobSubmission submission) {
    Job job = submitter.submit(submission);
    try {
      runner.start(job);
    } catch (RuntimeException e) {
      Job failed = jobs.updateJob(job.name(), j -> j.ended(JobStatus.Failed, System.currentTimeMillis(), null,
          "the job could not be started: " + e.getMessage(), j.outputs()));
      tracking.updateRun(job.runId(), RunStatus.FAILED, System.currentTimeMillis(), null);
      return failed;
    }
    return jobs.getJob(job.name()).orElse(job);
  }

  @Override
  public Optional<CodeSnapshot> storedCode(String sha256) {
    return codeSnapshots.find(sha256);
  }

  @Override
  public Job get(String name) {
    return jobs.getJob(name).orElseThrow(() -> MloopException.notFound(
        "job '" + name + "' not found among the workspace's jobs"));
  }

  @Override
  public List<Job> list(JobQuery query) {
    return jobs.listJobs(query);
  }

  @Override
  public Job cancel(String name) {
    Job job = get(name);
    if (job.status().terminal()) {
      throw new MloopException(ErrorCode.INVALID_STATE,
          "job '" + name + "' is already " + job.status() + "; only Queued, Starting or Running jobs can be canceled");
    }
    runner.cancel(name);
    return get(name);
  }

  @Override
  public LogChunk readLog(String name, long offset, int maxBytes, Duration wait) {
    if (wait == null || wait.isNegative() || wait.compareTo(MAX_LOG_WAIT) > 0) {
      throw MloopException.invalid("wait_ms must be between 0 and " + MAX_LOG_WAIT.toMillis() + " (milliseconds), got "
          + (wait == null ? null : wait.toMillis()));
    }
    get(name);
    return logs.read(name, offset, maxBytes, wait);
  }

  @Override
  public List<ArtifactFile> listOutput(String jobName, String outputName) {
    return artifacts.listUnder(outputRoot(jobName, outputName));
  }

  @Override
  public InputStream openOutputFile(String jobName, String outputName, String path) {
    return artifacts.read(outputRoot(jobName, outputName) + "/" + path);
  }

  private String outputRoot(String jobName, String outputName) {
    Job job = get(jobName);
    if (!job.spec().outputs().containsKey(outputName)) {
      throw MloopException.notFound("job '" + jobName + "' has no output '" + outputName + "'; its outputs are "
          + job.spec().outputs().keySet());
    }
    if (job.status() != JobStatus.Completed && (job.outputs() == null || !job.outputs().containsKey(outputName))) {
      throw new MloopException(ErrorCode.INVALID_STATE, "job '" + jobName + "' is " + job.status()
          + "; its outputs are stored when it completes");
    }
    return JobPaths.output(jobName, outputName);
  }
}
