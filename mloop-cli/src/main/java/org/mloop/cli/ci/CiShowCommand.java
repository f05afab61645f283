package org.mloop.cli.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.ci.runner.ApprovalRecord;
import org.mloop.ci.runner.JobRecord;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.StepRecord;
import org.mloop.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a CI run: its event, jobs and steps with their conclusions and durations, approvals "
        + "(and which are waiting), and the first failure.",
    footer = {"", "Examples:", "  mloop ci show 3", "  mloop ci show 3 --output json"})
public final class CiShowCommand implements Callable<Integer> {
  @Mixin CiOptions options;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run number (see `mloop ci list`).")
  int number;

  @Override
  public Integer call() {
    RunRecord run = options.runs().read(number);
    Printer out = options.printer();
    out.result(run, () -> {
      List<String[]> fields = new ArrayList<>();
      fields.add(new String[] {"run", Integer.toString(run.number())});
      fields.add(new String[] {"workflow", run.workflowName() + " (" + run.workflowFile() + ")"});
      fields.add(new String[] {"event", run.event().name() + (run.event().ref() == null ? "" : " " + run.event().ref())});
      fields.add(new String[] {"commit", run.event().after()});
      fields.add(new String[] {"state", CiViews.state(run)});
      fields.add(new String[] {"started", CiViews.time(run.startedAt())});
      fields.add(new String[] {"duration", CiViews.seconds(run.startedAt(), run.endedAt())});
      out.fields(fields);
      out.line("");
      if (run.invalidWorkflowFile()) {
        out.line("Jobs: none (the workflow file is invalid; fix it and push again)");
      } else {
        jobs(run, out);
      }
      if (run.error() != null) {
        out.line("");
        out.line("Error:");
        run.error().lines().forEach(l -> out.line("  " + l));
      }
    });
    return 0;
  }

  private static void jobs(RunRecord run, Printer out) {
    out.line("Jobs:");
    List<List<String>> rows = new ArrayList<>();
    for (JobRecord job : run.jobs().values()) {
      rows.add(java.util.Arrays.asList("  " + job.id(), job.status().toString(),
          job.conclusion() == null ? null : job.conclusion().toString(), job.environment(),
          CiViews.seconds(job.startedAt(), job.endedAt())));
      for (StepRecord step : job.steps()) {
        rows.add(java.util.Arrays.asList("    " + step.number() + ". " + step.name(), "",
            step.conclusion() + (step.outcome() != step.conclusion() ? " (outcome " + step.outcome() + ")" : ""), "",
            CiViews.seconds(step.startedAt(), step.endedAt())));
      }
    }
    out.table(List.of("  JOB / STEP", "STATUS", "CONCLUSION", "ENVIRONMENT", "DURATION"), rows);
    if (!run.approvals().isEmpty()) {
      out.line("");
      out.line("Approvals:");
      for (ApprovalRecord a : run.approvals()) {
        out.line("  " + a.environment() + " (job " + a.jobId() + "): " + a.decision()
            + (a.decidedBy() == null ? "" : " by " + a.decidedBy())
            + (a.comment() == null || a.comment().isBlank() ? "" : ": " + a.comment())
            + ("pending".equals(a.decision()) ? "  -> mloop ci approve " + run.number() + " --environment "
                + a.environment() : ""));
      }
    }
    for (JobRecord job : run.jobs().values()) {
      if (job.conclusion() == org.mloop.ci.runner.Conclusion.SKIPPED && job.error() != null) {
        out.line("  (" + job.id() + " " + job.error() + ")");
      }
    }
  }
}
