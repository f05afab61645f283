package org.mloop.cli.jobs;

import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.jobs.Job;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a Queued or Running job: its command is stopped and the job ends Canceled.",
    footer = {"", "Example:", "  mloop job cancel plucky_orchid_4k2n9x"})
public final class JobCancelCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME", description = "The job.")
  String name;

  @Override
  protected int run(Workspace ws, Printer out) {
    Job job = ws.jobs().cancel(name);
    out.result(job, "Job " + job.name() + ": " + job.status());
    return 0;
  }
}
