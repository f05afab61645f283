package org.mloop.ci.runner;

import java.nio.file.Path;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Step;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowException;
import org.mloop.ci.workflow.WorkflowJob;

/**
 * Runs a workflow the way a GitHub-hosted runner does, on this machine: the jobs graph in
 * dependency order (one job at a time), {@code if:} conditions, environments with approvals,
 * {@code run} steps under bash and {@code uses:} steps from an {@link ActionRegistry}. The run's
 * state and logs go to {@link CiRuns}; log lines also go to the {@link RunListener}.
 *
 * <pre>
 *   WorkflowRunner runner = new WorkflowRunner(new CiRuns(ciHome), repoRoot, actions, listener);
 *   RunRecord run = runner.run(workflow, event, RunnerSettings.load(settingsFile));
 *   run.conclusion()  // SUCCESS or FAILURE; run.error() names the job, step and last log lines
 * </pre>
 */
public final class WorkflowRunner {
  private final CiRuns runs;
  private final Path repository;
  private final ActionRegistry actions;
  private final RunListener listener;
  private final ExpressionEngine expressions;
  private final WorkspaceOpener workspaces;
  /** What every job's {@link JobExecution} gets from this runner. */
  private final RunnerParts parts;

  /**
   * @param repository the git repository the events happen in (a bare repository for a push hook);
   *     its folder name, without ".git", is {@code github.repository}
   */
  public WorkflowRunner(CiRuns runs, Path repository, ActionRegistry actions, RunListener listener) {
    this(runs, repository, actions, listener, ExpressionEngine.github(), WorkspaceOpener.none());
  }

  private WorkflowRunner(CiRuns runs, Path repository, ActionRegistry actions, RunListener listener,
      ExpressionEngine expressions, WorkspaceOpener workspaces) {
    this.runs = runs;
    this.repository = repository.toAbsolutePath().normalize();
    this.actions = actions;
    this.listener = listener == null ? RunListener.none() : listener;
    this.expressions = expressions;
    this.workspaces = workspaces;
    this.parts = new RunnerParts(runs, this.repository, actions, workspaces, expressions, this.listener);
  }

  public WorkflowRunner withExpressions(ExpressionEngine engine) {
    return new WorkflowRunner(runs, repository, actions, listener, engine, workspaces);
  }

  /**
   * How {@code uses:} steps open the mloop workspace (the artifact actions keep artifacts in its
   * artifact store); without one they fail, saying to set MLOOP_WORKSPACE.
   */
  public WorkflowRunner withWorkspaces(WorkspaceOpener opener) {
    return new WorkflowRunner(runs, repository, actions, listener, expressions, opener);
  }

  public CiRuns runs() {
    return runs;
  }

  /**
   * What must hold before any job starts: every {@code needs} names a job of the workflow without a
   * cycle, and every {@code uses:} is an action this runner supports.
   *
   * @throws WorkflowException naming the file and line
   */
  public void check(Workflow workflow) {
    JobOrder.of(workflow);
    for (WorkflowJob job : workflow.jobs().values()) {
      for (Step step : job.steps()) {
        String shell = step.shell() != null ? step.shell() : job.defaultShell();
        if (step.run() != null && shell != null && !ScriptStep.supportedShell(shell)) {
          throw new WorkflowException(workflow.locate(step.location()), "shell '" + shell
              + "' is not supported by the local runner; use bash, sh, python or a command with {0}");
        }
        if (step.uses() != null && actions.lookup(step.uses()).isEmpty()) {
          throw new WorkflowException(workflow.locate(step.location()), "action '" + step.uses()
              + "' is not supported by the local runner; supported: "
              + (actions.supported().isEmpty() ? "(none)" : String.join(", ", actions.supported())));
        }
      }
    }
  }

  /** {@link #check(Workflow)} and, for workflow_dispatch, the inputs: required ones given, choices among their options. */
  public void check(Workflow workflow, Event event) {
    check(workflow);
    DispatchInputs.check(workflow, event);
  }

  /**
   * Checks the workflow, allocates a run number, runs every job and returns the completed run
   * (also in {@code runs/<N>/run.json}). Job failures are in the returned record, not thrown.
   *
   * @throws WorkflowException before anything runs, when {@link #check} fails
   */
  public RunRecord run(Workflow workflow, Event event, RunnerSettings settings) {
    check(workflow, event);
    RunRecord created = runs.create(workflow, event);
    return new RunExecution(parts, workflow, event, settings, created).run();
  }
}
