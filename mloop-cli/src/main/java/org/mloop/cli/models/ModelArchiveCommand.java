package org.mloop.cli.models;

import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {"Archive a version: it stays readable but is no longer the latest and cannot be aliased.",
        "Refused while an alias points at it."},
    footer = {"", "Example:", "  mloop model archive diabetes:2"})
public final class ModelArchiveCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME:VERSION", description = "The version to archive.")
  String ref;

  private ModelRef parsed;

  @Override
  protected void checkOptions() {
    parsed = ModelRefs.exactVersion(ref);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    ModelVersion v = ws.registry().archiveVersion(parsed.name(), parsed.version());
    out.result(v, "Archived " + v.ref());
    return 0;
  }
}
