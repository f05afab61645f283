package org.mloop.ci.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.json.YamlNode;

/** Reads a job's {@code steps:}: each a script ({@code run}) or an action ({@code uses}), with unique ids. */
final class StepsReader {
  static final List<String> STEP_FIELDS = List.of("id", "name", "if", "uses", "with", "run", "shell",
      "working-directory", "env", "continue-on-error", "timeout-minutes");

  private final YamlFields fields;
  private final Path shown;

  StepsReader(YamlFields fields, Path shown) {
    this.fields = fields;
    this.shown = shown;
  }

  List<Step> read(YamlNode node, String field) {
    if (!node.isList()) {
      fields.problem(node.line(), field, "must be a list of steps (each starting with '- '), not a " + node.kind());
      return List.of();
    }
    if (node.items().isEmpty()) {
      fields.problem(node.line(), field, "is empty: add at least one step with 'run' or 'uses'");
    }
    List<Step> steps = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < node.items().size(); i++) {
      YamlNode item = node.items().get(i);
      String stepField = field + "[" + i + "]";
      if (!item.isMap()) {
        fields.problem(item.line(), stepField, "must be a mapping with 'run' or 'uses', not a " + item.kind());
        continue;
      }
      fields.unknownFields(item, stepField, STEP_FIELDS);
      String id = fields.text(item, "id", stepField + ".id");
      if (id != null) {
        int line = item.get("id").line();
        if (!YamlFields.ID.matcher(id).matches()) {
          fields.problem(line, stepField + ".id", "'" + id + "' is not a valid step id: start with a letter or '_' and "
              + "use letters, digits, '-' and '_'");
        } else if (ids.containsKey(id)) {
          fields.problem(line, stepField + ".id", "'" + id + "' is already the id of the step on line " + ids.get(id)
              + ": step ids are unique within a job");
        } else {
          ids.put(id, line);
        }
      }
      String uses = fields.text(item, "uses", stepField + ".uses");
      String run = fields.text(item, "run", stepField + ".run");
      if (item.get("uses") != null && item.get("run") != null) {
        fields.problem(item.get("run").line(), stepField + ".run",
            "and 'uses' are both given: a step either runs a script (run) or an action (uses); split it in two");
      } else if (item.get("uses") == null && item.get("run") == null) {
        fields.problem(item.line(), stepField, "has neither 'run' nor 'uses': give the script to run or the action to use");
      } else if (item.get("uses") != null && (uses == null || uses.isBlank())) {
        fields.problem(item.get("uses").line(), stepField + ".uses", "is empty: name the action, e.g. actions/checkout@v4");
      } else if (item.get("run") != null && (run == null || run.isBlank())) {
        fields.problem(item.get("run").line(), stepField + ".run", "is empty: give the script to run");
      }
      if (item.get("with") != null && item.get("uses") == null) {
        fields.problem(item.get("with").line(), stepField + ".with", "is for actions ('uses' steps): use env for a script");
      }
      steps.add(new Step(
          id,
          fields.text(item, "name", stepField + ".name"),
          fields.text(item, "if", stepField + ".if"),
          uses,
          fields.stringMap(item.get("with"), stepField + ".with"),
          run,
          fields.text(item, "shell", stepField + ".shell"),
          fields.text(item, "working-directory", stepField + ".working-directory"),
          fields.stringMap(item.get("env"), stepField + ".env"),
          fields.flag(item, stepField),
          fields.minutes(item, stepField),
          new Location(shown, item.line())));
    }
    return List.copyOf(steps);
  }
}
