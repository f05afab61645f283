package org.mloop.ci.workflow;

import java.util.List;
import java.util.Map;

/**
 * A workflow's {@code on:} section: per event name, its filters ({@code branches},
 * {@code branches-ignore}, {@code paths}, {@code paths-ignore}, {@code tags}, {@code types}) as
 * lists of glob patterns, the {@code workflow_dispatch} inputs with their defaults, and the
 * {@code schedule} cron lines. {@link #matches} judges an event the way GitHub does.
 */
public record Triggers(Map<String, Map<String, List<String>>> events, Map<String, DispatchInput> dispatchInputs,
    List<String> schedules) {

  /** A workflow_dispatch input: description, required, default, type (string, boolean, choice...), choice options. */
  public record DispatchInput(String description, boolean required, String defaultValue, String type,
      List<String> options) {}

  /** True when this workflow runs for {@code event}: the event is listed and every filter of it passes. */
  public boolean matches(Event event) {
    return WorkflowFilters.matches(this, event);
  }
}
