package org.mloop.cli.models;

import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Parameters;

/** A command that changes one version, named NAME:VERSION only (see {@link ModelRefs#exactVersion}). */
abstract class VersionCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME:VERSION", description = "The version to ${COMMAND-NAME}.")
  String ref;

  private ModelRef version;

  @Override
  protected final void checkOptions() {
    version = ModelRefs.exactVersion(ref);
  }

  @Override
  protected final int run(Workspace ws, Printer out) {
    return run(ws, version, out);
  }

  /** Changes {@code version} (its name and number given) and prints the result. */
  protected abstract int run(Workspace ws, ModelRef version, Printer out);
}
