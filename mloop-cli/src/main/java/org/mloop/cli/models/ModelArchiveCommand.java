package org.mloop.cli.models;

import org.mloop.cli.Printer;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {"Archive a version: it stays readable but is no longer the latest and cannot be aliased.",
        "Refused while an alias points at it."},
    footer = {"", "Example:", "  mloop model archive diabetes:2"})
public final class ModelArchiveCommand extends VersionCommand {
  @Override
  protected int run(Workspace ws, ModelRef version, Printer out) {
    ModelVersion v = ws.registry().archiveVersion(version.name(), version.version());
    out.result(v, "Archived " + v.ref());
    return 0;
  }
}
