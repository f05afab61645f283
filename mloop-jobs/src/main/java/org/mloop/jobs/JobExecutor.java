package org.mloop.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.data.AssetRef;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.CommandTemplate;
import org.mloop.core.jobs.Executor;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobInput;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.mloop.core.files.FileTrees;

/**
 * Executes one Queued job on this machine, from start to a terminal state:
 * Starting (this process recorded as its executor; code copied, inputs materialized, command
 * resolved), Running ({@code bash -c COMMAND} in a fresh working directory, output going to the
 * log file as it is produced), then Completed, Failed or Canceled with outputs and log in the
 * artifact store and the tracking run ended.
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
  /** How many lines of the log a Failed job's error shows. */
  public static final int ERROR_LOG_LINES = 20;
  private static final long WAIT_STEP_MILLIS = 200;
  private static final long STORE_POLL_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final MetadataStore store;
  private final ArtifactStore artifacts;
  private final JobScratch scratch;
  private final Supplier<Tracking> tracking;
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
    this.store = store;
    this.artifacts = artifacts;
    this.scratch = scratch;
    this.tracking = tracking;
  }

  public JobScratch scratch() {
    return scratch;
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
        endRun(job);
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

  private record Prepared(Path workDir, Map<String, String> outputs, String command, Tracking tracking) {}

  private Job run(Job job, Execution execution, long entered) {
    long starting = System.currentTimeMillis();
    String name = job.name();
    Path log = scratch.logFile(name);
    try {
      FileTrees.deleteTree(scratch.jobDir(name)); // leftovers of an earlier attempt
      Files.createDirectories(log.getParent());
      Files.write(log, new byte[0]);
    } catch (IOException | UncheckedIOException e) {
      return finish(name, JobStatus.Failed, null, "could not create the scratch folder "
          + scratch.jobDir(name) + ": " + e.getMessage(), Map.of(), false);
    }
    Prepared prepared;
    try {
      prepared = prepare(job);
    } catch (IOException | RuntimeException e) {
      String message = "could not start the job: " + describe(e);
      appendLog(log, "mloop: " + message);
      return finish(name, JobStatus.Failed, null, message, Map.of(), true);
    }
    long startedAt = System.currentTimeMillis();
    Job running = store.jobs().updateJob(name,
        j -> j.status() == JobStatus.Starting ? withCommandLine(j.started(startedAt), prepared.command()) : j);
    if (running.status() != JobStatus.Running) {
      appendLog(log, "mloop: the job was " + running.status() + " before its command started");
      return finish(name, running.status(), null, running.error(), Map.of(), true);
    }
    Process process;
    try {
      process = startProcess(job, prepared, log);
    } catch (IOException | RuntimeException e) {
      String message = "could not start bash to run the command: " + describe(e);
      appendLog(log, "mloop: " + message);
      return finish(name, JobStatus.Failed, null, message, Map.of(), true);
    }
    long spawned = System.currentTimeMillis();
    writePidFile(name, process);
    Outcome outcome = waitFor(name, process, execution);
    // Where the time to a command's first line went (read by bench/JobOverheadBench); logged
    // once the command ended so that it costs the command nothing.
    LOG.debug("job {} phases (epoch ms): execute {} starting {} prepared {} spawned {}", name, entered, starting,
        startedAt, spawned);
    if (outcome.stopStatus() != null) {
      appendLog(log, "mloop: " + outcome.stopMessage() + ": the command and its child processes were stopped");
      return finish(name, outcome.stopStatus(), outcome.exitCode(), outcome.stopMessage(), Map.of(), true);
    }
    int exit = outcome.exitCode();
    Map<String, String> outputs = new LinkedHashMap<>();
    String uploadError = null;
    for (Map.Entry<String, String> output : prepared.outputs().entrySet()) {
      String target = JobPaths.output(name, output.getKey());
      try {
        upload(Path.of(output.getValue()), target);
        outputs.put(output.getKey(), target);
      } catch (IOException | RuntimeException e) {
        uploadError = "output '" + output.getKey() + "' could not be stored at " + target + ": " + describe(e);
        appendLog(log, "mloop: " + uploadError);
      }
    }
    if (exit != 0) {
      return finish(name, JobStatus.Failed, exit, exitMessage(exit, log), outputs, true);
    }
    if (uploadError != null) {
      return finish(name, JobStatus.Failed, exit, "the command succeeded but " + uploadError, outputs, true);
    }
    return finish(name, JobStatus.Completed, exit, null, outputs, true);
  }

  private Prepared prepare(Job job) throws IOException {
    Path workDir = scratch.workDir(job.name());
    Files.createDirectories(workDir);
    copyCode(job.code(), workDir);
    Map<String, String> inputs = materializeInputs(job);
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String output : job.spec().outputs() == null ? List.<String>of() : job.spec().outputs().keySet()) {
      Path dir = scratch.outputDir(job.name(), output);
      Files.createDirectories(dir);
      outputs.put(output, dir.toString());
    }
    String command = CommandTemplate.resolve(job.spec().command(), inputs, outputs);
    return new Prepared(workDir, outputs, command, trackingEndpoint());
  }

  private Tracking trackingEndpoint() {
    try {
      return tracking.get();
    } catch (RuntimeException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR,
          "the tracking server the command would log to did not start: " + describe(e), e);
    }
  }

  private void copyCode(CodeSnapshot code, Path workDir) throws IOException {
    if (code == null) {
      return; // a job without code runs in an empty folder
    }
    String root = code.artifactPath();
    List<ArtifactFile> files = artifacts.listRecursive(root).stream().filter(f -> !f.directory()).toList();
    if (files.isEmpty() && code.fileCount() > 0) {
      throw MloopException.notFound("the code snapshot " + root + " (" + code.fileCount()
          + " files) is missing from the artifact store");
    }
    List<ArtifactFile> relative = new ArrayList<>();
    for (ArtifactFile file : files) {
      String rel = file.path().startsWith(root + "/") ? file.path().substring(root.length() + 1) : file.path();
      Path target = workDir.resolve(rel).normalize();
      if (!target.startsWith(workDir)) {
        throw MloopException.invalid("the code snapshot " + root + " holds a path outside its folder: " + rel);
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = artifacts.read(file.path())) {
        Files.copy(in, target);
      }
      relative.add(new ArtifactFile(rel, false, file.sizeBytes(), file.sha256()));
    }
    // The snapshot is named by its hash: a mismatch means its files were changed or lost.
    if (code.sha256() != null && relative.stream().allMatch(f -> f.sha256() != null)
        && !ContentHash.ofFiles(relative).equals(code.sha256())) {
      throw MloopException.invalid("the code snapshot " + root + " does not match its hash " + code.sha256()
          + ": " + relative.size() + " files found where " + code.fileCount() + " were stored");
    }
  }

  /** Input name to what replaces ${{inputs.NAME}}: a local path for data, the value for literals. */
  private Map<String, String> materializeInputs(Job job) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, ResolvedInput> resolved = job.inputs() == null ? Map.of() : job.inputs();
    Map<String, JobInput> declared = job.spec().inputs() == null ? Map.of() : job.spec().inputs();
    for (Map.Entry<String, JobInput> entry : declared.entrySet()) {
      String inputName = entry.getKey();
      JobInput input = entry.getValue();
      ResolvedInput r = resolved.get(inputName);
      if (!input.isData()) {
        values.put(inputName, r != null && r.value() != null ? r.value() : input.value());
      } else if (r != null && r.artifactPath() != null) {
        values.put(inputName, materialize(job.name(), inputName, input.type(), r).toString());
      } else if (input.path() != null && !AssetRef.isAssetRef(input.path()) && Files.exists(Path.of(input.path()))) {
        values.put(inputName, input.path()); // a local path used in place
      } else {
        throw MloopException.invalid("input '" + inputName + "' (" + input.path()
            + ") was not resolved to a data asset version when the job was submitted");
      }
    }
    return values;
  }

  private Path materialize(String jobName, String inputName, String type, ResolvedInput r) throws IOException {
    String what = "input '" + inputName + "' ("
        + (r.assetName() != null ? AssetRef.SCHEME + r.assetName() + ":" + r.assetVersion() : r.artifactPath()) + ")";
    if (!artifacts.exists(r.artifactPath())) {
      throw MloopException.notFound(what + ": " + r.artifactPath() + " is missing from the artifact store");
    }
    Path cache = scratch.inputCache(jobName).resolve(inputName);
    Path local = artifacts.materialize(r.artifactPath(), cache);
    if (!local.startsWith(cache)) {
      // The store handed over its own files (the file system store does): give the command a copy,
      // so it cannot change a data asset version whose sha256 is on record.
      Path copy = cache.resolve(local.getFileName().toString());
      FileTrees.copyTree(local, copy);
      local = copy;
    }
    if (type.equals("uri_folder")) {
      if (!Files.isDirectory(local)) {
        throw MloopException.invalid(what + " is a uri_folder input but " + r.artifactPath() + " is a file");
      }
      return local;
    }
    if (Files.isRegularFile(local)) {
      return local;
    }
    try (Stream<Path> walk = Files.walk(local)) {
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      if (files.size() != 1) {
        throw MloopException.invalid(what + " is a uri_file input but " + r.artifactPath() + " holds "
            + files.size() + " files");
      }
      return files.get(0);
    }
  }

  private Process startProcess(Job job, Prepared prepared, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", prepared.command())
        .directory(prepared.workDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    environment(job, prepared.tracking(), pb.environment());
    Process process = pb.start();
    process.getOutputStream().close(); // the command reads no input
    return process;
  }

  /** The command's environment: mloop's own, the job's variables, the JDK first on PATH, tracking. */
  static void environment(Job job, Tracking tracking, Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("MLOOP_") || k.startsWith("MLFLOW_"));
    if (job.spec().environment() != null && job.spec().environment().variables() != null) {
      env.putAll(job.spec().environment().variables());
    }
    String javaHome = System.getProperty("java.home");
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("PATH", Path.of(javaHome, "bin") + java.io.File.pathSeparator + path);
    env.put("JAVA_HOME", javaHome);
    env.put("MLOOP_JOB_NAME", job.name());
    put(env, "MLOOP_RUN_ID", job.runId());
    put(env, "MLFLOW_RUN_ID", job.runId());
    put(env, "MLFLOW_EXPERIMENT_ID", job.experimentId());
    put(env, "MLOOP_TRACKING_URI", tracking.uri());
    put(env, "MLFLOW_TRACKING_URI", tracking.uri());
    put(env, "MLOOP_TOKEN", tracking.token());
    put(env, "MLFLOW_TRACKING_TOKEN", tracking.token());
  }

  private static void put(Map<String, String> env, String key, String value) {
    if (value != null) {
      env.put(key, value);
    }
  }

  private Outcome waitFor(String jobName, Process process, Execution execution) {
    long nextPoll = System.nanoTime() + STORE_POLL_NANOS;
    while (true) {
      try {
        if (process.waitFor(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS)) {
          return new Outcome(process.exitValue(), null, null);
        }
      } catch (InterruptedException e) {
        ProcessTree.destroy(process.toHandle(), STOP_GRACE);
        Thread.currentThread().interrupt();
        return execution.stopStatus != null
            ? new Outcome(null, execution.stopStatus, execution.stopMessage)
            : new Outcome(null, JobStatus.Failed, "the executor was interrupted (mloop is shutting down)");
      }
      if (execution.stopStatus != null) {
        ProcessTree.destroy(process.toHandle(), STOP_GRACE);
        return new Outcome(exitValue(process), execution.stopStatus, execution.stopMessage);
      }
      if (System.nanoTime() >= nextPoll) {
        nextPoll = System.nanoTime() + STORE_POLL_NANOS;
        try {
          Job current = store.jobs().getJob(jobName).orElse(null);
          if (current == null || current.status().terminal()) {
            ProcessTree.destroy(process.toHandle(), STOP_GRACE);
            JobStatus status = current == null ? JobStatus.Failed : current.status();
            String message = current == null ? "the job was deleted"
                : status == JobStatus.Canceled ? "canceled" : "the job was marked " + status + " elsewhere";
            return new Outcome(exitValue(process), status, message);
          }
        } catch (RuntimeException e) {
          LOG.warn("cannot read the status of job {} (will retry): {}", jobName, e.toString());
        }
      }
    }
  }

  private static Integer exitValue(Process process) {
    try {
      return process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Stores the log, moves the job to {@code status} unless it already ended, ends its run to
   * match, and removes the scratch folder once nothing is left only there.
   */
  private Job finish(String name, JobStatus status, Integer exitCode, String error, Map<String, String> outputs,
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

  private void endRun(Job job) {
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
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 5; attempt++) {
      try {
        return store.jobs().updateJob(name, change);
      } catch (MloopException e) {
        throw e; // a real answer (such as "no such job"), not a busy database
      } catch (RuntimeException e) {
        last = e;
        LOG.warn("updating job {} failed (attempt {} of 5): {}", name, attempt, e.toString());
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw last;
  }

  /** Stores an output folder; symbolic links the command made are stored as the files they point to. */
  private void upload(Path dir, String target) throws IOException {
    for (String rel : FolderFiles.list(dir, "output folder", Symlinks.FOLLOW)) {
      try (InputStream in = Files.newInputStream(dir.resolve(rel))) {
        artifacts.write(target + "/" + rel, in);
      }
    }
  }

  private void writePidFile(String name, Process process) {
    Executor command = ProcessIdentity.of(process.toHandle());
    try {
      Files.writeString(scratch.commandPidFile(name), command.pid() + " " + command.processStartMillis() + "\n");
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", scratch.commandPidFile(name), e.toString());
    }
  }

  static String exitMessage(int exit, Path log) {
    String signal = exit > 128 && exit < 160
        ? " (killed by signal " + (exit - 128) + (exit == 137 ? ", for example for lack of memory" : "") + ")"
        : "";
    List<String> lines = lastLines(log, ERROR_LOG_LINES);
    return "the command exited with code " + exit + signal
        + (lines.isEmpty() ? "; it printed nothing" : "; last lines of its log:\n" + String.join("\n", lines));
  }

  static List<String> lastLines(Path log, int count) {
    try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.READ)) {
      long size = ch.size();
      int length = (int) Math.min(size, 64 * 1024);
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
      ch.read(buffer, size - length);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      List<String> lines = text.lines().skip(size > length ? 1 : 0) // the first line read may be partial
          .filter(l -> !l.startsWith("mloop: ")).toList();
      return lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
          .map(l -> l.length() > 500 ? l.substring(0, 500) + "..." : l)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void appendLog(Path log, String line) {
    try {
      Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot write to {}: {}", log, e.toString());
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof MloopException || e instanceof UncheckedIOException) {
      return e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static Job withCommandLine(Job j, String commandLine) {
    return new Job(j.name(), j.displayName(), j.experimentId(), j.experimentName(), j.runId(), j.description(),
        j.status(), j.spec(), j.inputs(), j.outputs(), j.code(), commandLine, j.createdAt(), j.startedAt(),
        j.endedAt(), j.exitCode(), j.error(), j.executor());
  }
}
