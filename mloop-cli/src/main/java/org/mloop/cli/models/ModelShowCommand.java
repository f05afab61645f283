package org.mloop.cli.models;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a model version: status, aliases, files and lineage (job, run, data asset versions and "
        + "hashes, code snapshot and git commit, params, metrics).",
    footer = {"", "Examples:", "  mloop model show diabetes@production", "  mloop model show diabetes:3 --output json"})
public final class ModelShowCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME[:VERSION|@ALIAS]", description = "The version (a bare name means the latest).")
  String ref;

  @Override
  protected int run(Workspace ws, Printer out) {
    ModelVersion v = ws.registry().getVersion(ModelRef.parse(ref));
    List<ArtifactFile> files = ws.registry().listFiles(v);
    Map<String, Object> json = Printer.object("modelVersion", v, "files", files);
    out.result(json, () -> print(out, v, files));
    return 0;
  }

  static void print(Printer out, ModelVersion v, List<ArtifactFile> files) {
    Lineage l = v.lineage() == null ? Lineage.none() : v.lineage();
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"model", v.name()});
    f.add(new String[] {"version", String.valueOf(v.version())});
    f.add(new String[] {"status", v.status().name()});
    f.add(new String[] {"aliases", v.aliases().isEmpty() ? "(none)" : String.join(", ", v.aliases())});
    f.add(new String[] {"description", v.description()});
    f.add(new String[] {"created", Instant.ofEpochMilli(v.createdAt()).toString()});
    f.add(new String[] {"sha256", v.sha256()});
    f.add(new String[] {"stored at", v.source()});
    if (!v.tags().isEmpty()) {
      f.add(new String[] {"tags", v.tags().toString()});
    }
    f.add(new String[] {"job", l.jobName() == null ? "(registered from a folder)" : l.jobName()});
    f.add(new String[] {"run", l.runId()});
    if (l.experimentName() != null || l.experimentId() != null) {
      f.add(new String[] {"experiment", l.experimentName() + " (id " + l.experimentId() + ")"});
    }
    if (l.codeSha256() != null) {
      f.add(new String[] {"code", "sha256 " + l.codeSha256() + (l.codePath() == null ? "" : " at " + l.codePath())});
    }
    if (l.gitCommit() != null) {
      f.add(new String[] {"git", l.gitCommit() + (Boolean.TRUE.equals(l.gitDirty()) ? " (dirty)" : " (clean)")
          + (l.gitBranch() != null ? " on " + l.gitBranch() : "")});
    } else if (l.codeSha256() != null) {
      f.add(new String[] {"git", "(the code was not in a git repository)"});
    }
    out.fields(f);
    out.line("");
    out.line("Data:");
    out.table(List.of("  INPUT", "ASSET", "SHA256"), l.dataInputs().stream()
        .map(d -> List.of("  " + d.input(), d.ref(), d.sha256() == null ? "-" : d.sha256())).toList());
    out.line("");
    out.line("Params:");
    out.table(List.of("  KEY", "VALUE"), l.params().entrySet().stream()
        .map(e -> List.of("  " + e.getKey(), e.getValue())).toList());
    out.line("");
    out.line("Metrics:");
    out.table(List.of("  KEY", "VALUE"), l.metrics().entrySet().stream()
        .map(e -> List.of("  " + e.getKey(), format(e.getValue()))).toList());
    out.line("");
    out.line("Files:");
    out.table(List.of("  PATH", "BYTES", "SHA256"), files.stream().filter(a -> !a.directory())
        .map(a -> List.of("  " + a.path(), String.valueOf(a.sizeBytes()), a.sha256())).toList());
  }

  private static String format(Double value) {
    if (value == null) {
      return "-";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf(value.longValue())
        : String.valueOf(value);
  }
}
