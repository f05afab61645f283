package org.mloop.cli.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a job: status, inputs with their exact versions and hashes, code snapshot, params, metrics,"
        + " artifacts and outputs.",
    footer = {"", "Example:", "  mloop job show plucky_orchid_4k2n9x --output json"})
public final class JobShowCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME", description = "The job.")
  String name;

  @Override
  protected int run(Workspace ws, Printer out) {
    Job job = ws.jobs().get(name);
    Run run = ws.tracking().getRun(job.runId()).orElse(null);
    List<ArtifactFile> artifacts = run == null ? List.of() : ws.tracking().listArtifacts(job.runId(), "");
    Map<String, Object> json = Printer.object("job", job, "run", run, "artifacts", artifacts);
    out.result(json, () -> print(out, job, run, artifacts));
    return 0;
  }

  static void print(Printer out, Job job, Run run, List<ArtifactFile> artifacts) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"name", job.name()});
    f.add(new String[] {"display name", job.displayName()});
    f.add(new String[] {"status", job.status().name() + (job.exitCode() != null ? " (exit code " + job.exitCode() + ")" : "")});
    f.add(new String[] {"experiment", job.experimentName() + " (id " + job.experimentId() + ")"});
    f.add(new String[] {"run", job.runId()});
    f.add(new String[] {"created", Instant.ofEpochMilli(job.createdAt()).toString()});
    if (job.startedAt() != null) {
      f.add(new String[] {"started", Instant.ofEpochMilli(job.startedAt()).toString()});
    }
    if (job.endedAt() != null) {
      f.add(new String[] {"ended", Instant.ofEpochMilli(job.endedAt()).toString()});
      if (job.startedAt() != null) {
        f.add(new String[] {"duration", Duration.ofMillis(job.endedAt() - job.startedAt()).toString().substring(2).toLowerCase()});
      }
    }
    f.add(new String[] {"compute", job.spec().compute()});
    f.add(new String[] {"environment", job.spec().environment() == null ? null : job.spec().environment().name()});
    f.add(new String[] {"command", job.commandLine() != null ? job.commandLine() : job.spec().command()});
    CodeSnapshot code = job.code();
    if (code != null) {
      f.add(new String[] {"code", code.fileCount() + " file(s), " + code.sizeBytes() + " bytes, sha256 " + code.sha256()});
      if (code.git() != null) {
        f.add(new String[] {"git", code.git().commit() + (code.git().dirty() ? " (dirty)" : " (clean)")
            + (code.git().branch() != null ? " on " + code.git().branch() : "")});
      }
    }
    out.fields(f);
    if (job.error() != null && !job.error().isBlank()) {
      out.line("");
      out.line("Error:");
      job.error().lines().forEach(l -> out.line("  " + l));
    }
    out.line("");
    out.line("Inputs:");
    List<List<String>> inputs = new ArrayList<>();
    job.inputs().forEach((k, v) -> inputs.add(describe(k, v)));
    out.table(List.of("  NAME", "TYPE", "VALUE", "SHA256"), inputs);
    if (run != null) {
      out.line("");
      out.line("Params:");
      out.table(List.of("  KEY", "VALUE"), run.data().params().stream()
          .sorted(Comparator.comparing(Param::key)).map(p -> List.of("  " + p.key(), p.value())).toList());
      out.line("");
      out.line("Metrics:");
      out.table(List.of("  KEY", "VALUE", "STEP"), run.data().metrics().stream()
          .sorted(Comparator.comparing(Metric::key))
          .map(m -> List.of("  " + m.key(), formatMetric(m.value()), String.valueOf(m.step()))).toList());
    }
    out.line("");
    out.line("Artifacts:");
    out.table(List.of("  PATH", "BYTES"), artifacts.stream().filter(a -> !a.directory())
        .map(a -> List.of("  " + a.path(), String.valueOf(a.sizeBytes()))).toList());
    out.line("");
    out.line("Outputs:");
    List<List<String>> outputs = new ArrayList<>();
    job.spec().outputs().forEach((k, v) -> outputs.add(List.of("  " + k, v.type(),
        job.outputs() != null && job.outputs().containsKey(k) ? job.outputs().get(k) : "(stored when the job completes)")));
    out.table(List.of("  NAME", "TYPE", "STORED AT"), outputs);
  }

  private static List<String> describe(String name, ResolvedInput in) {
    if (in.isData()) {
      return List.of("  " + name, in.type(), "mloop:" + in.assetName() + ":" + in.assetVersion(), in.sha256());
    }
    return List.of("  " + name, in.type(), in.value(), "");
  }

  static String formatMetric(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.4f", v);
  }
}
