package org.mloop.ci.runner;

import java.util.List;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;

/**
 * Which workflows an event starts: those whose {@code on:} lists the event and whose branch and
 * path filters pass ({@link org.mloop.ci.workflow.Triggers#matches}). The event carries the files
 * the pushed range changed, for {@code paths} filters.
 */
public final class WorkflowSelection {
  private WorkflowSelection() {}

  /** The triggered workflows, in the order given (the CLI passes them sorted by file name). */
  public static List<Workflow> triggered(List<Workflow> workflows, Event event) {
    return workflows.stream().filter(w -> w.on() != null && w.on().matches(event)).toList();
  }
}
