package org.mloop.ci.runner;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A run as people read it: one line per run for {@code mloop ci list}, a job and step tree for {@code show}. */
public final class RunText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private RunText() {}

  /** "#12  completed  failure  train-deploy.yml  push refs/heads/main  2026-11-26 15:50:20  41.2s". */
  public static String line(RunRecord run) {
    return String.format("#%-4d %-9s %-9s %-28s %s %s  %s  %s", run.number(), run.status(),
        run.conclusion() == null ? "-" : run.conclusion(), run.workflowName(), run.event().name(),
        run.event().ref() == null ? "" : run.event().ref(), time(run.createdAt()),
        duration(run.startedAt(), run.endedAt()));
  }

  /** The run, each job with its steps, pending approvals and the error. */
  public static String describe(RunRecord run) {
    StringBuilder out = new StringBuilder();
    out.append("run ").append(run.number()).append(": ").append(run.workflowName()).append(" (")
        .append(run.workflowFile()).append(")\n");
    out.append("  event ").append(run.event().name()).append(' ').append(nullToDash(run.event().ref()));
    if (run.event().after() != null) {
      out.append(' ').append(nullToDash(run.event().before())).append("..").append(run.event().after());
    }
    out.append("\n  status ").append(run.status()).append(", conclusion ")
        .append(run.conclusion() == null ? "-" : run.conclusion()).append(", ")
        .append(duration(run.startedAt(), run.endedAt()));
    if (!CiRuns.runnerAlive(run)) {
      out.append(" (its runner, process ").append(run.runnerPid()).append(", has stopped)");
    }
    out.append('\n');
    if (run.invalidWorkflowFile()) {
      out.append("  no job ran: the workflow file is invalid\n");
    }
    for (JobRecord job : run.jobs().values()) {
      out.append("  job ").append(job.id());
      if (!job.name().equals(job.id())) {
        out.append(" (").append(job.name()).append(')');
      }
      out.append(": ").append(job.status()).append(job.conclusion() == null ? "" : " " + job.conclusion());
      if (job.environment() != null) {
        out.append(", environment ").append(job.environment());
      }
      out.append(", ").append(duration(job.startedAt(), job.endedAt())).append('\n');
      for (StepRecord step : job.steps()) {
        out.append("    ").append(step.number()).append(". ").append(step.name()).append(": ")
            .append(step.conclusion());
        if (step.outcome() != step.conclusion()) {
          out.append(" (outcome ").append(step.outcome()).append(')');
        }
        out.append('\n');
      }
      job.outputs().forEach((k, v) -> out.append("    output ").append(k).append(" = ").append(v).append('\n'));
    }
    for (ApprovalRecord approval : run.approvals()) {
      out.append("  approval ").append(approval.environment()).append(" (job ").append(approval.jobId())
          .append("): ").append(approval.decision());
      if (approval.decidedBy() != null) {
        out.append(" by ").append(approval.decidedBy());
      }
      if ("pending".equals(approval.decision())) {
        out.append(" -> mloop ci approve ").append(run.number()).append(" --environment ")
            .append(approval.environment());
      }
      out.append('\n');
    }
    if (run.error() != null) {
      out.append("  error: ").append(run.error().replace("\n", "\n  ")).append('\n');
    }
    return out.toString();
  }

  private static String time(Long millis) {
    return millis == null ? "-" : TIME.format(Instant.ofEpochMilli(millis));
  }

  private static String duration(Long start, Long end) {
    if (start == null) {
      return "not started";
    }
    long millis = (end == null ? System.currentTimeMillis() : end) - start;
    return String.format("%.1fs", millis / 1000.0) + (end == null ? " so far" : "");
  }

  private static String nullToDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
