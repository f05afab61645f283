package org.mloop.cli.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List registered models with their latest version and aliases, or every version of one model.",
    footer = {"", "Examples:", "  mloop model list", "  mloop model list diabetes --output json"})
public final class ModelListCommand extends WorkspaceCommand {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "List the versions of this model.")
  String name;

  @Override
  protected int run(Workspace ws, Printer out) {
    if (name == null) {
      List<RegisteredModel> models = ws.registry().listModels();
      out.result(models, () -> out.table(List.of("NAME", "LATEST", "ALIASES", "UPDATED", "DESCRIPTION"), models.stream()
          .map(m -> List.of(m.name(), m.latestVersion() == null ? "-" : String.valueOf(m.latestVersion()),
              aliases(m.aliases()), Instant.ofEpochMilli(m.updatedAt()).toString(),
              m.description() == null ? "" : m.description())).toList()));
      return 0;
    }
    List<ModelVersion> versions = ws.registry().listVersions(name);
    out.result(versions, () -> out.table(List.of("VERSION", "STATUS", "ALIASES", "JOB", "CREATED", "DESCRIPTION"),
        versions.stream().map(v -> List.of(String.valueOf(v.version()), v.status().name(),
            String.join(",", v.aliases()), v.jobName() == null ? "-" : v.jobName(),
            Instant.ofEpochMilli(v.createdAt()).toString(), v.description() == null ? "" : v.description())).toList()));
    return 0;
  }

  static String aliases(Map<String, Integer> aliases) {
    return aliases.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
        .collect(Collectors.joining(","));
  }
}
