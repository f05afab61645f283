package org.mloop.ci.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.ci.expr.Contexts;
import org.mloop.ci.expr.ExpressionException;
import org.mloop.ci.expr.Expressions;
import org.mloop.ci.workflow.Step;
import org.mloop.ci.workflow.WorkflowJob;
import org.mloop.core.files.FileTrees;

/**
 * One job's steps, in its own folder: workspace, temp, log.txt and summary.md. The temp folder
 * (RUNNER_TEMP) holds the step scripts, with secrets expanded into them, and the file commands; it
 * is readable by this user only and removed when the job ends, however it ends, as GitHub's runner
 * empties it ({@link CiRuns#removeLeftoverTemp} removes what a killed runner left).
 *
 * <p>This class keeps the job's state as its steps go (env, PATH, the steps context, failure) and
 * decides which step runs; {@link ScriptStep} runs {@code run:} steps, the {@link ActionRegistry}'s
 * actions run {@code uses:} steps, {@link JobOutput} writes the log and summary,
 * {@link GithubEnvironment} says what GitHub tells a job, {@link JobTimeouts} keeps time and
 * {@link OrphanProcesses} stops what the steps left running.
 */
final class JobExecution {
  /** The job folder's RUNNER_TEMP. */
  static final String TEMP = "temp";

  private final RunnerParts parts;
  private final JobSetup setup;
  private final WorkflowJob job;
  private final Map<String, String> secrets;
  private final Map<String, String> vars;
  private final Path workspace;
  private final Path temp;
  private final JobOutput output;
  private final GithubEnvironment github;
  private final OrphanProcesses processes;
  private final JobTimeouts timeouts;
  private final ScriptStep scripts;

  /** Workflow env, job env, then what steps added through $GITHUB_ENV. */
  private final Map<String, String> jobEnv = new LinkedHashMap<>();
  private final List<String> addedPath = new ArrayList<>();
  private final Map<String, Object> stepsContext = new LinkedHashMap<>();
  private final List<StepRecord> stepRecords = new ArrayList<>();
  private boolean failed;
  private String error;
  private final long startedAt = System.currentTimeMillis();

  JobExecution(RunnerParts parts, JobSetup setup) {
    this.parts = parts;
    this.setup = setup;
    this.job = setup.job();
    this.secrets = setup.settings().secretsFor(setup.environment());
    this.vars = setup.settings().varsFor(setup.environment());
    Masker masker = new Masker();
    secrets.values().forEach(masker::add);
    Path dir = parts.runs().jobDirectory(setup.runNumber(), job.id());
    this.workspace = dir.resolve("workspace");
    this.temp = dir.resolve(TEMP);
    this.output = new JobOutput(masker, parts.listener(), setup.runNumber(), job.id(),
        parts.runs().logFile(setup.runNumber(), job.id()), parts.runs().summaryFile(setup.runNumber(), job.id()));
    this.github = new GithubEnvironment(parts.repository(), setup.event(), setup.runNumber(), job.id(),
        setup.workflow().displayName(), workspace, temp, parts.runs().home());
    this.processes = new OrphanProcesses(github.trackingId());
    // an expression, as a step's timeout-minutes may be; a job's may read github, needs, vars and inputs
    try {
      String jobTimeout = job.timeoutMinutes() == null ? null
          : parts.expressions().interpolate(job.timeoutMinutes(), contexts(Map.of())).strip();
      this.timeouts = new JobTimeouts(jobTimeout, job.timeoutMinutes(), startedAt);
    } catch (RuntimeException e) {
      // the job's error goes to run.json: a timeout-minutes made of a secret must not show it
      throw new IllegalArgumentException(masker.mask(String.valueOf(e.getMessage())), e);
    }
    this.scripts = new ScriptStep(parts.expressions(), job, workspace, temp, output, timeouts, setup.cancelled(),
        processes);
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
      output.log("##[warning]cannot remove the job's temp folder " + temp + ": " + e.getMessage());
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
    String environment = setup.environment();
    output.log("job " + job.id() + (job.displayName().equals(job.id()) ? "" : " (" + job.displayName() + ")")
        + (environment == null ? "" : ", environment " + environment));
    try {
      Map<String, String> workflowEnv = evaluateEnv(setup.workflow().env(), Map.of());
      jobEnv.putAll(workflowEnv);
      jobEnv.putAll(evaluateEnv(job.env(), jobEnv));
    } catch (ExpressionException e) {
      fail(job.location() + ": env of job '" + job.id() + "': " + e.getMessage());
    }
    boolean timedOut = false;
    for (int i = 0; i < job.steps().size(); i++) {
      Step step = job.steps().get(i);
      if (timedOut || (!failed && timeouts.deadlinePassed())) {
        if (!timedOut) {
          fail("job '" + job.id() + "' exceeded its timeout-minutes " + timeouts.jobTimeout());
          timedOut = true;
        }
        record(i, step, Conclusion.SKIPPED, Conclusion.SKIPPED, null, null);
        continue;
      }
      timedOut = runStep(i, step);
    }
    Map<String, String> outputs = outputs();
    processes.stop(output::log);
    Conclusion conclusion = setup.cancelled().getAsBoolean() ? Conclusion.CANCELLED
        : failed ? Conclusion.FAILURE : Conclusion.SUCCESS;
    output.log("job " + job.id() + " " + conclusion);
    return new JobRecord(job.id(), job.displayName(), environment, RunStatus.COMPLETED, conclusion, outputs,
        List.copyOf(stepRecords), startedAt, System.currentTimeMillis(), error);
  }

  /** The job's outputs, evaluated once its steps ended. */
  private Map<String, String> outputs() {
    Map<String, String> outputs = new LinkedHashMap<>();
    if (job.outputs() == null) {
      return outputs;
    }
    for (Map.Entry<String, String> entry : job.outputs().entrySet()) {
      try {
        String value = parts.expressions().interpolate(entry.getValue(), contexts(jobEnv));
        if (!output.mask(value).equals(value)) {
          // as on GitHub: an output holding a secret is not passed on (run.json is not a secret store)
          output.log("output '" + entry.getKey() + "' holds a secret and is left empty");
          value = "";
        }
        outputs.put(entry.getKey(), value);
      } catch (ExpressionException e) {
        fail(job.location() + ": output '" + entry.getKey() + "' of job '" + job.id() + "': " + e.getMessage());
      }
    }
    return outputs;
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
      output.log("##[error]" + e.getMessage());
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
        name = parts.expressions().interpolate(step.name(), contexts);
      } catch (RuntimeException e) {
        // the raw name is good enough for a title
      }
    }
    output.log("▶ " + name);
    output.stepStarts();
    StepOutcome outcome;
    try {
      Map<String, String> processEnv = github.processEnvironment(env);
      processEnv.put("PATH", withAddedPath(processEnv.get("PATH")));
      StepResult result = step.uses() != null ? runAction(step, processEnv, contexts)
          : scripts.run(index, step, processEnv, contexts);
      jobEnv.putAll(result.exportedEnv());
      addedPath.addAll(0, reversed(result.addedPath()));
      output.appendSummary(result.summary());
      outcome = result.outcome();
    } catch (RuntimeException e) {
      // an expression that fails, a bad timeout-minutes, a malformed $GITHUB_OUTPUT...
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      output.log("##[error]" + message);
      outcome = new StepOutcome(false, false, Map.of(), message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new StepOutcome(false, false, Map.of(), "interrupted");
    } catch (IOException e) {
      output.log("##[error]" + e.getMessage());
      outcome = new StepOutcome(false, false, Map.of(), e.getMessage());
    }
    Conclusion result = outcome.succeeded() ? Conclusion.SUCCESS
        : setup.cancelled().getAsBoolean() ? Conclusion.CANCELLED : Conclusion.FAILURE;
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
          + output.lastLinesText());
    } else if (continueOnError) {
      output.log("step '" + name + "' failed (" + outcome.reason() + "); continue-on-error lets the job go on");
    }
    stepRecords.add(new StepRecord(index + 1, step.id(), output.mask(name), result, conclusion, started,
        System.currentTimeMillis()));
    publishSteps();
    return outcome.jobTimedOut();
  }

  /** GitHub: without a status function an {@code if:} means {@code success() && (if)}; no {@code if:} is success(). */
  private boolean shouldRun(Step step, Contexts contexts) {
    String condition = step.ifCondition();
    boolean statusFunction = Expressions.callsStatusFunction(condition);
    boolean isCancelled = setup.cancelled().getAsBoolean();
    if ((failed || isCancelled) && !statusFunction) {
      return false;
    }
    if (condition == null || condition.isBlank()) {
      return true;
    }
    return parts.expressions().condition(condition, contexts.withStatus(failed, isCancelled));
  }

  /** Runs a {@code uses:} step: the action with its evaluated {@code with:} inputs. */
  private StepResult runAction(Step step, Map<String, String> processEnv, Contexts contexts) {
    Action action = parts.actions().lookup(step.uses()).orElseThrow(() -> new IllegalArgumentException(
        "action '" + step.uses() + "' is not supported by the local runner"));
    Map<String, String> with = new LinkedHashMap<>();
    if (step.with() != null) {
      step.with().forEach((k, v) -> with.put(k, v == null ? "" : parts.expressions().interpolate(v, contexts)));
    }
    ActionContext context = new ActionContext(setup.runNumber(), job.id(), step.uses(), workspace, temp,
        parts.runs().runDirectory(setup.runNumber()), parts.repository(), setup.event(), with, processEnv,
        output::stepLog, output.masker(), parts.workspaces(),
        parts.runs().artifactKey(GithubEnvironment.repositoryName(parts.repository())));
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
      output.log("##[error]" + reason);
    }
    return new StepResult(new StepOutcome(ok, false, context.outputs, reason), context.exportedEnv,
        context.addedPath, context.summary.toString());
  }

  private void fail(String message) {
    failed = true;
    if (error == null) {
      error = output.mask(message);
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
    setup.publish().accept(old -> new JobRecord(old.id(), old.name(), old.environment(), old.status(),
        old.conclusion(), old.outputs(), snapshot, old.startedAt(), old.endedAt(), old.error()));
  }

  private boolean flag(String raw, Contexts contexts) {
    if (raw == null || raw.isBlank()) {
      return false;
    }
    String value = parts.expressions().interpolate(raw, contexts).strip();
    return value.equalsIgnoreCase("true");
  }

  private Map<String, String> evaluateEnv(Map<String, String> raw, Map<String, String> visibleEnv) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    Contexts contexts = contexts(visibleEnv);
    raw.forEach((k, v) -> out.put(k, v == null ? "" : parts.expressions().interpolate(v, contexts)));
    return out;
  }

  private String withAddedPath(String path) {
    if (addedPath.isEmpty()) {
      return path;
    }
    return String.join(File.pathSeparator, addedPath) + (path == null ? "" : File.pathSeparator + path);
  }

  private static List<String> reversed(List<String> entries) {
    List<String> copy = new ArrayList<>(entries);
    Collections.reverse(copy); // the last line written comes first in PATH, as on GitHub
    return copy;
  }

  /** A folder only this user can read: the step scripts in it hold secrets. */
  private static void createPrivateDirectory(Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException exists) {
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  private Contexts contexts(Map<String, String> env) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("github", github.githubContext());
    values.put("env", new LinkedHashMap<String, Object>(env));
    values.put("vars", new LinkedHashMap<String, Object>(vars));
    values.put("secrets", new LinkedHashMap<String, Object>(secrets));
    values.put("inputs", setup.inputs());
    values.put("needs", setup.needs());
    values.put("steps", new LinkedHashMap<>(stepsContext));
    values.put("job", Map.of("status", setup.cancelled().getAsBoolean() ? "cancelled" : failed ? "failure"
        : "success"));
    values.put("runner", github.runnerContext());
    return Contexts.of(values);
  }
}
