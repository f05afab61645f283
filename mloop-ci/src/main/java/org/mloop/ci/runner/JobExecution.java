package org.mloop.ci.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.mloop.ci.expr.Contexts;
import org.mloop.ci.expr.ExpressionException;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Step;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowJob;
import org.mloop.core.files.FileTrees;

/**
 * One job's steps, in its own folder: workspace, temp, log.txt and summary.md. The temp folder
 * (RUNNER_TEMP) holds the step scripts, with secrets expanded into them, and the file commands; it
 * is readable by this user only and removed when the job ends, however it ends, as GitHub's runner
 * empties it ({@link CiRuns#removeLeftoverTemp} removes what a killed runner left).
 */
final class JobExecution {
  /** The job folder's RUNNER_TEMP. */
  static final String TEMP = "temp";
  private static final int LAST_LINES = 15;
  /** What a run step without shell: (and without defaults.run.shell) runs under, as on GitHub's Linux runners. */
  static final String UNSPECIFIED_SHELL = "bash -e {0}";

  private final CiRuns runs;
  private final Path repository;
  private final ActionRegistry actions;
  private final ExpressionEngine expressions;
  private final RunListener listener;
  private final Workflow workflow;
  private final Event event;
  private final int runNumber;
  private final WorkflowJob job;
  private final String environment;
  private final Map<String, Object> needs;
  private final Map<String, Object> inputs;
  private final Consumer<UnaryOperator<JobRecord>> publish;
  private final BooleanSupplier cancelled;
  private final WorkspaceOpener workspaces;

  private final Map<String, String> secrets;
  private final Map<String, String> vars;
  private final Masker masker = new Masker();
  private final Path workspace;
  private final Path temp;
  private final Path logFile;
  private final Path summaryFile;
  /** Workflow env, job env, then what steps added through $GITHUB_ENV. */
  private final Map<String, String> jobEnv = new LinkedHashMap<>();
  private final List<String> addedPath = new ArrayList<>();
  private final Map<String, Object> stepsContext = new LinkedHashMap<>();
  private final List<StepRecord> stepRecords = new ArrayList<>();
  private final Deque<String> lastLines = new ArrayDeque<>();
  /** Processes the job's scripts started, to stop those still running when the job ends. */
  private final java.util.Set<ProcessHandle> spawned = new java.util.LinkedHashSet<>();
  private boolean failed;
  private String error;
  private final long startedAt = System.currentTimeMillis();
  private final Long deadline;
  /** The job's timeout-minutes as evaluated (it may be an expression). */
  private final String jobTimeout;

  JobExecution(CiRuns runs, Path repository, ActionRegistry actions, WorkspaceOpener workspaces,
      ExpressionEngine expressions, RunListener listener, Workflow workflow, Event event, RunnerSettings settings,
      int runNumber, WorkflowJob job, String environment, Map<String, Object> needs, Map<String, Object> inputs,
      BooleanSupplier cancelled, Consumer<UnaryOperator<JobRecord>> publish) {
    this.cancelled = cancelled;
    this.workspaces = workspaces;
    this.runs = runs;
    this.repository = repository;
    this.actions = actions;
    this.expressions = expressions;
    this.listener = listener;
    this.workflow = workflow;
    this.event = event;
    this.runNumber = runNumber;
    this.job = job;
    this.environment = environment;
    this.needs = needs;
    this.inputs = inputs;
    this.publish = publish;
    this.secrets = settings.secretsFor(environment);
    this.vars = settings.varsFor(environment);
    secrets.values().forEach(masker::add);
    Path dir = runs.jobDirectory(runNumber, job.id());
    this.workspace = dir.resolve("workspace");
    this.temp = dir.resolve(TEMP);
    this.logFile = runs.logFile(runNumber, job.id());
    this.summaryFile = runs.summaryFile(runNumber, job.id());
    // an expression, as a step's timeout-minutes may be; a job's may read github, needs, vars and inputs
    try {
      this.jobTimeout = job.timeoutMinutes() == null ? null
          : expressions.interpolate(job.timeoutMinutes(), contexts(Map.of())).strip();
      Double minutes = minutes(jobTimeout, job.timeoutMinutes(), null);
      this.deadline = minutes == null ? null : startedAt + (long) (minutes * 60_000);
    } catch (RuntimeException e) {
      // the job's error goes to run.json: a timeout-minutes made of a secret must not show it
      throw new IllegalArgumentException(masker.mask(String.valueOf(e.getMessage())), e);
    }
  }

  /** Runs the steps; the temp folder, with the step scripts, is gone when this returns or throws. */
  JobRecord run() {
    try {
      return runSteps();
    } finally {
      removeTemp();
    }
  }

  private void removeTemp() {
    try {
      FileTrees.deleteTree(temp);
    } catch (RuntimeException e) {
      // the next `mloop ci run` tries again (CiRuns.removeLeftoverTemp)
      log("##[warning]cannot remove the job's temp folder " + temp + ": " + e.getMessage());
    }
  }

  private JobRecord runSteps() {
    try {
      Files.createDirectories(workspace);
      createPrivateDirectory(temp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the job folder " + workspace.getParent() + ": " + e.getMessage(),
          e);
    }
    log("job " + job.id() + (job.displayName().equals(job.id()) ? "" : " (" + job.displayName() + ")")
        + (environment == null ? "" : ", environment " + environment));
    try {
      Map<String, String> workflowEnv = evaluateEnv(workflow.env(), Map.of());
      jobEnv.putAll(workflowEnv);
      jobEnv.putAll(evaluateEnv(job.env(), jobEnv));
    } catch (ExpressionException e) {
      fail(job.location() + ": env of job '" + job.id() + "': " + e.getMessage());
    }
    boolean timedOut = false;
    for (int i = 0; i < job.steps().size(); i++) {
      Step step = job.steps().get(i);
      if (timedOut || (!failed && deadlinePassed())) {
        if (!timedOut) {
          fail("job '" + job.id() + "' exceeded its timeout-minutes " + jobTimeout);
          timedOut = true;
        }
        record(i, step, Conclusion.SKIPPED, Conclusion.SKIPPED, null, null);
        continue;
      }
      timedOut = runStep(i, step);
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    if (job.outputs() != null) {
      for (Map.Entry<String, String> output : job.outputs().entrySet()) {
        try {
          String value = expressions.interpolate(output.getValue(), contexts(jobEnv));
          if (!masker.mask(value).equals(value)) {
            // as on GitHub: an output holding a secret is not passed on (run.json is not a secret store)
            log("output '" + output.getKey() + "' holds a secret and is left empty");
            value = "";
          }
          outputs.put(output.getKey(), value);
        } catch (ExpressionException e) {
          fail(job.location() + ": output '" + output.getKey() + "' of job '" + job.id() + "': " + e.getMessage());
        }
      }
    }
    stopOrphans();
    Conclusion conclusion = cancelled.getAsBoolean() ? Conclusion.CANCELLED
        : failed ? Conclusion.FAILURE : Conclusion.SUCCESS;
    log("job " + job.id() + " " + conclusion);
    return new JobRecord(job.id(), job.displayName(), environment, RunStatus.COMPLETED, conclusion, outputs,
        List.copyOf(stepRecords), startedAt, System.currentTimeMillis(), error);
  }

  /** Runs one step; true when the job's own timeout stopped it. */
  private boolean runStep(int index, Step step) {
    String name = step.displayName();
    long started = System.currentTimeMillis();
    Map<String, String> env;
    Contexts contexts;
    boolean go;
    try {
      Map<String, String> merged = new LinkedHashMap<>(jobEnv);
      merged.putAll(evaluateEnv(step.env(), jobEnv));
      env = merged;
      contexts = contexts(env);
      go = shouldRun(step, contexts);
    } catch (ExpressionException e) {
      log("##[error]" + e.getMessage());
      fail(step.location() + ": step '" + name + "' of job '" + job.id() + "': " + e.getMessage());
      record(index, step, Conclusion.FAILURE, Conclusion.FAILURE, started, System.currentTimeMillis());
      return false;
    }
    if (!go) {
      record(index, step, Conclusion.SKIPPED, Conclusion.SKIPPED, null, null);
      return false;
    }
    if (step.name() != null && step.name().contains("${{")) {
      try {
        name = expressions.interpolate(step.name(), contexts);
      } catch (RuntimeException e) {
        // the raw name is good enough for a title
      }
    }
    log("▶ " + name);
    lastLines.clear();
    StepOutcome outcome;
    try {
      outcome = step.uses() != null ? runAction(step, env, contexts) : runScript(index, step, env, contexts);
    } catch (RuntimeException e) {
      // an expression that fails, a bad timeout-minutes, a malformed $GITHUB_OUTPUT...
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      log("##[error]" + message);
      outcome = new StepOutcome(false, false, Map.of(), message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new StepOutcome(false, false, Map.of(), "interrupted");
    } catch (IOException e) {
      log("##[error]" + e.getMessage());
      outcome = new StepOutcome(false, false, Map.of(), e.getMessage());
    }
    Conclusion result = outcome.succeeded() ? Conclusion.SUCCESS
        : cancelled.getAsBoolean() ? Conclusion.CANCELLED : Conclusion.FAILURE;
    boolean continueOnError = result == Conclusion.FAILURE && !outcome.jobTimedOut()
        && flag(step.continueOnError(), contexts);
    Conclusion conclusion = continueOnError ? Conclusion.SUCCESS : result;
    if (step.id() != null && !step.id().isBlank()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("outputs", new LinkedHashMap<>(outcome.outputs()));
      entry.put("outcome", result.toString());
      entry.put("conclusion", conclusion.toString());
      stepsContext.put(step.id(), entry);
    }
    if (conclusion == Conclusion.CANCELLED) {
      if (error == null) {
        error = "job '" + job.id() + "' was cancelled during step '" + name + "'";
      }
    } else if (conclusion == Conclusion.FAILURE) {
      fail("job '" + job.id() + "' failed at step '" + name + "' (" + step.location() + "): " + outcome.reason()
          + lastLinesText());
    } else if (continueOnError) {
      log("step '" + name + "' failed (" + outcome.reason() + "); continue-on-error lets the job go on");
    }
    stepRecords.add(new StepRecord(index + 1, step.id(), masker.mask(name), result, conclusion, started,
        System.currentTimeMillis()));
    publishSteps();
    return outcome.jobTimedOut();
  }

  private record StepOutcome(boolean succeeded, boolean jobTimedOut, Map<String, String> outputs, String reason) {}

  /** GitHub: without a status function an {@code if:} means {@code success() && (if)}; no {@code if:} is success(). */
  private boolean shouldRun(Step step, Contexts contexts) {
    String condition = step.ifCondition();
    boolean statusFunction = WorkflowRunner.usesStatusFunction(condition);
    boolean isCancelled = cancelled.getAsBoolean();
    if ((failed || isCancelled) && !statusFunction) {
      return false;
    }
    if (condition == null || condition.isBlank()) {
      return true;
    }
    return expressions.condition(condition, contexts.withStatus(failed, isCancelled));
  }

  private StepOutcome runScript(int index, Step step, Map<String, String> env, Contexts contexts)
      throws IOException, InterruptedException {
    String script = expressions.interpolate(step.run(), contexts);
    // GitHub: with no shell anywhere, bash -e (no pipefail); "shell: bash" adds -o pipefail
    String shell = step.shell() != null ? step.shell() : job.defaultShell() != null ? job.defaultShell()
        : UNSPECIFIED_SHELL;
    String dir = step.workingDirectory() != null ? step.workingDirectory() : job.defaultWorkingDirectory();
    Path cwd = workspace;
    if (dir != null && !dir.isBlank()) {
      cwd = workspace.resolve(expressions.interpolate(dir, contexts).strip()).normalize();
      if (!Files.isDirectory(cwd)) {
        String why = "working-directory '" + dir + "' does not exist in the job's workspace (" + cwd + ")";
        log("##[error]" + why);
        return new StepOutcome(false, false, Map.of(), why);
      }
    }
    String extension = shell.strip().startsWith("python") ? ".py" : ".sh";
    Path scriptFile = temp.resolve("step-" + (index + 1) + extension);
    Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
    List<String> command = command(shell, scriptFile);

    Path files = temp.resolve("_file_commands");
    Files.createDirectories(files);
    Path output = emptyFile(files.resolve("output_" + (index + 1)));
    Path envFile = emptyFile(files.resolve("env_" + (index + 1)));
    Path pathFile = emptyFile(files.resolve("path_" + (index + 1)));
    Path summary = emptyFile(files.resolve("step_summary_" + (index + 1)));

    Map<String, String> processEnv = inheritedEnvironment();
    processEnv.putAll(env);
    processEnv.putAll(githubVariables());
    processEnv.put("GITHUB_OUTPUT", output.toString());
    processEnv.put("GITHUB_ENV", envFile.toString());
    processEnv.put("GITHUB_PATH", pathFile.toString());
    processEnv.put("GITHUB_STEP_SUMMARY", summary.toString());
    processEnv.put("PATH", withAddedPath(processEnv.get("PATH")));

    Duration timeout = timeout(step, contexts);
    // GitHub: a step that starts after the cancel (its if: is always() or cancelled()) runs to completion;
    // only a cancel that arrives while a step runs stops it
    boolean cancelledBefore = cancelled.getAsBoolean();
    BooleanSupplier cancelledSinceStart = () -> !cancelledBefore && cancelled.getAsBoolean();
    ScriptProcess.Result result = ScriptProcess.run(command, cwd, processEnv, timeout, cancelledSinceStart,
        this::scriptLine, spawned);
    boolean jobTimedOut = false;
    String reason;
    if (result.cancelled()) {
      reason = "the run was cancelled";
      log("##[error]the run was cancelled; the step's processes were stopped");
    } else if (result.timedOut()) {
      jobTimedOut = deadlinePassed();
      reason = jobTimedOut ? "the job exceeded its timeout-minutes " + jobTimeout
          : "the step exceeded its timeout-minutes " + step.timeoutMinutes();
      log("##[error]" + reason + "; the step's processes were stopped");
    } else {
      reason = "exit code " + result.exitCode();
      if (result.exitCode() != 0) {
        log("##[error]Process completed with exit code " + result.exitCode() + ".");
      }
    }
    Map<String, String> outputs = FileCommands.readPairs(output, "GITHUB_OUTPUT");
    jobEnv.putAll(FileCommands.readPairs(envFile, "GITHUB_ENV"));
    addedPath.addAll(0, reversed(FileCommands.readLines(pathFile)));
    appendSummary(Files.readString(summary, StandardCharsets.UTF_8));
    return new StepOutcome(result.succeeded(), jobTimedOut, outputs, reason);
  }

  private StepOutcome runAction(Step step, Map<String, String> env, Contexts contexts) {
    Action action = actions.lookup(step.uses()).orElseThrow(() -> new IllegalArgumentException(
        "action '" + step.uses() + "' is not supported by the local runner"));
    Map<String, String> with = new LinkedHashMap<>();
    if (step.with() != null) {
      step.with().forEach((k, v) -> with.put(k, v == null ? "" : expressions.interpolate(v, contexts)));
    }
    Map<String, String> actionEnv = inheritedEnvironment();
    actionEnv.putAll(env);
    actionEnv.putAll(githubVariables());
    actionEnv.put("PATH", withAddedPath(actionEnv.get("PATH")));
    ActionContext context = new ActionContext(runNumber, job.id(), step.uses(), workspace, temp,
        runs.runDirectory(runNumber), repository, event, with, actionEnv, this::stepLog, masker, workspaces,
        runs.artifactKey(repositoryName(repository)));
    boolean ok = true;
    String reason = "succeeded";
    try {
      action.run(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
      reason = "interrupted";
    } catch (Exception e) {
      ok = false;
      reason = e.getMessage() == null ? e.toString() : e.getMessage();
      log("##[error]" + reason);
    }
    jobEnv.putAll(context.exportedEnv);
    addedPath.addAll(0, reversed(context.addedPath));
    appendSummary(context.summary.toString());
    return new StepOutcome(ok, false, context.outputs, reason);
  }

  static boolean supportedShell(String shell) {
    String s = shell.strip();
    return s.contains("{0}") || s.equals("bash") || s.equals("sh") || s.equals("python");
  }

  /**
   * As on GitHub, processes a step left running in the background do not outlive their job, unless
   * started with RUNNER_TRACKING_ID cleared (GitHub's way to keep one: {@code RUNNER_TRACKING_ID="" nohup cmd &}).
   */
  private void stopOrphans() {
    for (ProcessHandle process : spawned) {
      if (process.isAlive() && tracked(process)) {
        log("stopping orphan process " + process.pid() + " " + process.info().command().orElse(""));
        process.destroyForcibly();
      }
    }
  }

  private String trackingId() {
    return "mloop_" + runNumber + "_" + job.id();
  }

  /** True when the process still carries this job's RUNNER_TRACKING_ID (true when its environment cannot be read). */
  private boolean tracked(ProcessHandle process) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
      String wanted = "RUNNER_TRACKING_ID=" + trackingId();
      for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
        if (entry.startsWith("RUNNER_TRACKING_ID=")) {
          return entry.equals(wanted);
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** GitHub's shells: bash (-eo pipefail), sh (-e), python, or a custom "cmd {0}" (unspecified: bash -e {0}). */
  private static List<String> command(String shell, Path file) {
    String s = shell.strip();
    if (s.contains("{0}")) {
      return java.util.Arrays.stream(s.split("\\s+")).map(part -> part.replace("{0}", file.toString())).toList();
    }
    return switch (s) {
      case "bash" -> List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString());
      case "sh" -> List.of("sh", "-e", file.toString());
      case "python" -> List.of("python3", file.toString());
      default -> throw new IllegalArgumentException("shell '" + s + "' is not supported by the local runner; "
          + "use bash, sh, python or a command with {0}");
    };
  }

  /** A script's output line: workflow commands (::add-mask::) are obeyed, the rest masked and logged. */
  private void scriptLine(String line) {
    if (line.startsWith("::add-mask::")) {
      masker.add(line.substring("::add-mask::".length()));
      return;
    }
    stepLog(line);
  }

  /** A line the runner writes about the job. */
  private void log(String raw) {
    String line = masker.mask(raw);
    JobLog.append(logFile, line);
    listener.log(runNumber, job.id(), line);
  }

  /** A line of a step's own output: also kept as one of the last lines a failure quotes. */
  private void stepLog(String raw) {
    String line = masker.mask(raw);
    synchronized (lastLines) {
      lastLines.addLast(line);
      while (lastLines.size() > LAST_LINES) {
        lastLines.removeFirst();
      }
    }
    JobLog.append(logFile, line);
    listener.log(runNumber, job.id(), line);
  }

  private String lastLinesText() {
    synchronized (lastLines) {
      if (lastLines.isEmpty()) {
        return "";
      }
      return "; last log lines:\n  " + String.join("\n  ", lastLines);
    }
  }

  private void fail(String message) {
    failed = true;
    if (error == null) {
      error = masker.mask(message);
    }
  }

  private void record(int index, Step step, Conclusion outcome, Conclusion conclusion, Long started, Long ended) {
    if (outcome == Conclusion.SKIPPED && step.id() != null && !step.id().isBlank()) {
      stepsContext.put(step.id(), Map.of("outputs", Map.of(), "outcome", "skipped", "conclusion", "skipped"));
    }
    stepRecords.add(new StepRecord(index + 1, step.id(), step.displayName(), outcome, conclusion, started, ended));
    publishSteps();
  }

  private void publishSteps() {
    List<StepRecord> snapshot = List.copyOf(stepRecords);
    publish.accept(old -> new JobRecord(old.id(), old.name(), old.environment(), old.status(), old.conclusion(),
        old.outputs(), snapshot, old.startedAt(), old.endedAt(), old.error()));
  }

  private void appendSummary(String markdown) throws UncheckedIOException {
    if (markdown == null || markdown.isEmpty()) {
      return;
    }
    // as GitHub's runner scrubs a step summary before keeping it: secrets and ::add-mask:: values become ***
    String masked = markdown.lines().map(masker::mask).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    try {
      Files.writeString(summaryFile, masked, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + summaryFile + ": " + e.getMessage(), e);
    }
  }

  private Duration timeout(Step step, Contexts contexts) {
    Double minutes = minutes(step.timeoutMinutes() == null ? null
        : expressions.interpolate(step.timeoutMinutes(), contexts), step.timeoutMinutes(), step);
    Long stepMillis = minutes == null ? null : (long) (minutes * 60_000);
    Long jobMillis = deadline == null ? null : Math.max(0, deadline - System.currentTimeMillis());
    if (stepMillis == null) {
      return jobMillis == null ? null : Duration.ofMillis(jobMillis);
    }
    return Duration.ofMillis(jobMillis == null ? stepMillis : Math.min(stepMillis, jobMillis));
  }

  /**
   * A timeout-minutes value ({@code text}, already evaluated from {@code raw}); null when there is none.
   * A job's error leaves out its location: the runner names the job and its location around it.
   */
  private Double minutes(String text, String raw, Step step) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.strip());
      if (value <= 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException((step != null ? step.location() + ": " : "")
          + "timeout-minutes must be a positive number of minutes, not '" + text + "'"
          + (raw.strip().equals(text.strip()) ? "" : " (the value of " + raw.strip() + ")"));
    }
  }

  private boolean deadlinePassed() {
    return deadline != null && System.currentTimeMillis() >= deadline;
  }

  private boolean flag(String raw, Contexts contexts) {
    if (raw == null || raw.isBlank()) {
      return false;
    }
    String value = expressions.interpolate(raw, contexts).strip();
    return value.equalsIgnoreCase("true");
  }

  private Map<String, String> evaluateEnv(Map<String, String> raw, Map<String, String> visibleEnv) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    Contexts contexts = contexts(visibleEnv);
    raw.forEach((k, v) -> out.put(k, v == null ? "" : expressions.interpolate(v, contexts)));
    return out;
  }

  private String withAddedPath(String path) {
    if (addedPath.isEmpty()) {
      return path;
    }
    return String.join(java.io.File.pathSeparator, addedPath) + (path == null ? "" : java.io.File.pathSeparator + path);
  }

  private static List<String> reversed(List<String> entries) {
    List<String> copy = new ArrayList<>(entries);
    java.util.Collections.reverse(copy); // the last line written comes first in PATH, as on GitHub
    return copy;
  }

  /** A folder only this user can read: the step scripts in it hold secrets. */
  private static void createPrivateDirectory(Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(dir);
    } catch (java.nio.file.FileAlreadyExistsException exists) {
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  private static Path emptyFile(Path file) throws IOException {
    Files.writeString(file, "");
    return file;
  }

  private Contexts contexts(Map<String, String> env) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("github", githubContext(repository, event, runNumber, job.id(), workspace));
    values.put("env", new LinkedHashMap<String, Object>(env));
    values.put("vars", new LinkedHashMap<String, Object>(vars));
    values.put("secrets", new LinkedHashMap<String, Object>(secrets));
    values.put("inputs", inputs);
    values.put("needs", needs);
    values.put("steps", new LinkedHashMap<>(stepsContext));
    values.put("job", Map.of("status", cancelled.getAsBoolean() ? "cancelled" : failed ? "failure" : "success"));
    Map<String, Object> runner = new LinkedHashMap<>();
    runner.put("os", "Linux");
    runner.put("arch", "X64");
    runner.put("name", "mloop-local");
    runner.put("temp", temp.toString());
    runner.put("environment", "self-hosted");
    values.put("runner", runner);
    return Contexts.of(values);
  }

  /**
   * This process's environment without git's GIT_* variables: a runner started from a git hook has
   * GIT_DIR and friends pointing at the bare repository, which would redirect every git command of a step.
   */
  static Map<String, String> inheritedEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    System.getenv().forEach((k, v) -> {
      if (!k.startsWith("GIT_")) {
        env.put(k, v);
      }
    });
    return env;
  }

  /** The environment variables GitHub sets for every step, and the local runner's two. */
  private Map<String, String> githubVariables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("CI", "true");
    vars.put("GITHUB_ACTIONS", "true");
    vars.put("GITHUB_WORKSPACE", workspace.toString());
    vars.put("GITHUB_SHA", nullToEmpty(event.after()));
    vars.put("GITHUB_REF", nullToEmpty(event.ref()));
    vars.put("GITHUB_REF_NAME", nullToEmpty(event.branch()));
    vars.put("GITHUB_EVENT_NAME", nullToEmpty(event.name()));
    vars.put("GITHUB_RUN_ID", Integer.toString(runNumber));
    vars.put("GITHUB_RUN_NUMBER", Integer.toString(runNumber));
    vars.put("GITHUB_RUN_ATTEMPT", "1");
    vars.put("GITHUB_REPOSITORY", repositoryName(repository));
    vars.put("GITHUB_JOB", job.id());
    vars.put("GITHUB_ACTOR", actor());
    vars.put("GITHUB_WORKFLOW", workflow.displayName());
    vars.put("RUNNER_TEMP", temp.toString());
    vars.put("RUNNER_OS", "Linux");
    vars.put("RUNNER_ARCH", "X64");
    vars.put("RUNNER_NAME", "mloop-local");
    vars.put("RUNNER_TRACKING_ID", trackingId());
    // mloop's own: GitHub never sets them, so a step can tell the local runner apart and start another
    // workflow in the same CI home (`mloop ci run --repo $MLOOP_CI_REPOSITORY --ci-home $MLOOP_CI_HOME`)
    vars.put("MLOOP_CI_HOME", runs.home().toString());
    vars.put("MLOOP_CI_REPOSITORY", repository.toString());
    return vars;
  }

  /** The {@code github} context; {@code workspace} is null before a job has one. */
  static Map<String, Object> githubContext(Path repository, Event event, int runNumber, String jobId,
      Path workspace) {
    Map<String, Object> github = new LinkedHashMap<>();
    github.put("event_name", nullToEmpty(event.name()));
    github.put("ref", nullToEmpty(event.ref()));
    github.put("ref_name", nullToEmpty(event.branch()));
    github.put("sha", nullToEmpty(event.after()));
    github.put("repository", repositoryName(repository));
    github.put("repository_owner", "local");
    github.put("workspace", workspace == null ? "" : workspace.toString());
    github.put("run_id", Integer.toString(runNumber));
    github.put("run_number", Integer.toString(runNumber));
    github.put("run_attempt", "1");
    github.put("actor", actor());
    github.put("job", jobId == null ? "" : jobId);
    github.put("server_url", "");
    boolean pullRequest = "pull_request".equals(event.name());
    github.put("base_ref", pullRequest ? nullToEmpty(event.branch()) : "");
    github.put("head_ref", "");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("before", nullToEmpty(event.before()));
    payload.put("after", nullToEmpty(event.after()));
    payload.put("ref", nullToEmpty(event.ref()));
    payload.put("inputs", new LinkedHashMap<String, Object>(event.inputs()));
    github.put("event", payload);
    return github;
  }

  static String repositoryName(Path repository) {
    Path name = repository.getFileName();
    String s = name == null ? "repository" : name.toString();
    return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
  }

  private static String actor() {
    return nullToEmpty(System.getProperty("user.name"));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
