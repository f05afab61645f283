package org.mloop.ci.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Triggers;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowException;

/** The {@code inputs} of a workflow_dispatch run: checked against the workflow's declarations, and typed. */
final class DispatchInputs {
  private DispatchInputs() {}

  /** A workflow_dispatch run has every required input, and number inputs are numbers. */
  static void check(Workflow workflow, Event event) {
    Map<String, Object> values = DispatchInputs.values(workflow, event);
    if (!"workflow_dispatch".equals(event.name()) || workflow.on() == null
        || workflow.on().dispatchInputs() == null) {
      return;
    }
    workflow.on().dispatchInputs().forEach((name, input) -> {
      Object v = values.get(name);
      if (input.required() && (v == null || v.toString().isEmpty())) {
        throw new WorkflowException(workflow.locate(null), "workflow_dispatch input '" + name
            + "' is required and has no default; pass --input " + name + "=VALUE");
      }
      if ("choice".equals(input.type()) && v != null && input.options() != null && !input.options().isEmpty()
          && !input.options().contains(v.toString())) {
        throw new WorkflowException(workflow.locate(null), "workflow_dispatch input '" + name + "' is '" + v
            + "', not one of its options " + input.options());
      }
    });
  }

  /**
   * {@code inputs}: for a workflow_dispatch event, the declared defaults overlaid with the event's inputs
   * (booleans as booleans, numbers as numbers); for any other event empty, as on GitHub.
   */
  static Map<String, Object> values(Workflow workflow, Event event) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (!"workflow_dispatch".equals(event.name())) {
      return values;
    }
    Map<String, Triggers.DispatchInput> declared =
        workflow.on() == null || workflow.on().dispatchInputs() == null ? Map.of() : workflow.on().dispatchInputs();
    declared.forEach((name, input) -> {
      if (input.defaultValue() != null) {
        values.put(name, input.defaultValue());
      }
    });
    values.putAll(event.inputs());
    declared.forEach((name, input) -> {
      Object v = values.get(name);
      if ("boolean".equals(input.type()) && v instanceof String s) {
        values.put(name, Boolean.parseBoolean(s.strip()));
      } else if ("number".equals(input.type()) && v instanceof String s) {
        try {
          values.put(name, Double.parseDouble(s.strip()));
        } catch (NumberFormatException e) {
          throw new WorkflowException(workflow.locate(null), "input '" + name + "' must be a number, not '" + s
              + "'");
        }
      }
    });
    return values;
  }
}
