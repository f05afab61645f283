package org.mloop.ci.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowException;
import org.mloop.ci.workflow.WorkflowJob;

/** The order a run takes a workflow's jobs in. */
final class JobOrder {
  private JobOrder() {}

  /** Jobs in an order where each comes after the jobs it needs; file order otherwise. */
  static List<WorkflowJob> of(Workflow workflow) {
    Map<String, WorkflowJob> jobs = workflow.jobs();
    for (WorkflowJob job : jobs.values()) {
      for (String need : job.needs()) {
        if (!jobs.containsKey(need)) {
          throw new WorkflowException(workflow.locate(job.location()), "job '" + job.id() + "' needs '" + need
              + "', which is not a job of this workflow (jobs: " + String.join(", ", jobs.keySet()) + ")");
        }
      }
    }
    List<WorkflowJob> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Deque<WorkflowJob> pending = new ArrayDeque<>(jobs.values());
    while (!pending.isEmpty()) {
      boolean progressed = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        WorkflowJob job = it.next();
        if (done.containsAll(job.needs())) {
          ordered.add(job);
          done.add(job.id());
          it.remove();
          progressed = true;
          break; // restart from the top to keep file order
        }
      }
      if (!progressed) {
        WorkflowJob stuck = pending.peekFirst();
        throw new WorkflowException(workflow.locate(stuck.location()), "the needs of jobs "
            + pending.stream().map(WorkflowJob::id).toList() + " form a cycle");
      }
    }
    return ordered;
  }
}
