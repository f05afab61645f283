package org.mloop.cli;

import java.util.concurrent.Callable;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command over one workspace: it opens the workspace (--workspace, --output), hands it over with a
 * {@link Printer} on picocli's streams, which decides table or JSON once, and closes it afterwards.
 */
public abstract class WorkspaceCommand implements Callable<Integer> {
  @Mixin protected WorkspaceOptions workspace;
  @Spec protected CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    checkOptions();
    try (Workspace ws = workspace.open()) {
      return run(ws, Printer.of(spec, workspace.json()));
    }
  }

  /** Refuses bad options before the workspace is opened (a local one is created on first use). */
  protected void checkOptions() throws Exception {
  }

  /** Does the command's work and prints its result; returns the exit code. */
  protected abstract int run(Workspace ws, Printer out) throws Exception;
}
