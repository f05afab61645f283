package org.mloop.cli.jobs;

import java.nio.file.Path;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.artifacts.Downloads;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = "Download a completed job's named output into a local folder (DIR/OUTPUT_NAME/...).",
    footer = {"", "Example:", "  mloop job download plucky_orchid_4k2n9x --output-name model_output --download-path ./out"})
public final class JobDownloadCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME", description = "The job.")
  String name;

  @Option(names = "--output-name", required = true, description = "The output, as named in the job file.")
  String outputName;

  @Option(names = "--download-path", defaultValue = ".", description = "Target folder (default: current folder).")
  Path downloadPath;

  @Override
  protected int run(Workspace ws, Printer out) {
    Downloads.Result copied = Downloads.copy(ws.jobs().listOutput(name, outputName),
        file -> ws.jobs().openOutputFile(name, outputName, file), downloadPath.resolve(outputName));
    Path root = copied.root();
    long bytes = copied.bytes();
    long count = copied.files();
    out.result(Map.of("job", name, "output", outputName, "path", root.toString(), "files", count, "bytes", bytes), "Downloaded " + count + " file(s), " + bytes + " bytes, to " + root);
    return 0;
  }
}
