package org.mloop.ci.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.DidYouMean;
import org.mloop.core.json.YamlNode;

/** Reads a workflow's {@code on:} (events, their filters, schedules and dispatch inputs) into {@link Triggers}. */
final class TriggersReader {
  static final List<String> FILTERS =
      List.of("branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types");
  static final List<String> INPUT_FIELDS = List.of("description", "required", "default", "type", "options");
  static final List<String> INPUT_TYPES = List.of("string", "boolean", "choice", "number", "environment");
  static final List<String> EVENTS = List.of("branch_protection_rule", "check_run", "check_suite", "create",
      "delete", "deployment", "deployment_status", "discussion", "discussion_comment", "fork", "gollum",
      "image_version", "issue_comment", "issues", "label", "merge_group", "milestone", "page_build", "project",
      "project_card", "project_column", "public", "pull_request", "pull_request_review",
      "pull_request_review_comment", "pull_request_target", "push", "registry_package", "release",
      "repository_dispatch", "schedule", "status", "watch", "workflow_call", "workflow_dispatch", "workflow_run");

  private final YamlFields fields;

  TriggersReader(YamlFields fields) {
    this.fields = fields;
  }

  Triggers read(YamlNode root) {
    Map<String, Map<String, List<String>>> events = new LinkedHashMap<>();
    Map<String, Triggers.DispatchInput> inputs = new LinkedHashMap<>();
    List<String> schedules = new ArrayList<>();
    YamlNode on = root.get("on");
    if (on == null || on.isNull()) {
      fields.problem(on == null ? root.line() : on.line(), "on",
          "is required: the events that start the workflow, e.g. on: push or on: [push, workflow_dispatch]");
    } else if (on.isMap()) {
      on.fields().forEach((event, node) -> {
        String field = "on." + event;
        if (!knownEvent(node.line(), field, event)) {
          return;
        }
        if (event.equals("schedule")) {
          schedules.addAll(schedule(node, field));
          events.put(event, Map.of());
        } else {
          events.put(event, filters(event, node, field, inputs));
        }
      });
    } else if (on.isList()) {
      for (int i = 0; i < on.items().size(); i++) {
        YamlNode item = on.items().get(i);
        if (!item.isScalar() || item.isNull()) {
          fields.problem(item.line(), "on[" + i + "]", "must be an event name such as push, not a " + item.kind());
        } else if (knownEvent(item.line(), "on[" + i + "]", item.text())) {
          events.put(item.text(), Map.of());
        }
      }
    } else if (knownEvent(on.line(), "on", on.text())) {
      events.put(on.text(), Map.of());
    }
    return new Triggers(Collections.unmodifiableMap(events), Collections.unmodifiableMap(inputs),
        List.copyOf(schedules));
  }

  private boolean knownEvent(int line, String field, String event) {
    if (EVENTS.contains(event)) {
      return true;
    }
    fields.problem(line, field, "'" + event + "' is not a GitHub Actions event" + DidYouMean.suggestion(event, EVENTS)
        + "; mloop runs push, pull_request, workflow_dispatch and schedule");
    return false;
  }

  private List<String> schedule(YamlNode node, String field) {
    List<String> crons = new ArrayList<>();
    if (node.isNull() || !node.isList() || node.items().isEmpty()) {
      fields.problem(node.line(), field, "must be a list of {cron: '...'} entries, e.g. schedule: [{cron: '30 5 * * 1'}]");
      return crons;
    }
    for (int i = 0; i < node.items().size(); i++) {
      YamlNode item = node.items().get(i);
      String itemField = field + "[" + i + "]";
      if (!item.isMap()) {
        fields.problem(item.line(), itemField, "must be {cron: '...'}");
        continue;
      }
      fields.unknownFields(item, itemField, List.of("cron"));
      String cron = fields.text(item, "cron", itemField + ".cron");
      if (cron == null || cron.isBlank()) {
        fields.problem(item.line(), itemField + ".cron", "is required, e.g. cron: '30 5 * * 1'");
      } else if (cron.strip().split("\\s+").length != 5) {
        fields.problem(item.get("cron").line(), itemField + ".cron",
            "'" + cron + "' is not a cron line: write five fields (minute hour day month weekday)");
      } else {
        crons.add(cron.strip());
      }
    }
    return crons;
  }

  private Map<String, List<String>> filters(String event, YamlNode node, String field,
      Map<String, Triggers.DispatchInput> inputs) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isMap()) {
      fields.problem(node.line(), field, "must be a mapping of filters (branches, paths...) or empty, not a " + node.kind());
      return Map.of();
    }
    List<String> known = new ArrayList<>(FILTERS);
    if (event.equals("workflow_dispatch") || event.equals("workflow_call")) {
      known.add("inputs");
    }
    if (event.equals("workflow_call")) {
      known.addAll(List.of("outputs", "secrets"));
    }
    if (event.equals("workflow_run")) {
      known.add("workflows");
    }
    fields.unknownFields(node, field, known);
    node.fields().forEach((key, value) -> {
      if (key.equals("inputs")) {
        inputs.putAll(dispatchInputs(value, field + ".inputs"));
      } else if (FILTERS.contains(key) || key.equals("workflows")) {
        filters.put(key, patterns(value, field + "." + key));
      }
    });
    for (String kind : List.of("branches", "tags", "paths")) {
      if (filters.containsKey(kind) && filters.containsKey(kind + "-ignore")) {
        fields.problem(node.get(kind + "-ignore").line(), field + "." + kind + "-ignore", "cannot be used with '" + kind
            + "' for the same event: keep '" + kind + "' and exclude with '!pattern' entries");
      }
    }
    return Collections.unmodifiableMap(filters);
  }

  private List<String> patterns(YamlNode node, String field) {
    List<String> patterns = fields.stringList(node, field);
    if (node.isNull() || (node.isList() && node.items().isEmpty())) {
      fields.problem(node.line(), field, "has no patterns: list at least one, or remove the filter");
    }
    return patterns;
  }

  private Map<String, Triggers.DispatchInput> dispatchInputs(YamlNode node, String field) {
    Map<String, Triggers.DispatchInput> inputs = new LinkedHashMap<>();
    if (node.isNull()) {
      return inputs;
    }
    if (!node.isMap()) {
      fields.problem(node.line(), field, "must be a mapping of input names to {description, required, default, type}");
      return inputs;
    }
    node.fields().forEach((name, input) -> {
      String inputField = field + "." + name;
      if (!YamlFields.ID.matcher(name).matches()) {
        fields.problem(input.line(), inputField, "'" + name + "' is not a valid input name: start with a letter or '_' "
            + "and use letters, digits, '-' and '_'");
        return;
      }
      if (input.isNull()) {
        inputs.put(name, new Triggers.DispatchInput(null, false, null, "string", List.of()));
        return;
      }
      if (!input.isMap()) {
        fields.problem(input.line(), inputField, "must be a mapping {description, required, default, type}");
        return;
      }
      fields.unknownFields(input, inputField, INPUT_FIELDS);
      String type = fields.text(input, "type", inputField + ".type");
      if (type == null) {
        type = "string";
      } else if (!INPUT_TYPES.contains(type)) {
        fields.problem(input.get("type").line(), inputField + ".type",
            "'" + type + "' is not one of " + String.join(", ", INPUT_TYPES));
      }
      List<String> options = input.get("options") == null ? List.of()
          : fields.stringList(input.get("options"), inputField + ".options");
      if (type.equals("choice") && options.isEmpty()) {
        fields.problem(input.line(), inputField + ".options", "is required for a choice input: list the choices");
      }
      String required = fields.text(input, "required", inputField + ".required");
      if (required != null && !required.equals("true") && !required.equals("false")) {
        fields.problem(input.get("required").line(), inputField + ".required", "must be true or false");
      }
      String defaultValue = fields.text(input, "default", inputField + ".default");
      if (type.equals("choice") && defaultValue != null && !options.contains(defaultValue)) {
        fields.problem(input.get("default").line(), inputField + ".default",
            "'" + defaultValue + "' is not one of the options " + options);
      }
      inputs.put(name, new Triggers.DispatchInput(fields.text(input, "description", inputField + ".description"),
          "true".equals(required), defaultValue, type, options));
    });
    return inputs;
  }
}
