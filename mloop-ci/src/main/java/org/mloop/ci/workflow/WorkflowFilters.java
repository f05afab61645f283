package org.mloop.ci.workflow;

/** GitHub's branch and path filter rules (glob patterns with *, **, ?, !negation). IN PROGRESS. */
final class WorkflowFilters {
  private WorkflowFilters() {}

  static boolean matches(Triggers triggers, Event event) {
    throw new UnsupportedOperationException("trigger filters are being written");
  }
}
