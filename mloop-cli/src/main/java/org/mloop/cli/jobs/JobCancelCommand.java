package org.mloop.cli.jobs;

import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceOptions;
import org.mloop.core.jobs.Job;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a Queued or Running job: its command is stopped and the job ends Canceled.",
    footer = {"", "Example:", "  mloop job cancel plucky_orchid_4k2n9x"})
public final class JobCancelCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Parameters(paramLabel = "NAME", description = "The job.")
  String name;

  @Override
  public Integer call() {
    try (Workspace ws = workspace.open()) {
      Job job = ws.jobs().cancel(name);
      Printer out = new Printer(System.out, workspace.json());
      if (out.json()) {
        out.json(job);
      } else {
        out.line("Job " + job.name() + ": " + job.status());
      }
    }
    return 0;
  }
}
