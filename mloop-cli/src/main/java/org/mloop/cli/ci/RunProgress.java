package org.mloop.cli.ci;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.mloop.ci.runner.ApprovalRecord;
import org.mloop.ci.runner.JobRecord;
import org.mloop.ci.runner.RunListener;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.RunStatus;
import org.mloop.ci.runner.StepRecord;

/** Prints a run as it goes: jobs starting and ending, steps ending, approvals, and every log line. */
final class RunProgress implements RunListener {
  private final PrintWriter out;
  private final Map<String, String> seen = new HashMap<>();

  RunProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void log(int runNumber, String jobId, String line) {
    out.println("  " + jobId + " | " + line);
  }

  @Override
  public synchronized void updated(RunRecord run) {
    for (JobRecord job : run.jobs().values()) {
      String state = job.status() + "/" + job.conclusion();
      if (!state.equals(seen.put("job " + job.id(), state))) {
        describe(job).ifPresent(out::println);
      }
      for (StepRecord step : job.steps()) {
        if (step.conclusion() != null && seen.put("step " + job.id() + "/" + step.number(), "done") == null) {
          out.println("  " + job.id() + " | " + mark(step.conclusion().toString()) + " step " + step.number() + " "
              + step.name() + " " + step.outcome() + CiViews.duration(step.startedAt(), step.endedAt()));
        }
      }
    }
    for (ApprovalRecord approval : run.approvals()) {
      if (!approval.decision().equals(seen.put("approval " + approval.environment(), approval.decision()))
          && !"pending".equals(approval.decision())) {
        out.println("environment " + approval.environment() + ": " + approval.decision()
            + (approval.decidedBy() == null ? "" : " by " + approval.decidedBy()));
      }
    }
  }

  private static java.util.Optional<String> describe(JobRecord job) {
    if (job.status() == RunStatus.RUNNING) {
      return java.util.Optional.of("job " + job.id() + " started"
          + (job.environment() == null ? "" : " (environment " + job.environment() + ")"));
    }
    if (job.status() == RunStatus.WAITING) {
      return java.util.Optional.of("job " + job.id() + " waits for approval of environment " + job.environment());
    }
    if (job.status() == RunStatus.COMPLETED) {
      return java.util.Optional.of(mark(String.valueOf(job.conclusion())) + " job " + job.id() + " " + job.conclusion()
          + CiViews.duration(job.startedAt(), job.endedAt())
          // why a job was skipped or rejected; a failure's step and log lines are printed when the run ends
          + (job.error() == null || job.conclusion() == org.mloop.ci.runner.Conclusion.SUCCESS
              || job.conclusion() == org.mloop.ci.runner.Conclusion.FAILURE ? ""
              : ": " + job.error().lines().findFirst().orElse("")));
    }
    return java.util.Optional.empty();
  }

  private static String mark(String conclusion) {
    return switch (conclusion) {
      case "success" -> "ok";
      case "skipped" -> "--";
      default -> "XX";
    };
  }
}
