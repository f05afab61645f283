package org.mloop.cli.data;

import java.time.Instant;
import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.data.DataAsset;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List data assets (latest version of each), or every version of one with --name.",
    footer = {"", "Example:", "  mloop data list --name diabetes-prod-folder"})
public final class DataListCommand extends WorkspaceCommand {
  @Option(names = "--name", description = "Show every version of this asset.")
  String name;

  @Override
  protected int run(Workspace ws, Printer out) {
    List<DataAsset> assets = ws.data().list(name);
    out.result(assets, () -> {
      out.table(List.of("NAME", "VERSION", "TYPE", "FILES", "BYTES", "CREATED", "DESCRIPTION"),
          assets.stream().map(a -> List.of(a.name(), String.valueOf(a.version()), a.type().name(),
              String.valueOf(a.fileCount()), String.valueOf(a.sizeBytes()),
              Instant.ofEpochMilli(a.createdAt()).toString(), a.description() == null ? "" : a.description())).toList());
    });
    return 0;
  }
}
