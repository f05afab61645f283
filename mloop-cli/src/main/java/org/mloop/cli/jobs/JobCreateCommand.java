package org.mloop.cli.jobs;

import java.nio.file.Path;
import java.util.List;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Submit a command job from a job YAML file. With --stream, follow its log and exit non-zero if it fails.",
    footer = {"", "Examples:",
        "  mloop job create --file model/job.yml --stream",
        "  mloop job create --file model/job.yml --set inputs.training_data=mloop:diabetes-prod-folder@latest"
            + " --set inputs.reg_rate=0.1"})
public final class JobCreateCommand extends WorkspaceCommand {
  @Option(names = {"-f", "--file"}, required = true, description = "The job YAML file.")
  Path file;

  @Option(names = "--set", paramLabel = "FIELD=VALUE",
      description = "Override a field, e.g. inputs.reg_rate=0.1 or experiment_name=x; repeatable.")
  List<String> overrides = List.of();

  @Option(names = {"-n", "--name"}, description = "Job name (default: generated).")
  String name;

  @Option(names = {"-s", "--stream"}, description = "Follow the job's log until it ends; exit 1 if it does not complete.")
  boolean stream;

  private JobSubmission submission;

  @Override
  protected void checkOptions() {
    submission = JobSubmissions.fromFile(file, name, overrides);
  }

  @Override
  protected int run(Workspace ws, Printer out) {
    Job job = ws.jobs().create(submission);
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
    return JobFollower.followToEnd(ws, job.name(), out);
  }
}
