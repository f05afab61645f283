package org.mloop.cli.models;

import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = "Change the description or tags of a model (NAME) or of one version (NAME:VERSION). "
        + "Files and lineage never change.",
    footer = {"", "Examples:", "  mloop model update diabetes --description \"Diabetes classifier\" --tag team=health",
        "  mloop model update diabetes:3 --tag validated=yes --delete-tag candidate"})
public final class ModelUpdateCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME[:VERSION]", description = "The model, or one version of it.")
  String ref;

  @Option(names = "--description", description = "New description (\"\" clears it).")
  String description;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag to set; repeatable.")
  Map<String, String> tags = Map.of();

  @Option(names = "--delete-tag", paramLabel = "KEY", description = "A tag to delete; repeatable.")
  List<String> deleteTags = List.of();

  private ModelRef parsed;

  @Override
  protected void checkOptions() {
    ModelRef given = ModelRef.parse(ref);
    parsed = given.alias() != null ? ModelRefs.exactVersion(ref) : given;
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    Object updated = parsed.version() == null
        ? ws.registry().updateModel(parsed.name(), description, tags, deleteTags)
        : ws.registry().updateVersion(parsed.name(), parsed.version(), description, tags, deleteTags);
    out.result(updated, "Updated " + (parsed.version() == null ? "model " + parsed.name() : parsed.toString()));
    return 0;
  }
}
