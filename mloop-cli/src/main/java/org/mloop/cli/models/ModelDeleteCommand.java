package org.mloop.cli.models;

import java.util.Map;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {"Delete a model version's record. Refused while an alias points at it or a recorded usage (a serving"
        + " deployment, once endpoints exist) holds it.",
        "Its number is never reused; archiving is usually what you want."},
    footer = {"", "Example:", "  mloop model delete diabetes:1"})
public final class ModelDeleteCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Parameters(paramLabel = "NAME:VERSION", description = "The version to delete.")
  String ref;

  @Override
  public Integer call() {
    ModelRef parsed = ModelRefs.exactVersion(ref);
    try (Workspace ws = workspace.open()) {
      ws.registry().deleteVersion(parsed.name(), parsed.version());
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(Map.of("deleted", parsed.toString()));
      } else {
        out.line("Deleted " + parsed);
      }
    }
    return 0;
  }
}
