package org.mloop.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mloop.core.MloopException;
import org.mloop.core.Retry;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.files.FileTrees;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a job's execution: its outputs and log into the artifact store, its final status
 * (never replacing one another process set first), its tracking run ended to match, and its
 * scratch folder removed once nothing is left only there.
 */
final class JobFinisher {
  private static final Logger LOG = LoggerFactory.getLogger(JobFinisher.class);

  private final MetadataStore store;
  private final ArtifactStore artifacts;
  private final JobScratch scratch;

  JobFinisher(MetadataStore store, ArtifactStore artifacts, JobScratch scratch) {
    this.store = store;
    this.artifacts = artifacts;
    this.scratch = scratch;
  }

  /**
   * Stores the log, moves the job to {@code status} unless it already ended, ends its run to
   * match, and removes the scratch folder once nothing is left only there.
   */
  Job finish(String name, JobStatus status, Integer exitCode, String error, Map<String, String> outputs,
      boolean hasLog) {
    boolean logStored = !hasLog || storeLog(name);
    long now = System.currentTimeMillis();
    Job ended = updateWithRetry(name,
        j -> j.status().terminal() ? j : j.ended(status, now, exitCode, error, outputs));
    endRun(ended);
    if (logStored) {
      try {
        FileTrees.deleteTree(scratch.jobDir(name));
      } catch (UncheckedIOException e) {
        LOG.warn("cannot clean up {}: {}", scratch.jobDir(name), e.getMessage());
      }
    }
    return ended;
  }

  private boolean storeLog(String name) {
    Path log = scratch.logFile(name);
    if (!Files.exists(log)) {
      return true;
    }
    try (InputStream in = Files.newInputStream(log)) {
      artifacts.write(JobPaths.log(name), in);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot store the log of job {}; it stays at {}: {}", name, log, e.toString());
      return false;
    }
  }

  void endRun(Job job) {
    if (job.runId() == null) {
      return;
    }
    RunStatus status = switch (job.status()) {
      case Completed -> RunStatus.FINISHED;
      case Canceled -> RunStatus.KILLED;
      default -> RunStatus.FAILED;
    };
    try {
      store.tracking().updateRun(job.runId(), status, job.endedAt() != null ? job.endedAt() : System.currentTimeMillis(), null);
    } catch (RuntimeException e) {
      LOG.warn("job {} ended {} but its run {} could not be updated: {}", job.name(), job.status(), job.runId(),
          e.toString());
    }
  }

  /** The final update must land, or the job would look Running for ever: retry a busy database. */
  private Job updateWithRetry(String name, UnaryOperator<Job> change) {
    return Retry.attempts(5)
        .linearDelay(Duration.ofMillis(200))
        .retryOn(e -> !(e instanceof MloopException)) // a real answer (such as "no such job"), not a busy database
        .onFailure((attempt, e) -> LOG.warn("updating job {} failed (attempt {} of 5): {}", name, attempt, e.toString()))
        .call(() -> store.jobs().updateJob(name, change));
  }


  /** Stores an output folder; symbolic links the command made are stored as the files they point to. */
  void storeOutput(Path dir, String target) throws IOException {
    for (String rel : FolderFiles.list(dir, "output folder", Symlinks.FOLLOW)) {
      try (InputStream in = Files.newInputStream(dir.resolve(rel))) {
        artifacts.write(target + "/" + rel, in);
      }
    }
  }
}
