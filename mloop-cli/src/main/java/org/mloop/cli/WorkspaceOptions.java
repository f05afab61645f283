package org.mloop.cli;

import org.mloop.app.Workspaces;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every workspace command shares: where the workspace is and how to print results. */
public final class WorkspaceOptions {
  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR|URL",
      description = "Workspace directory or server URL (default: $MLOOP_WORKSPACE, else ./.mloop).")
  String workspace;

  @Mixin OutputOption output;

  public boolean json() {
    return output.json();
  }

  public String location() {
    return Workspaces.location(workspace);
  }

  /** True when the workspace was named (--workspace or $MLOOP_WORKSPACE) rather than left to the default. */
  public boolean named() {
    return Workspaces.named(workspace);
  }

  public Workspace open() {
    return Workspaces.open(location());
  }
}
