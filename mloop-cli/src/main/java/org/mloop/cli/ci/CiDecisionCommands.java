package org.mloop.cli.ci;

import java.util.concurrent.Callable;
import org.mloop.ci.runner.CiRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** mloop ci approve / reject: a person's decision on a run waiting at a protected environment. */
final class CiDecisionCommands {
  private CiDecisionCommands() {}

  /** What a decision records in the runs. */
  interface Verdict {
    void record(CiRuns runs, int number, String environment, String person, String comment);
  }

  abstract static class Decision implements Callable<Integer> {
    private final String done;
    private final Verdict verdict;

    @Mixin CiOptions options;

    @Parameters(index = "0", paramLabel = "RUN", description = "The waiting run's number (see `mloop ci list`).")
    int number;

    @Option(names = "--environment", required = true, paramLabel = "ENV",
        description = "The environment the run waits for (see `mloop ci show RUN`).")
    String environment;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why (kept in the run and its log).")
    String comment;

    Decision(String done, Verdict verdict) {
      this.done = done;
      this.verdict = verdict;
    }

    @Override
    public Integer call() {
      verdict.record(options.runs(), number, environment, person(), comment);
      options.printer().line(done + " environment " + environment + " for run " + number + ".");
      return 0;
    }

    static String person() {
      String user = System.getProperty("user.name");
      return user == null || user.isBlank() ? "unknown" : user;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve a run waiting for a protected environment: its job starts within a second.",
      footer = {"", "Example:", "  mloop ci approve 3 --environment production"})
  static final class Approve extends Decision {
    Approve() {
      super("Approved", CiRuns::approve);
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Reject a run waiting for a protected environment: the job does not run, its dependants are "
          + "skipped and the run fails.",
      footer = {"", "Example:", "  mloop ci reject 3 --environment production --comment \"gate figures look off\""})
  static final class Reject extends Decision {
    Reject() {
      super("Rejected", CiRuns::reject);
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a queued, running or waiting run: its running step is stopped, later steps and jobs are "
          + "skipped (except those with if: always() or cancelled()), and the run concludes cancelled.",
      footer = {"", "Example:", "  mloop ci cancel 3"})
  static final class Cancel implements Callable<Integer> {
    @Mixin CiOptions options;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's number (see `mloop ci list`).")
    int number;

    @Override
    public Integer call() {
      options.runs().cancel(number, Decision.person());
      options.printer().line("Cancelling run " + number + " (see `mloop ci show " + number + "`).");
      return 0;
    }
  }
}
