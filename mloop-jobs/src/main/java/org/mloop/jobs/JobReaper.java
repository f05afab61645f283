package org.mloop.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.jobs.Executor;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.RunStatus;
import org.mloop.jobs.compute.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.mloop.core.files.FileTrees;

/**
 * Ends jobs nobody executes any more, so no job stays Running for ever: a job that is not over
 * and whose executor process (on this host) is gone, or whose pid now belongs to another process,
 * is marked Failed and its run FAILED; what the job logged to its run until then stays. A Queued
 * job that no executor took within the grace period fails too. Jobs executed on other hosts are
 * left alone: their processes cannot be checked from here.
 *
 * <p>With a scratch folder and an artifact store it also tidies up after the dead executor: it
 * stops the job's command if that still runs (its children survive a killed executor), and stores
 * the log the command wrote.
 */
public final class JobReaper {
  private static final Logger LOG = LoggerFactory.getLogger(JobReaper.class);
  public static final Duration DEFAULT_QUEUED_GRACE = Duration.ofMinutes(2);

  private final MetadataStore store;
  private final ArtifactStore artifacts;
  private final JobScratch scratch;
  private final Duration queuedGrace;

  /** {@code artifacts} and {@code scratch} may be null: the reaper then only fixes statuses. */
  public JobReaper(MetadataStore store, ArtifactStore artifacts, JobScratch scratch, Duration queuedGrace) {
    this.store = store;
    this.artifacts = artifacts;
    this.scratch = scratch;
    this.queuedGrace = queuedGrace;
  }

  public JobReaper(MetadataStore store, ArtifactStore artifacts, JobScratch scratch) {
    this(store, artifacts, scratch, DEFAULT_QUEUED_GRACE);
  }

  /** Checks every job that is not over; returns the ones it marked Failed. */
  public List<Job> reap() {
    List<Job> reaped = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Job job : store.jobs().listActiveJobs()) {
      Executor executor = job.executor();
      String message;
      if (executor == null) {
        if (now - job.createdAt() < queuedGrace.toMillis()) {
          continue;
        }
        message = "the job was never started: no executor took it within " + describe(queuedGrace)
            + " of its submission (the process meant to run it did not start; see the mloop log)";
      } else if (!ProcessIdentity.onThisHost(executor) || ProcessIdentity.isAlive(executor)) {
        continue;
      } else {
        message = "the executor (pid " + executor.pid() + ") ended while the job was " + job.status()
            + ": killed or crashed; metrics logged until then are kept";
      }
      Job failed = fail(job, message, now);
      if (failed != null) {
        reaped.add(failed);
        tidyUp(failed, message);
      }
    }
    return reaped;
  }

  /** Marks the job Failed if it is still in the state we judged; null when something else changed it first. */
  private Job fail(Job judged, String message, long now) {
    AtomicBoolean changed = new AtomicBoolean();
    Job after = store.jobs().updateJob(judged.name(), j -> {
      boolean unchanged = !j.status().terminal() && j.status() == judged.status()
          && Objects.equals(j.executor(), judged.executor());
      changed.set(unchanged);
      return unchanged ? j.ended(JobStatus.Failed, now, null, message, j.outputs()) : j;
    });
    if (!changed.get()) {
      return null;
    }
    LOG.warn("job {}: {}", after.name(), message);
    if (after.runId() != null) {
      try {
        store.tracking().updateRun(after.runId(), RunStatus.FAILED, now, null);
      } catch (RuntimeException e) {
        LOG.warn("job {} is Failed but its run {} could not be marked FAILED: {}", after.name(), after.runId(),
            e.toString());
      }
    }
    return after;
  }

  private void tidyUp(Job job, String message) {
    if (scratch == null) {
      return;
    }
    stopOrphanedCommand(job.name());
    Path log = scratch.logFile(job.name());
    if (artifacts == null || !Files.exists(log)) {
      return;
    }
    try {
      Files.writeString(log, "mloop: " + message + "\n", java.nio.file.StandardOpenOption.APPEND);
      try (InputStream in = Files.newInputStream(log)) {
        artifacts.write(JobPaths.log(job.name()), in);
      }
      FileTrees.deleteTree(scratch.jobDir(job.name()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot store the log of reaped job {}: {}", job.name(), e.toString());
    }
  }

  private void stopOrphanedCommand(String jobName) {
    Path pidFile = scratch.commandPidFile(jobName);
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      String[] parts = Files.readString(pidFile).trim().split("\\s+");
      Executor command = new Executor(ProcessIdentity.host(), Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      ProcessIdentity.find(command).ifPresent(p -> {
        LOG.warn("job {}: stopping its command (pid {}), left running by its dead executor", jobName, p.pid());
        ProcessTree.destroy(p, Duration.ofSeconds(5));
      });
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot check the command of job {} ({}): {}", jobName, pidFile, e.toString());
    }
  }

  private static String describe(Duration d) {
    return d.toMinutes() >= 1 && d.toSecondsPart() == 0 ? d.toMinutes() + " minute" + (d.toMinutes() == 1 ? "" : "s")
        : d.toSeconds() + " seconds";
  }
}
