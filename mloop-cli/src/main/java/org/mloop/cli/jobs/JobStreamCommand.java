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
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Print a job's log from the start and follow it until the job ends; exit 1 unless it completes.",
    footer = {"", "Example:", "  mloop job stream plucky_orchid_4k2n9x"})
public final class JobStreamCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions workspace;

  @Parameters(paramLabel = "NAME", description = "The job.")
  String name;

  @Override
  public Integer call() {
    try (Workspace ws = workspace.open()) {
      Printer out = new Printer(System.out, workspace.json());
      // With --output json the log goes to stderr and stdout carries the job as it ended.
      Job last = new JobFollower(ws, out.json() ? System.err : System.out).follow(name);
      if (out.json()) {
        out.json(last);
      }
      return JobFollower.exitCode(last);
    }
  }
}
