package org.mloop.cli.data;

import java.nio.file.Path;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.MloopException;
import org.mloop.core.data.DataAsset;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Copy a file (uri_file) or folder (uri_folder) into the workspace as the next version of a data asset.",
    footer = {"", "Example:", "  mloop data create --name diabetes-dev-folder --path data/dev --description \"Dev data\""})
public final class DataCreateCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "Asset name, e.g. diabetes-dev-folder.")
  String name;

  @Option(names = "--path", required = true, description = "A local file or folder.")
  Path path;

  @Option(names = "--description", description = "What the data is.")
  String description;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag; repeatable.")
  Map<String, String> tags = Map.of();

  @Option(names = "--follow-symlinks", description = "Store the files that symbolic links in the folder point to, "
      + "under the links' names (without it, a folder holding links is refused and the links are named).")
  boolean followSymlinks;

  @Override
  protected int run(Workspace ws, Printer out) {
    DataAsset asset;
    try {
      asset = ws.data().create(name, path, description, tags, followSymlinks ? Symlinks.FOLLOW : Symlinks.REFUSE);
    } catch (FolderFiles.SymlinksRefused e) {
      throw new MloopException(e.code(), e.getMessage() + ", or store them as they are linked with --follow-symlinks", e);
    }
    out.result(asset, () -> {
      out.line("Created data asset " + asset.name() + ":" + asset.version() + " (" + asset.type() + ", "
          + asset.fileCount() + " file(s), " + asset.sizeBytes() + " bytes, sha256 " + asset.sha256() + ")");
      out.line("Use it in a job as " + asset.ref() + " or mloop:" + asset.name() + "@latest");
    });
    return 0;
  }
}
