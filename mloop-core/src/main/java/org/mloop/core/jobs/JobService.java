package org.mloop.core.jobs;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mloop.core.artifacts.ArtifactFile;

/**
 * The jobs stage: command jobs submitted with their code and inputs, run by the workspace's runner,
 * their logs and outputs. Local ({@link LocalJobService}) and over HTTP (the client's
 * {@code RemoteJobService}) alike.
 */
public interface JobService {

  /** Validates, snapshots the code, records the job as Queued and starts it. Nothing runs if validation fails. */
  Job create(JobSubmission submission);

  /**
   * The code snapshot {@code sha256} (see {@link JobCode}) if the workspace stores all its files, without
   * git state: a submission may then name it instead of sending the files again.
   */
  Optional<CodeSnapshot> storedCode(String sha256);

  Job get(String name);

  List<Job> list(JobQuery query);

  /** Asks a Queued, Starting or Running job to stop. */
  Job cancel(String name);

  /** The longest a log read may wait for the log to grow (see {@link #readLog(String, long, int, Duration)}). */
  Duration MAX_LOG_WAIT = Duration.ofSeconds(10);

  /** Up to {@code maxBytes} of the job's log from {@code offset}, at once. */
  default LogChunk readLog(String name, long offset, int maxBytes) {
    return readLog(name, offset, maxBytes, Duration.ZERO);
  }

  /**
   * Up to {@code maxBytes} of the job's log from {@code offset}; when there is nothing new yet and
   * the job has not ended, waits up to {@code wait} (at most {@link #MAX_LOG_WAIT}) for the log to
   * grow or the job's status to change. The chunk carries the job's status, so a follower loops on
   * this call alone.
   */
  LogChunk readLog(String name, long offset, int maxBytes, Duration wait);

  /** Files of a job output, relative to the output's root. */
  List<ArtifactFile> listOutput(String jobName, String outputName);

  InputStream openOutputFile(String jobName, String outputName, String path);
}
