package org.mloop.ci.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mloop.ci.expr.Contexts;
import org.mloop.ci.expr.ExpressionException;
import org.mloop.ci.expr.Expressions;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowJob;
import org.mloop.core.files.FolderWatch;

/**
 * One run of a {@link WorkflowRunner}: the mutable state while its jobs go, which jobs run or are
 * skipped (needs chains, {@code if:}), environment approvals, cancellation and the run's conclusion.
 */
final class RunExecution {
  private final RunnerParts parts;
  private final CiRuns runs;
  private final RunListener listener;
  private final ExpressionEngine expressions;
  private final Path repository;
  private final Workflow workflow;
  private final Event event;
  private final RunnerSettings settings;
  private final Map<String, JobRecord> results = new HashMap<>();
  private RunRecord run;
  /** Set by `mloop ci cancel` (a file) or by this process shutting down. */
  private volatile boolean cancelled;

  RunExecution(RunnerParts parts, Workflow workflow, Event event, RunnerSettings settings,
      RunRecord created) {
    this.parts = parts;
    this.runs = parts.runs();
    this.listener = parts.listener();
    this.expressions = parts.expressions();
    this.repository = parts.repository();
    this.workflow = workflow;
    this.event = event;
    this.settings = settings == null ? RunnerSettings.empty() : settings;
    this.run = created;
  }

  RunRecord run() {
    // stopping this process (Ctrl-C, kill) cancels the run: its step's processes stop and run.json completes
    CountDownLatch done = new CountDownLatch(1);
    Thread onExit = new Thread(() -> {
      cancelled = true;
      try {
        done.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        // the JVM goes down anyway
      }
    }, "ci-run-" + run.number() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(onExit);
    try {
      return runJobs();
    } catch (RuntimeException | Error e) {
      // never leave run.json saying "running" for a run nobody runs any more
      update(run.completed(Conclusion.FAILURE, "the runner stopped: " + e, System.currentTimeMillis()));
      throw e;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // already running: it only waited for us
      }
    }
  }

  boolean cancelled() {
    if (!cancelled && runs.cancelRequested(run.number())) {
      cancelled = true;
    }
    return cancelled;
  }

  private RunRecord runJobs() {
    long now = System.currentTimeMillis();
    update(run.started(now, ProcessHandle.current().pid()));
    String firstError = null;
    for (WorkflowJob job : JobOrder.of(workflow)) {
      JobRecord result;
      try {
        result = runJob(job);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result = finished(job, Conclusion.CANCELLED, "the runner was interrupted");
      } catch (RuntimeException e) {
        // a job that cannot run (a bad timeout-minutes, a full disk) fails; the run still completes
        result = finished(job, Conclusion.FAILURE, "job '" + job.id() + "' (" + workflow.locate(job.location())
            + "): " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
      JobRecord done = result;
      results.put(job.id(), done);
      update(run.withJob(job.id(), old -> done));
      if (done.conclusion() != null && done.conclusion().failed() && !continueOnError(job)
          && firstError == null) {
        firstError = done.error();
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    boolean failed = workflow.jobs().values().stream().map(j -> results.get(j.id()))
        .anyMatch(r -> r != null && r.conclusion() != null && r.conclusion().failed()
            && !continueOnError(workflow.jobs().get(r.id())));
    boolean wasCancelled = cancelled() || results.size() < workflow.jobs().size()
        || results.values().stream().anyMatch(r -> r.conclusion() == Conclusion.CANCELLED);
    Conclusion conclusion = wasCancelled ? Conclusion.CANCELLED : failed ? Conclusion.FAILURE : Conclusion.SUCCESS;
    if (wasCancelled && firstError == null) {
      firstError = "the run was cancelled";
    }
    update(run.completed(conclusion, firstError, System.currentTimeMillis()));
    return run;
  }

  private JobRecord runJob(WorkflowJob job) throws InterruptedException {
    Map<String, Object> values = baseContexts(job);
    boolean statusFunction;
    try {
      statusFunction = Expressions.callsStatusFunction(job.ifCondition());
    } catch (ExpressionException e) {
      return finished(job, Conclusion.FAILURE, workflow.locate(job.location()) + ": job '" + job.id()
          + "' if: " + e.getMessage());
    }
    if (cancelled() && !statusFunction) {
      return new JobRecord(job.id(), job.displayName(), null, RunStatus.COMPLETED, Conclusion.CANCELLED, Map.of(),
          List.of(), null, null, "cancelled before it started");
    }
    // GitHub: a failure or skip applies to every job down the needs chain from that point on, with or
    // without an if:, unless the job's if: calls a status function; that one judges the chain itself
    // (failure() when any ancestor failed, success() when every ancestor succeeded)
    List<JobRecord> ancestors = ancestors(job);
    JobRecord blocking = ancestors.stream().filter(r -> r.conclusion() != Conclusion.SUCCESS).findFirst()
        .orElse(null);
    if (blocking != null && !statusFunction) {
      return skipped(job, "skipped: job '" + blocking.id() + "'"
          + (job.needs().contains(blocking.id()) ? "" : ", up its needs chain,") + " concluded "
          + (blocking.conclusion() == null ? Conclusion.SKIPPED : blocking.conclusion()));
    }
    if (job.ifCondition() != null && !job.ifCondition().isBlank()) {
      boolean anyFailed = ancestors.stream().anyMatch(r -> r.conclusion() != null && r.conclusion().failed());
      boolean anySkipped = ancestors.stream().anyMatch(r -> r.conclusion() != Conclusion.SUCCESS
          && (r.conclusion() == null || !r.conclusion().failed()));
      boolean go;
      try {
        go = expressions.condition(job.ifCondition(),
            Contexts.of(values).withStatus(anyFailed, cancelled()).withSkippedAncestor(anySkipped));
      } catch (ExpressionException e) {
        return finished(job, Conclusion.FAILURE, workflow.locate(job.location()) + ": job '" + job.id()
            + "' if: " + e.getMessage());
      }
      if (!go) {
        return skipped(job, "skipped: if: " + job.ifCondition().strip() + " is false");
      }
    }
    String environment = job.environment() == null ? null
        : expressions.interpolate(job.environment(), Contexts.of(values)).strip();
    if (environment != null && environment.isEmpty()) {
      environment = null;
    }
    if (environment != null && settings.needsApproval(environment)) {
      JobRecord rejected = awaitApproval(job, environment);
      if (rejected != null) {
        return rejected;
      }
    } else if (environment != null && settings.environment(environment).requiredApproval()) {
      update(run.withApproval(new ApprovalRecord(environment, job.id(), "auto-approved", "settings",
          System.currentTimeMillis(), System.currentTimeMillis(), "auto_approve in the CI settings")));
    }
    String env = environment;
    update(run.withJob(job.id(), old -> new JobRecord(job.id(), job.displayName(), env, RunStatus.RUNNING, null,
        Map.of(), List.of(), System.currentTimeMillis(), null, null)));
    JobSetup setup = JobSetup.builder()
        .workflow(workflow, event, settings)
        .run(run.number(), this::cancelled)
        .job(job, environment)
        .contexts(needsContext(job), DispatchInputs.values(workflow, event))
        .publish(step -> update(run.withJob(job.id(), old -> step.apply(old))))
        .build();
    return new JobExecution(parts, setup).run();
  }

  /** Waits for a person's decision; null when approved, the job's rejected record otherwise. */
  private JobRecord awaitApproval(WorkflowJob job, String environment) throws InterruptedException {
    long requested = System.currentTimeMillis();
    // the log line first: whoever sees the run waiting also finds how to approve it
    String line = "waiting for approval of environment " + environment + ": mloop ci approve " + run.number()
        + " --environment " + environment + " (or mloop ci reject)";
    JobLog.append(runs.logFile(run.number(), job.id()), line);
    listener.log(run.number(), job.id(), line);
    update(run.withApproval(new ApprovalRecord(environment, job.id(), "pending", null, requested, null, null))
        .withJob(job.id(), old -> new JobRecord(job.id(), job.displayName(), environment, RunStatus.WAITING, null,
            Map.of(), List.of(), null, null, null))
        .withStatus(RunStatus.WAITING));
    // A decision is a file in approvals/, a cancel request one in the run's folder: woken by either appearing.
    Path runFolder = runs.runDirectory(run.number());
    FolderWatch.await(Duration.ofDays(365), () -> List.of(runFolder, runFolder.resolve("approvals")),
        () -> runs.decision(run.number(), environment).isPresent() || cancelled()
            ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty());
    CiRuns.ApprovalDecision decision = runs.decision(run.number(), environment).orElse(null);
    if (decision == null) {
      update(run.withApproval(new ApprovalRecord(environment, job.id(), "cancelled", null, requested,
          System.currentTimeMillis(), null)).withStatus(RunStatus.RUNNING));
      return new JobRecord(job.id(), job.displayName(), environment, RunStatus.COMPLETED, Conclusion.CANCELLED,
          Map.of(), List.of(), null, System.currentTimeMillis(), "the run was cancelled while waiting for "
          + "approval of environment " + environment);
    }
    update(run.withApproval(new ApprovalRecord(environment, job.id(), decision.decision(), decision.by(), requested,
        decision.at(), decision.comment())).withStatus(RunStatus.RUNNING));
    String outcome = "environment " + environment + " " + decision.decision()
        + (decision.by() == null ? "" : " by " + decision.by())
        + (decision.comment() == null || decision.comment().isBlank() ? "" : ": " + decision.comment());
    JobLog.append(runs.logFile(run.number(), job.id()), outcome);
    listener.log(run.number(), job.id(), outcome);
    if (decision.approved()) {
      return null;
    }
    return new JobRecord(job.id(), job.displayName(), environment, RunStatus.COMPLETED, Conclusion.REJECTED,
        Map.of(), List.of(), null, System.currentTimeMillis(), "job '" + job.id() + "': " + outcome);
  }

  /** A job with {@code continue-on-error: true} does not fail the run (its dependants still see its result). */
  private boolean continueOnError(WorkflowJob job) {
    String raw = job.continueOnError();
    if (raw == null || raw.isBlank()) {
      return false;
    }
    try {
      return expressions.interpolate(raw, Contexts.of(baseContexts(job))).strip().equalsIgnoreCase("true");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The results of the jobs this one needs, directly (first, in needs order) or through them. */
  private List<JobRecord> ancestors(WorkflowJob job) {
    Deque<String> todo = new ArrayDeque<>(job.needs());
    Set<String> seen = new HashSet<>();
    List<JobRecord> found = new ArrayList<>();
    while (!todo.isEmpty()) {
      String id = todo.removeFirst();
      if (!seen.add(id)) {
        continue;
      }
      JobRecord r = results.get(id);
      if (r != null) {
        found.add(r);
      }
      todo.addAll(workflow.jobs().get(id).needs());
    }
    return found;
  }

  private Map<String, Object> needsContext(WorkflowJob job) {
    Map<String, Object> needs = new LinkedHashMap<>();
    for (String need : job.needs()) {
      JobRecord r = results.get(need);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("result", r.conclusion() == null ? "skipped" : r.conclusion().result());
      entry.put("outputs", new LinkedHashMap<>(r.outputs()));
      needs.put(need, entry);
    }
    return needs;
  }

  /** Contexts a job-level {@code if:} and {@code environment:} can read. */
  private Map<String, Object> baseContexts(WorkflowJob job) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("github", GithubEnvironment.githubContext(repository, event, run.number(), job.id(), null));
    values.put("needs", needsContext(job));
    values.put("vars", new LinkedHashMap<>(settings.vars()));
    values.put("inputs", DispatchInputs.values(workflow, event));
    values.put("env", new LinkedHashMap<>(workflow.env() == null ? Map.of() : workflow.env()));
    return values;
  }

  private JobRecord skipped(WorkflowJob job, String why) {
    return new JobRecord(job.id(), job.displayName(), null, RunStatus.COMPLETED, Conclusion.SKIPPED, Map.of(),
        List.of(), null, null, why);
  }

  private JobRecord finished(WorkflowJob job, Conclusion conclusion, String error) {
    long now = System.currentTimeMillis();
    return new JobRecord(job.id(), job.displayName(), null, RunStatus.COMPLETED, conclusion, Map.of(), List.of(),
        now, now, error);
  }

  private synchronized void update(RunRecord changed) {
    run = changed;
    runs.save(run);
    listener.updated(run);
  }
}
