package org.mloop.cli.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Submit a command job from a job YAML file. With --stream, follow its log and exit non-zero if it fails.",
    footer = {"", "Examples:",
        "  mloop job create --file model/job.yml --stream",
        "  mloop job create --file model/job.yml --set inputs.training_data=mloop:diabetes-prod-folder@latest"
            + " --set inputs.reg_rate=0.1"})
public final class JobCreateCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Option(names = {"-f", "--file"}, required = true, description = "The job YAML file.")
  Path file;

  @Option(names = "--set", paramLabel = "FIELD=VALUE",
      description = "Override a field, e.g. inputs.reg_rate=0.1 or experiment_name=x; repeatable.")
  List<String> overrides = List.of();

  @Option(names = {"-n", "--name"}, description = "Job name (default: generated).")
  String name;

  @Option(names = {"-s", "--stream"}, description = "Follow the job's log until it ends; exit 1 if it does not complete.")
  boolean stream;

  @Override
  public Integer call() {
    JobSubmission submission = JobSubmissions.fromFile(file, name, overrides);
    try (Workspace ws = workspace.open()) {
      Job job = ws.jobs().create(submission);
      Printer out = new Printer(System.out, workspace.json());
      if (out.json() && !stream) {
        out.json(job);
        return 0;
      }
      if (!out.json()) {
        out.line("Submitted job " + job.name() + " (experiment " + job.experimentName() + ", run " + job.runId()
            + "): " + job.status());
      }
      if (!stream) {
        out.line("Follow it with: mloop job stream " + job.name());
        return 0;
      }
      Job last = new JobFollower(ws, out.json() ? System.err : System.out).follow(job.name());
      if (out.json()) {
        out.json(last);
      }
      return JobFollower.exitCode(last);
    }
  }
}
