package org.mloop.cli.models;

import java.nio.file.Path;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {"Register the next version of a model from a completed job's output or a local folder.",
        "The folder must hold an MLmodel file (flavors, signature, sha256 of every file); it is verified, copied "
            + "into the workspace, and recorded with its lineage: job, run, data asset versions, code, params "
            + "and metrics."},
    footer = {"", "Examples:",
        "  mloop model register --name diabetes --from-job plucky_orchid_4k2n9x --output-name model_output",
        "  mloop model register --name diabetes --path ./model_output --description \"trained on a laptop\""})
public final class ModelRegisterCommand extends WorkspaceCommand {
  @Option(names = "--name", required = true, description = "Model name, e.g. diabetes.")
  String name;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--from-job", paramLabel = "JOB", description = "A completed job whose output is the model.")
    String job;

    @Option(names = "--path", paramLabel = "DIR", description = "A local model folder.")
    Path path;
  }

  @Option(names = "--output-name", defaultValue = "model_output",
      description = "With --from-job: the job output holding the model (default: ${DEFAULT-VALUE}).")
  String outputName;

  @Option(names = "--description", description = "What this version is.")
  String description;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A version tag; repeatable.")
  Map<String, String> tags = Map.of();

  @Override
  protected int run(Workspace ws, Printer out) {
    ModelRegistration registration = source.job != null
        ? ModelRegistration.fromJob(name, source.job, outputName, description, tags)
        : ModelRegistration.fromFolder(name, source.path.toAbsolutePath(), description, tags);
    ModelVersion version = ws.registry().register(registration);
    out.result(version, () -> {
      out.line("Registered model " + version.ref() + " (sha256 " + version.sha256() + ")"
          + (version.jobName() != null ? " from job " + version.jobName() : ""));
      out.line("Show it with `mloop model show " + version.ref() + "`; promote it with `mloop model alias set --name "
          + version.name() + " --alias staging --version " + version.version() + "`");
    });
    return 0;
  }
}
