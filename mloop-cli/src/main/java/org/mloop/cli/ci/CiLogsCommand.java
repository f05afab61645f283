package org.mloop.cli.ci;

import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print a CI run's job logs (secrets masked), each job under a header; --job for one job.",
    footer = {"", "Examples:", "  mloop ci logs 3", "  mloop ci logs 3 --job production"})
public final class CiLogsCommand implements Callable<Integer> {
  @Mixin CiOptions options;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run number (see `mloop ci list`).")
  int number;

  @Option(names = "--job", paramLabel = "JOB", description = "Only this job's log (its id in the workflow).")
  String job;

  @Override
  public Integer call() {
    CiRuns runs = options.runs();
    RunRecord run = runs.read(number);
    if (job != null) {
      System.out.print(runs.log(number, job));
      return 0;
    }
    List<String> jobs = List.copyOf(run.jobs().keySet());
    for (String id : jobs) {
      System.out.println("==> job " + id + " (" + run.job(id).status()
          + (run.job(id).conclusion() == null ? "" : "/" + run.job(id).conclusion()) + ") <==");
      System.out.print(runs.log(number, id));
      String summary = runs.summary(number, id);
      if (!summary.isBlank()) {
        System.out.println("--- summary ---");
        System.out.print(summary.endsWith("\n") ? summary : summary + "\n");
      }
    }
    return 0;
  }
}
