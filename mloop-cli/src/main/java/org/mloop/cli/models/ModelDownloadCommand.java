package org.mloop.cli.models;

import java.nio.file.Path;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.artifacts.Downloads;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = "Download a model version's folder (MLmodel and its files), checking every file's sha256.",
    footer = {"", "Example:", "  mloop model download diabetes@staging --path ./staging-model"})
public final class ModelDownloadCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME[:VERSION|@ALIAS]", description = "The version (a bare name means the latest).")
  String ref;

  @Option(names = "--path", required = true, paramLabel = "DIR", description = "Target folder (created if needed).")
  Path path;

  @Override
  protected int run(Workspace ws, Printer out) {
    ModelVersion v = ws.registry().getVersion(ModelRef.parse(ref));
    ModelVersion version = v;
    Downloads.Result copied = Downloads.copy(ws.registry().listFiles(v), file -> ws.registry().openFile(version, file), path);
    Path root = copied.root();
    long bytes = copied.bytes();
    int count = copied.files();
    Map<String, Object> json = Printer.object("model", v.ref(), "path", root.toString(), "files", count,
        "bytes", bytes);
    out.result(json, "Downloaded " + v.ref() + ": " + count + " file(s), " + bytes + " bytes, to " + root);
    return 0;
  }
}
