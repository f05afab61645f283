package org.mloop.cli.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one data asset version and its files with their sha256.",
    footer = {"", "Examples:", "  mloop data show diabetes-dev-folder@latest", "  mloop data show diabetes-dev-folder:2"})
public final class DataShowCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME[:VERSION|@latest]", description = "The asset (a bare name means @latest).")
  String ref;

  @Override
  protected int run(Workspace ws, Printer out) {
    DataAsset asset = ws.data().get(AssetRef.parse(ref));
    List<ArtifactFile> files = ws.data().listFiles(asset);
    Map<String, Object> json = Printer.object("asset", asset, "files", files);
    out.result(json, () -> {
      List<String[]> fields = new ArrayList<>();
      fields.add(new String[] {"name", asset.name()});
      fields.add(new String[] {"version", String.valueOf(asset.version())});
      fields.add(new String[] {"reference", asset.ref()});
      fields.add(new String[] {"type", asset.type().name()});
      fields.add(new String[] {"description", asset.description()});
      fields.add(new String[] {"created", Instant.ofEpochMilli(asset.createdAt()).toString()});
      fields.add(new String[] {"sha256", asset.sha256()});
      fields.add(new String[] {"size", asset.sizeBytes() + " bytes in " + asset.fileCount() + " file(s)"});
      fields.add(new String[] {"stored at", asset.artifactPath()});
      if (asset.tags() != null && !asset.tags().isEmpty()) {
        fields.add(new String[] {"tags", asset.tags().toString()});
      }
      out.fields(fields);
      out.line("");
      out.table(List.of("FILE", "BYTES", "SHA256"),
          files.stream().map(f -> List.of(f.path(), String.valueOf(f.sizeBytes()), f.sha256())).toList());
    });
    return 0;
  }
}
