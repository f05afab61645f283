package org.mloop.cli.models;

import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {"Archive a version: it stays readable but is no longer the latest and cannot be aliased.",
        "Refused while an alias points at it."},
    footer = {"", "Example:", "  mloop model archive diabetes:2"})
public final class ModelArchiveCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Parameters(paramLabel = "NAME:VERSION", description = "The version to archive.")
  String ref;

  @Override
  public Integer call() {
    ModelRef parsed = ModelRefs.exactVersion(ref);
    try (Workspace ws = workspace.open()) {
      ModelVersion v = ws.registry().archiveVersion(parsed.name(), parsed.version());
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(v);
      } else {
        out.line("Archived " + v.ref());
      }
    }
    return 0;
  }
}
