package org.mloop.ci.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A run as stored in {@code runs/<N>/run.json}: the workflow, the event, the run's status and
 * conclusion, its jobs in order and its environment approvals. {@code error} is the first failure
 * people need to read (the job, step and last log lines), null when the run succeeded.
 * {@code runnerPid} is the process running it, so a run whose runner died is not mistaken for one
 * still waiting.
 */
public record RunRecord(int number, String workflowFile, String workflowName, RunEvent event, RunStatus status,
    Conclusion conclusion, Map<String, JobRecord> jobs, List<ApprovalRecord> approvals, Long createdAt,
    Long startedAt, Long endedAt, String error, Long runnerPid) {

  public RunRecord {
    jobs = jobs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }

  /** How the error of a run recorded for an invalid workflow file starts. */
  public static final String INVALID_WORKFLOW_FILE = "invalid workflow file: ";

  /** A run recorded for a workflow file that could not run (no job ever started; see {@code error}). */
  public boolean invalidWorkflowFile() {
    return jobs.isEmpty() && conclusion == Conclusion.FAILURE && error != null
        && error.startsWith(INVALID_WORKFLOW_FILE);
  }

  public JobRecord job(String id) {
    return jobs.get(id);
  }

  RunRecord withStatus(RunStatus newStatus) {
    return new RunRecord(number, workflowFile, workflowName, event, newStatus, conclusion, jobs, approvals, createdAt,
        startedAt, endedAt, error, runnerPid);
  }

  RunRecord withJob(String id, UnaryOperator<JobRecord> change) {
    Map<String, JobRecord> copy = new LinkedHashMap<>(jobs);
    copy.put(id, change.apply(copy.get(id)));
    return new RunRecord(number, workflowFile, workflowName, event, status, conclusion, copy, approvals, createdAt,
        startedAt, endedAt, error, runnerPid);
  }

  RunRecord withApproval(ApprovalRecord approval) {
    List<ApprovalRecord> copy = new java.util.ArrayList<>(approvals);
    copy.removeIf(a -> a.environment().equals(approval.environment()) && a.jobId().equals(approval.jobId()));
    copy.add(approval);
    return new RunRecord(number, workflowFile, workflowName, event, status, conclusion, jobs, copy, createdAt,
        startedAt, endedAt, error, runnerPid);
  }

  RunRecord started(long now, long pid) {
    return new RunRecord(number, workflowFile, workflowName, event, RunStatus.RUNNING, null, jobs, approvals, createdAt,
        now, null, null, pid);
  }

  RunRecord completed(Conclusion finalConclusion, String finalError, long now) {
    return new RunRecord(number, workflowFile, workflowName, event, RunStatus.COMPLETED, finalConclusion, jobs,
        approvals, createdAt, startedAt, now, finalError, runnerPid);
  }
}
