package org.mloop.cli.models;

import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {"Delete a model version's record. Refused while an alias points at it or a recorded usage (a serving"
        + " deployment, once endpoints exist) holds it.",
        "Its number is never reused; archiving is usually what you want."},
    footer = {"", "Example:", "  mloop model delete diabetes:1"})
public final class ModelDeleteCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME:VERSION", description = "The version to delete.")
  String ref;

  private ModelRef parsed;

  @Override
  protected void checkOptions() {
    parsed = ModelRefs.exactVersion(ref);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    ws.registry().deleteVersion(parsed.name(), parsed.version());
    out.result(Map.of("deleted", parsed.toString()), "Deleted " + parsed);
    return 0;
  }
}
