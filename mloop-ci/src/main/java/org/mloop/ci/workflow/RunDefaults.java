package org.mloop.ci.workflow;

import java.util.List;
import org.mloop.core.json.YamlNode;

/** The {@code defaults: {run: {shell, working-directory}}} of a workflow or job, each inheriting what it leaves out. */
record RunDefaults(String shell, String workingDirectory) {
  static final RunDefaults NONE = new RunDefaults(null, null);

  /** These defaults overridden by the {@code defaults} {@code node} (null or absent: these). */
  RunDefaults under(YamlFields fields, YamlNode node, String field) {
    RunDefaults inherited = this;
    if (node == null || node.isNull()) {
      return inherited;
    }
    if (!node.isMap()) {
      fields.problem(node.line(), field, "must be a mapping: defaults: {run: {shell: bash, working-directory: model}}");
      return inherited;
    }
    fields.unknownFields(node, field, List.of("run"));
    YamlNode run = node.get("run");
    if (run == null || run.isNull()) {
      return inherited;
    }
    if (!run.isMap()) {
      fields.problem(run.line(), field + ".run", "must be a mapping with shell and working-directory");
      return inherited;
    }
    fields.unknownFields(run, field + ".run", List.of("shell", "working-directory"));
    String shell = fields.text(run, "shell", field + ".run.shell");
    String directory = fields.text(run, "working-directory", field + ".run.working-directory");
    return new RunDefaults(shell != null ? shell : inherited.shell(),
        directory != null ? directory : inherited.workingDirectory());
  }
}
