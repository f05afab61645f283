package org.mloop.core.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.DidYouMean;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;
import org.mloop.core.json.YamlNode;
import org.mloop.core.json.YamlTree;

/**
 * Reads a command job YAML file (Azure ML's command job shape) into a {@link JobSpec}
 * ({@link JobSpecOverrides} then changes fields of the parsed spec).
 *
 * <p>Every problem found is reported, each as "FILE:LINE: FIELD: what is wrong", in one
 * INVALID_PARAMETER_VALUE error (one problem per line of its message), so a user fixes them all
 * in one go. Nothing is guessed: unknown fields, unknown input types and placeholders that name
 * no input are errors.
 *
 * <p>Local data paths (anything not starting with "mloop:") are resolved against the YAML file's
 * folder and must exist. {@code code} is kept as written, relative to the YAML file; see
 * {@link #codeDirectory(Path, JobSpec)}. {@code compute} must be a well-formed name; whether the
 * workspace has such a compute target is checked when the job is submitted, where that is known.
 */
public final class JobSpecParser {
  public static final List<String> TOP_LEVEL_FIELDS =
      List.of("$schema", "type", "name", "display_name", "experiment_name", "description", "code", "command",
          "inputs", "outputs", "environment", "environment_variables", "compute", "tags");
  public static final List<String> INPUT_TYPES =
      List.of("uri_folder", "uri_file", "string", "number", "integer", "boolean");
  public static final List<String> OUTPUT_TYPES = List.of("uri_folder");
  /** Job names, from a job file, --set name=... or --name: they name the job's folders and URLs. */
  public static final NameRule JOB_NAME = NameRule.of("job name", 255, "[A-Za-z0-9][A-Za-z0-9_-]*",
      "use letters, digits, '-' and '_', starting with a letter or digit");

  private static final List<String> INPUT_FIELDS = List.of("type", "path", "default", "value", "description");
  private static final List<String> OUTPUT_FIELDS = List.of("type", "description");
  private static final List<String> ENVIRONMENT_FIELDS = List.of("name", "variables");

  private final Path baseDir;
  private final SpecProblems problems;

  private JobSpecParser(String source, Path baseDir) {
    this.baseDir = baseDir;
    this.problems = new SpecProblems(source);
  }

  /** Parses a job YAML file; errors name it as given (keep it relative for people). */
  public static JobSpec parse(Path file) {
    String yaml;
    try {
      yaml = YamlTree.readFile(file, file.toString());
    } catch (NoSuchFileException e) {
      throw MloopException.invalid(file + ": no such file: give the path of a job YAML file such as model/job.yml");
    } catch (IOException e) {
      throw MloopException.invalid(file + ": cannot be read: " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    return parse(yaml, file.toString(), dir);
  }

  /**
   * Parses YAML text. {@code source} names it in errors; {@code baseDir} is where relative local
   * data paths are resolved.
   */
  public static JobSpec parse(String yaml, String source, Path baseDir) {
    JobSpecParser parser = new JobSpecParser(source, baseDir);
    JobSpec spec = parser.read(yaml);
    parser.problems.throwIfAny();
    return spec;
  }

  /** The code folder of a spec parsed from {@code yamlFile}, absolute; null when the job has no code. */
  public static Path codeDirectory(Path yamlFile, JobSpec spec) {
    if (spec.code() == null) {
      return null;
    }
    return yamlFile.toAbsolutePath().normalize().getParent().resolve(spec.code()).normalize();
  }

  // ---------------------------------------------------------------- the spec

  private JobSpec read(String yaml) {
    YamlNode root = YamlTree.read(yaml, "a job file holds one job", this::error);
    if (root == null) {
      if (problems.isEmpty()) {
        error(-1, null, "is empty: a job needs at least 'command' and 'environment'");
      }
      return null;
    }
    if (!root.isMap()) {
      error(root.line(), null, "a job file is a mapping of fields (command, code, inputs, ...), not a single value");
      return null;
    }
    Map<String, YamlNode> f = root.fields();
    f.forEach((key, node) -> {
      if (!TOP_LEVEL_FIELDS.contains(key)) {
        error(node.line(), key, "is not a known field" + DidYouMean.suggestion(key, TOP_LEVEL_FIELDS)
            + "; known fields: " + String.join(", ", TOP_LEVEL_FIELDS));
      }
    });
    String type = text(f, "type");
    if (type != null && !type.equals("command")) {
      error(f.get("type").line(), "type", MessageText.quoted(type) + " is not supported: mloop runs command jobs (type: command)");
    }
    String name = text(f, "name");
    if (name != null) {
      JobFieldRules.checkJobName(problems, f.get("name").line(), "name", name);
    }
    String code = text(f, "code");
    if (code != null) {
      checkCode(f.get("code").line(), code);
    }
    String compute = text(f, "compute");
    if (compute != null) {
      String problem = ComputeNames.NAME.problem(compute, null);
      if (problem != null) {
        error(f.get("compute").line(), "compute", problem);
      }
    }
    Map<String, JobInput> inputs = inputs(f.get("inputs"));
    Map<String, JobOutput> outputs = outputs(f.get("outputs"));
    JobEnvironment environment = environment(f.get("environment"), f.get("environment_variables"));
    String command = text(f, "command");
    YamlNode commandNode = f.get("command");
    if (commandNode == null || commandNode.isNull()) {
      error(commandNode == null ? -1 : commandNode.line(), "command",
          "is required: the shell command the job runs, e.g. java -jar train.jar --data ${{inputs.training_data}}");
    } else if (command != null && command.isBlank()) {
      error(commandNode.line(), "command", "is empty: give the shell command the job runs");
    } else if (command != null) {
      checkPlaceholders(commandNode.line(), command, inputs, outputs);
    }
    return JobSpec.builder()
        .name(name)
        .displayName(text(f, "display_name"))
        .experimentName(text(f, "experiment_name"))
        .description(text(f, "description"))
        .code(code)
        .command(command)
        .inputs(inputs)
        .outputs(outputs)
        .environment(environment)
        .compute(compute == null ? ComputeNames.LOCAL : compute)
        .tags(stringMap(f.get("tags"), "tags"))
        .build();
  }

  private void checkCode(int line, String code) {
    if (code.isBlank()) {
      error(line, "code", "is empty: give the folder to snapshot (e.g. '.'), or leave 'code' out");
      return;
    }
    if (code.contains("://") || code.startsWith("azureml:") || code.startsWith("mloop:")) {
      error(line, "code", MessageText.quoted(code) + " is not a local folder: give a folder relative to this file, e.g. '.'");
      return;
    }
    if (baseDir != null) {
      Path dir = baseDir.resolve(code).normalize();
      if (!Files.isDirectory(dir)) {
        error(line, "code", "folder " + dir + " does not exist" + (Files.exists(dir) ? " (it is a file)" : "")
            + ": 'code' is relative to the job file's folder");
      }
    }
  }

  private void checkPlaceholders(
      int line, String command, Map<String, JobInput> inputs, Map<String, JobOutput> outputs) {
    List<CommandTemplate.Placeholder> placeholders;
    try {
      placeholders = CommandTemplate.placeholders(command);
    } catch (MloopException e) {
      error(line, "command", e.getMessage());
      return;
    }
    for (CommandTemplate.Placeholder p : placeholders) {
      if (!p.valid()) {
        error(line, "command", "'" + p.text() + "' is not supported: use ${{inputs.NAME}} or ${{outputs.NAME}}");
      } else if (p.kind().equals("inputs") && !inputs.containsKey(p.name())) {
        error(line, "command", p.text() + " names no input: " + JobFieldRules.declared("inputs", inputs.keySet()));
      } else if (p.kind().equals("outputs") && !outputs.containsKey(p.name())) {
        error(line, "command", p.text() + " names no output: "
            + JobFieldRules.declared("outputs", outputs.keySet()));
      }
    }
  }

  // ---------------------------------------------------------------- inputs and outputs

  private Map<String, JobInput> inputs(YamlNode node) {
    Map<String, JobInput> inputs = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return inputs;
    }
    if (!node.isMap()) {
      error(node.line(), "inputs", "must be a mapping of input names to values or {type: ..., path: ...}");
      return inputs;
    }
    node.fields().forEach((name, value) -> {
      String field = "inputs." + name;
      if (!JobFieldRules.IDENTIFIER.matcher(name).matches()) {
        error(value.line(), field, MessageText.quoted(name) + " is not a valid input name: use letters, digits and '_', "
            + "not starting with a digit");
        return;
      }
      JobInput input = value.isMap() ? longInput(field, value) : shortInput(field, value);
      if (input != null) {
        inputs.put(name, input);
      }
    });
    return inputs;
  }

  /** {@code reg_rate: 0.01}: a literal whose type is what YAML made of it. */
  private JobInput shortInput(String field, YamlNode value) {
    if (value.isNull()) {
      error(value.line(), field, "has no value: write a literal (reg_rate: 0.01) or a data input "
          + "({type: uri_folder, path: mloop:NAME@latest})");
      return null;
    }
    if (!value.isScalar()) {
      error(value.line(), field, "must be a literal value or a mapping with type and path, not a list");
      return null;
    }
    return new JobInput(literalType(value), null, value.text(), null);
  }

  /** The type YAML gave an unquoted scalar: 0.01 is a number, "0.01" a string. */
  private static String literalType(YamlNode value) {
    return switch (value.token()) {
      case VALUE_NUMBER_INT -> "integer";
      case VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      default -> "string";
    };
  }

  private JobInput longInput(String field, YamlNode node) {
    Map<String, YamlNode> f = node.fields();
    int errorsBefore = problems.count();
    unknownFields(field, f, INPUT_FIELDS);
    String type = text(f, "type", field);
    String path = text(f, "path", field);
    String description = text(f, "description", field);
    String valueField = f.containsKey("value") ? "value" : "default";
    if (f.containsKey("value") && f.containsKey("default")) {
      error(f.get("value").line(), field + ".value", "and 'default' are both given: keep one");
    }
    YamlNode valueNode = f.get(valueField);
    String value = text(f, valueField, field);
    if (type == null && f.containsKey("type")) {
      return null; // already reported: a type that is not a single value
    }
    if (type == null) {
      if (path != null) {
        type = "uri_folder"; // Azure ML's default input type
      } else if (value != null) {
        type = literalType(valueNode);
      } else {
        error(node.line(), field, "needs a type (" + String.join(", ", INPUT_TYPES) + ") with a path or a value");
        return null;
      }
    }
    if (!INPUT_TYPES.contains(type)) {
      error(f.get("type").line(), field + ".type", MessageText.quoted(type) + " is not one of " + String.join(", ", INPUT_TYPES));
      return null;
    }
    boolean data = type.equals("uri_folder") || type.equals("uri_file");
    if (data) {
      if (valueNode != null) {
        error(valueNode.line(), field + "." + valueField, "is for literal inputs: a " + type + " input takes 'path'");
      }
      if (path == null) {
        error(f.containsKey("path") ? f.get("path").line() : node.line(), field + ".path",
            "is required for a " + type + " input: mloop:NAME@latest, mloop:NAME:VERSION or a local path");
        return null;
      }
      String checked = JobFieldRules.checkDataPath(problems, baseDir, f.get("path").line(), field + ".path", type, path);
      return problems.count() > errorsBefore ? null : new JobInput(type, checked, null, description);
    }
    if (path != null) {
      error(f.get("path").line(), field + ".path", "is for data inputs: a " + type + " input takes 'value' or 'default'");
    }
    if (value == null) {
      error(valueNode != null ? valueNode.line() : node.line(), field + "." + valueField,
          "is required for a " + type + " input");
      return null;
    }
    String checked = JobFieldRules.checkLiteral(problems, valueNode.line(), field + "." + valueField, type, value);
    return problems.count() > errorsBefore ? null : new JobInput(type, null, checked, description);
  }

  private Map<String, JobOutput> outputs(YamlNode node) {
    Map<String, JobOutput> outputs = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return outputs;
    }
    if (!node.isMap()) {
      error(node.line(), "outputs", "must be a mapping of output names to {type: uri_folder}");
      return outputs;
    }
    node.fields().forEach((name, value) -> {
      String field = "outputs." + name;
      if (!JobFieldRules.IDENTIFIER.matcher(name).matches()) {
        error(value.line(), field, MessageText.quoted(name) + " is not a valid output name: use letters, digits and '_', "
            + "not starting with a digit");
        return;
      }
      if (value.isNull()) {
        outputs.put(name, new JobOutput("uri_folder", null));
        return;
      }
      if (!value.isMap()) {
        error(value.line(), field, "must be a mapping such as {type: uri_folder}");
        return;
      }
      unknownFields(field, value.fields(), OUTPUT_FIELDS);
      String type = text(value.fields(), "type", field);
      if (type != null && !OUTPUT_TYPES.contains(type)) {
        error(value.fields().get("type").line(), field + ".type",
            MessageText.quoted(type) + " is not supported: outputs are folders (uri_folder)");
        return;
      }
      outputs.put(name, new JobOutput("uri_folder", text(value.fields(), "description", field)));
    });
    return outputs;
  }

  // ---------------------------------------------------------------- environment

  private JobEnvironment environment(YamlNode node, YamlNode topLevelVariables) {
    Map<String, String> variables = new LinkedHashMap<>();
    String name = null;
    if (node == null || node.isNull()) {
      error(node == null ? -1 : node.line(), "environment",
          "is required: the environment the command runs in, e.g. environment: jvm-17");
    } else if (node.isMap()) {
      unknownFields("environment", node.fields(), ENVIRONMENT_FIELDS);
      name = text(node.fields(), "name", "environment");
      if (name == null || name.isBlank()) {
        error(node.fields().containsKey("name") ? node.fields().get("name").line() : node.line(),
            "environment.name", "is required, e.g. jvm-17");
      }
      variables.putAll(variables(node.fields().get("variables"), "environment.variables"));
    } else if (node.isScalar()) {
      name = node.text();
      if (name.isBlank()) {
        error(node.line(), "environment", "is empty: name the environment, e.g. jvm-17");
      }
    } else {
      error(node.line(), "environment", "must be a name (jvm-17) or a mapping with name and variables");
    }
    Map<String, String> more = variables(topLevelVariables, "environment_variables");
    more.forEach((key, value) -> {
      if (variables.containsKey(key)) {
        error(topLevelVariables.fields().get(key).line(), "environment_variables." + key,
            "is also set in environment.variables: set it in one place");
      }
      variables.put(key, value);
    });
    return new JobEnvironment(name, variables);
  }

  private Map<String, String> variables(YamlNode node, String field) {
    Map<String, String> variables = stringMap(node, field);
    variables.keySet().forEach(key ->
        JobFieldRules.checkVariableName(problems, node.fields().get(key).line(), field + "." + key, key));
    return variables;
  }

  // ---------------------------------------------------------------- helpers

  private String text(Map<String, YamlNode> fields, String key) {
    return text(fields, key, null);
  }

  /** A scalar field as text; null when absent or null. Reports mappings and lists where text is expected. */
  private String text(Map<String, YamlNode> fields, String key, String parent) {
    YamlNode node = fields.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isScalar()) {
      error(node.line(), parent == null ? key : parent + "." + key,
          "must be a single value, not a " + (node.isMap() ? "mapping" : "list"));
      return null;
    }
    return node.text();
  }

  private Map<String, String> stringMap(YamlNode node, String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isMap()) {
      error(node.line(), field, "must be a mapping of names to values");
      return map;
    }
    node.fields().forEach((key, value) -> {
      String text = text(node.fields(), key, field);
      if (text != null) {
        map.put(key, text);
      } else if (value.isNull()) {
        error(value.line(), field + "." + key, "has no value");
      }
    });
    return map;
  }

  private void unknownFields(String parent, Map<String, YamlNode> fields, List<String> known) {
    fields.forEach((key, node) -> {
      if (!known.contains(key)) {
        error(node.line(), parent + "." + key, "is not a known field" + DidYouMean.suggestion(key, known)
            + "; known fields: " + String.join(", ", known));
      }
    });
  }


  private void error(int line, String field, String message) {
    problems.add(line, field, message);
  }
}
