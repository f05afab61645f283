package org.mloop.cli.jobs;

import org.mloop.cli.Printer;
import org.mloop.cli.WorkspaceCommand;
import org.mloop.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Print a job's log from the start and follow it until the job ends; exit 1 unless it completes.",
    footer = {"", "Example:", "  mloop job stream plucky_orchid_4k2n9x"})
public final class JobStreamCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "NAME", description = "The job.")
  String name;

  @Override
  protected int run(Workspace ws, Printer out) {
    return JobFollower.followToEnd(ws, name, out);
  }
}
