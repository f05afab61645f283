package org.mloop.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.files.FileTrees;
import org.mloop.core.jobs.ComputeNames;
import org.mloop.core.jobs.Executor;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.RunStatus;
import org.mloop.jobs.compute.CommandLaunch;
import org.mloop.jobs.compute.ComputeTarget;
import org.mloop.jobs.compute.ComputeTargets;
import org.mloop.jobs.compute.RunningCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one Queued job, from start to a terminal state: Starting (this process recorded as its
 * executor; code copied, inputs materialized, command resolved: see {@link JobPreparation}),
 * Running (the command started by the compute target the job's {@code compute} names, looked up in
 * {@link ComputeTargets}, in a fresh working directory, its output going to the log file as it is
 * produced), then Completed, Failed or Canceled with outputs and log in the artifact store and the
 * tracking run ended. The lifecycle is the same whatever the target.
 *
 * <p>Every status change goes through {@link org.mloop.core.jobs.JobStore#updateJob} and never
 * replaces a terminal status, so a cancel that lands while the command ends is not overwritten
 * by a late "Completed". A job is canceled from any process with {@link #requestCancel}: the
 * executor notices within a second, stops the command and everything it started, and ends the
 * job Canceled.
 *
 * <p>One instance can execute many jobs at once, each call to {@link #execute} on its own thread.
 */
public final class JobExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(JobExecutor.class);
  private static final Duration WAIT_STEP = Duration.ofMillis(200);
  private static final long STORE_POLL_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final MetadataStore store;
  private final JobScratch scratch;
  private final Supplier<Tracking> tracking;
  private final ComputeTargets computeTargets;
  private final JobPreparation preparation;
  private final JobFinisher finisher;
  private final Map<String, Execution> executions = new ConcurrentHashMap<>();

  /**
   * Where a job's command logs to.
   *
   * @param uri the URL of the tracking server (MLOOP_TRACKING_URI); null leaves the tracking
   *     variables out except the run and experiment ids
   * @param token the bearer token handed to the command as MLOOP_TOKEN, or null
   */
  public record Tracking(String uri, String token) {}

  /** See {@link Tracking} for {@code trackingUri} and {@code token}. */
  public JobExecutor(MetadataStore store, ArtifactStore artifacts, JobScratch scratch, String trackingUri, String token) {
    this(store, artifacts, scratch, () -> new Tracking(trackingUri, token));
  }

  /**
   * An executor whose tracking server may still be starting: {@code tracking} is asked for each
   * job once its code and inputs are in place, just before the job is marked Running and its
   * command starts, so a server can start while the first job is prepared. When it throws, the
   * job fails with its message.
   */
  public JobExecutor(MetadataStore store, ArtifactStore artifacts, JobScratch scratch, Supplier<Tracking> tracking) {
    this(store, artifacts, scratch, tracking, ComputeTargets.standard());
  }

  /** An executor whose jobs' commands run on {@code computeTargets}, chosen by each job's {@code compute}. */
  public JobExecutor(MetadataStore store, ArtifactStore artifacts, JobScratch scratch, Supplier<Tracking> tracking,
      ComputeTargets computeTargets) {
    this.store = store;
    this.scratch = scratch;
    this.tracking = tracking;
    this.computeTargets = computeTargets;
    this.preparation = new JobPreparation(artifacts, scratch);
    this.finisher = new JobFinisher(store, artifacts, scratch);
  }

  public JobScratch scratch() {
    return scratch;
  }

  /** The compute targets this executor runs commands on. */
  public ComputeTargets computeTargets() {
    return computeTargets;
  }

  /** What stops a running command early: a cancel, or the executor shutting down. */
  private static final class Execution {
    volatile JobStatus stopStatus;
    volatile String stopMessage;

    void stop(JobStatus status, String message) {
      stopMessage = message;
      stopStatus = status;
    }
  }

  private record Outcome(Integer exitCode, JobStatus stopStatus, String stopMessage) {}

  // ---------------------------------------------------------------- entry points

  /**
   * Records this process as the executor of a Queued job that has none yet, so that while it
   * waits for a free slot the reaper knows a live process owns it. Returns whether it did.
   */
  public boolean claim(String jobName) {
    Executor me = ProcessIdentity.current();
    Job job = store.jobs().updateJob(jobName,
        j -> j.status() == JobStatus.Queued && j.executor() == null ? j.withExecutor(me) : j);
    return me.equals(job.executor());
  }

  /**
   * Executes a Queued job and returns it in its final state. Returns the job unchanged when it is
   * not Queued (already taken, or canceled before it started) or another live process claimed it.
   */
  public Job execute(String jobName) {
    long entered = System.currentTimeMillis();
    Executor me = ProcessIdentity.current();
    Job job = store.jobs().updateJob(jobName, j -> j.status() == JobStatus.Queued
        && (j.executor() == null || j.executor().equals(me)) ? j.withStatus(JobStatus.Starting).withExecutor(me) : j);
    if (job.status() != JobStatus.Starting || !me.equals(job.executor())) {
      if (job.status() == JobStatus.Canceled) {
        finisher.endRun(job);
      }
      return job;
    }
    Execution execution = new Execution();
    executions.put(jobName, execution);
    try {
      return run(job, execution, entered);
    } finally {
      executions.remove(jobName);
    }
  }

  /**
   * Cancels a job: marks it Canceled (and its run KILLED) unless it already ended, and stops its
   * command at once if this executor runs it. Returns the job as it now stands.
   */
  public Job cancel(String jobName) {
    Job job = requestCancel(store, jobName);
    Execution execution = executions.get(jobName);
    if (execution != null) {
      execution.stop(JobStatus.Canceled, "canceled");
    }
    return job;
  }

  /**
   * Marks a job Canceled and its run KILLED unless the job already ended; works from any
   * process. Its executor, wherever it runs, sees the status within a second and stops the command.
   */
  public static Job requestCancel(MetadataStore store, String jobName) {
    long now = System.currentTimeMillis();
    AtomicReference<JobStatus> before = new AtomicReference<>();
    Job job = store.jobs().updateJob(jobName, j -> {
      before.set(j.status());
      return j.status().terminal() ? j : j.ended(JobStatus.Canceled, now, null, "canceled by request", j.outputs());
    });
    if (!before.get().terminal() && job.runId() != null) {
      try {
        store.tracking().updateRun(job.runId(), RunStatus.KILLED, now, null);
      } catch (RuntimeException e) {
        LOG.warn("job {} is canceled but its run {} could not be marked KILLED: {}", jobName, job.runId(), e.toString());
      }
    }
    return job;
  }

  /** Stops every command this executor runs; their jobs end Failed with {@code message}. */
  public void stopAll(String message) {
    executions.values().forEach(e -> e.stop(JobStatus.Failed, message));
  }

  /** Names of the jobs this executor is executing now. */
  public List<String> executing() {
    return List.copyOf(executions.keySet());
  }

  // ---------------------------------------------------------------- one execution

  private Job run(Job job, Execution execution, long entered) {
    long starting = System.currentTimeMillis();
    String name = job.name();
    Path log = scratch.logFile(name);
    try {
      FileTrees.deleteTree(scratch.jobDir(name)); // leftovers of an earlier attempt
      Files.createDirectories(log.getParent());
      Files.write(log, new byte[0]);
    } catch (IOException | UncheckedIOException e) {
      return finisher.finish(name, JobStatus.Failed, null, "could not create the scratch folder "
          + scratch.jobDir(name) + ": " + e.getMessage(), Map.of(), false);
    }
    ComputeTarget target;
    JobPreparation.Prepared prepared;
    Tracking endpoint;
    try {
      target = computeTargets.get(ComputeNames.of(job.spec()));
      prepared = preparation.prepare(job);
      endpoint = trackingEndpoint();
    } catch (IOException | RuntimeException e) {
      String message = "could not start the job: " + describe(e);
      JobLogFile.appendNote(log, message);
      return finisher.finish(name, JobStatus.Failed, null, message, Map.of(), true);
    }
    long startedAt = System.currentTimeMillis();
    Job running = store.jobs().updateJob(name,
        j -> j.status() == JobStatus.Starting ? j.started(startedAt).withCommandLine(prepared.command()) : j);
    if (running.status() != JobStatus.Running) {
      JobLogFile.appendNote(log, "the job was " + running.status() + " before its command started");
      return finisher.finish(name, running.status(), null, running.error(), Map.of(), true);
    }
    RunningCommand command;
    try {
      command = target.launch(new CommandLaunch(name, prepared.command(), prepared.workDir(),
          variables(job, endpoint), log));
    } catch (IOException | RuntimeException e) {
      String message = "could not start the command on compute target '" + target.name() + "': " + describe(e);
      JobLogFile.appendNote(log, message);
      return finisher.finish(name, JobStatus.Failed, null, message, Map.of(), true);
    }
    long spawned = System.currentTimeMillis();
    command.localProcess().ifPresent(p -> writePidFile(name, p));
    Outcome outcome = waitFor(name, command, execution);
    // Where the time to a command's first line went (read by bench/JobOverheadBench); logged
    // once the command ended so that it costs the command nothing.
    LOG.debug("job {} phases (epoch ms): execute {} starting {} prepared {} spawned {}", name, entered, starting,
        startedAt, spawned);
    if (outcome.stopStatus() != null) {
      JobLogFile.appendNote(log, outcome.stopMessage() + ": the command and its child processes were stopped");
      return finisher.finish(name, outcome.stopStatus(), outcome.exitCode(), outcome.stopMessage(), Map.of(), true);
    }
    int exit = outcome.exitCode();
    Map<String, String> outputs = new LinkedHashMap<>();
    String uploadError = null;
    for (Map.Entry<String, String> output : prepared.outputs().entrySet()) {
      String stored = JobPaths.output(name, output.getKey());
      try {
        finisher.storeOutput(Path.of(output.getValue()), stored);
        outputs.put(output.getKey(), stored);
      } catch (IOException | RuntimeException e) {
        uploadError = "output '" + output.getKey() + "' could not be stored at " + stored + ": " + describe(e);
        JobLogFile.appendNote(log, uploadError);
      }
    }
    if (exit != 0) {
      return finisher.finish(name, JobStatus.Failed, exit, JobLogFile.exitMessage(exit, log), outputs, true);
    }
    if (uploadError != null) {
      return finisher.finish(name, JobStatus.Failed, exit, "the command succeeded but " + uploadError, outputs, true);
    }
    return finisher.finish(name, JobStatus.Completed, exit, null, outputs, true);
  }

  private Tracking trackingEndpoint() {
    try {
      return tracking.get();
    } catch (RuntimeException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR,
          "the tracking server the command would log to did not start: " + describe(e), e);
    }
  }

  /**
   * The variables the command sees wherever it runs: the job's own, then mloop's (which win): the
   * job's name, its run and experiment, the tracking server and the token to log with.
   */
  static Map<String, String> variables(Job job, Tracking tracking) {
    Map<String, String> env = new LinkedHashMap<>();
    if (job.spec().environment() != null && job.spec().environment().variables() != null) {
      env.putAll(job.spec().environment().variables());
    }
    env.put("MLOOP_JOB_NAME", job.name());
    put(env, "MLOOP_RUN_ID", job.runId());
    put(env, "MLFLOW_RUN_ID", job.runId());
    put(env, "MLFLOW_EXPERIMENT_ID", job.experimentId());
    put(env, "MLOOP_TRACKING_URI", tracking.uri());
    put(env, "MLFLOW_TRACKING_URI", tracking.uri());
    put(env, "MLOOP_TOKEN", tracking.token());
    put(env, "MLFLOW_TRACKING_TOKEN", tracking.token());
    return env;
  }

  private static void put(Map<String, String> env, String key, String value) {
    if (value != null) {
      env.put(key, value);
    }
  }

  private Outcome waitFor(String jobName, RunningCommand command, Execution execution) {
    long nextPoll = System.nanoTime() + STORE_POLL_NANOS;
    while (true) {
      try {
        OptionalInt exit = command.waitFor(WAIT_STEP);
        if (exit.isPresent()) {
          return new Outcome(exit.getAsInt(), null, null);
        }
      } catch (InterruptedException e) {
        command.stop(STOP_GRACE);
        Thread.currentThread().interrupt();
        return execution.stopStatus != null
            ? new Outcome(null, execution.stopStatus, execution.stopMessage)
            : new Outcome(null, JobStatus.Failed, "the executor was interrupted (mloop is shutting down)");
      }
      if (execution.stopStatus != null) {
        return new Outcome(exitCode(command.stop(STOP_GRACE)), execution.stopStatus, execution.stopMessage);
      }
      if (System.nanoTime() >= nextPoll) {
        nextPoll = System.nanoTime() + STORE_POLL_NANOS;
        try {
          Job current = store.jobs().getJob(jobName).orElse(null);
          if (current == null || current.status().terminal()) {
            Integer exit = exitCode(command.stop(STOP_GRACE));
            JobStatus status = current == null ? JobStatus.Failed : current.status();
            String message = current == null ? "the job was deleted"
                : status == JobStatus.Canceled ? "canceled" : "the job was marked " + status + " elsewhere";
            return new Outcome(exit, status, message);
          }
        } catch (RuntimeException e) {
          LOG.warn("cannot read the status of job {} (will retry): {}", jobName, e.toString());
        }
      }
    }
  }

  private static Integer exitCode(OptionalInt exit) {
    return exit.isPresent() ? exit.getAsInt() : null;
  }

  /** Records the command's local process for {@link JobReaper}, which stops it if this executor dies. */
  private void writePidFile(String name, ProcessHandle process) {
    Executor command = ProcessIdentity.of(process);
    try {
      Files.writeString(scratch.commandPidFile(name), command.pid() + " " + command.processStartMillis() + "\n");
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", scratch.commandPidFile(name), e.toString());
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof MloopException || e instanceof UncheckedIOException) {
      return e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
