package org.mloop.cli.models;

import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {"Delete a model version's record. Refused while an alias points at it or a recorded usage (a serving"
        + " deployment, once endpoints exist) holds it.",
        "Its number is never reused; archiving is usually what you want."},
    footer = {"", "Example:", "  mloop model delete diabetes:1"})
public final class ModelDeleteCommand extends VersionCommand {
  @Override
  protected int run(Workspace ws, ModelRef version, Printer out) {
    ws.registry().deleteVersion(version.name(), version.version());
    out.result(Map.of("deleted", version.toString()), "Deleted " + version);
    return 0;
  }
}
