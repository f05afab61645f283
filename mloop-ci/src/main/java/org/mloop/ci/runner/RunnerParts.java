package org.mloop.ci.runner;

import java.nio.file.Path;

/** What every job a {@link WorkflowRunner} runs shares: its CI home, the repository, actions and expressions. */
record RunnerParts(CiRuns runs, Path repository, ActionRegistry actions, WorkspaceOpener workspaces,
    ExpressionEngine expressions, RunListener listener) {}
