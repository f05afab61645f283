package org.mloop.core.jobs;

import org.mloop.core.DidYouMean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;
import org.mloop.core.data.AssetRef;
import org.mloop.core.json.YamlNode;
import org.mloop.core.json.YamlTree;

/**
 * Reads a command job YAML file (Azure ML's command job shape) into a {@link JobSpec}, and applies
 * {@code --set KEY=VALUE} overrides to one.
 *
 * <p>Every problem found is reported, each as "FILE:LINE: FIELD: what is wrong", in one
 * INVALID_PARAMETER_VALUE error (one problem per line of its message), so a user fixes them all
 * in one go. Nothing is guessed: unknown fields, unknown input types and placeholders that name
 * no input are errors.
 *
 * <p>Local data paths (anything not starting with "mloop:") are resolved against the YAML file's
 * folder and must exist. {@code code} is kept as written, relative to the YAML file; see
 * {@link #codeDirectory(Path, JobSpec)}.
 */
public final class JobSpecParser {
  public static final List<String> TOP_LEVEL_FIELDS =
      List.of("$schema", "type", "name", "display_name", "experiment_name", "description", "code", "command",
          "inputs", "outputs", "environment", "environment_variables", "compute", "tags");
  public static final List<String> INPUT_TYPES =
      List.of("uri_folder", "uri_file", "string", "number", "integer", "boolean");
  public static final List<String> OUTPUT_TYPES = List.of("uri_folder");
  public static final String LOCAL_COMPUTE = "local";
  /** Job names, from a job file, --set name=... or --name: they name the job's folders and URLs. */
  public static final NameRule JOB_NAME = NameRule.of("job name", 255, "[A-Za-z0-9][A-Za-z0-9_-]*",
      "use letters, digits, '-' and '_', starting with a letter or digit");

  private static final List<String> INPUT_FIELDS = List.of("type", "path", "default", "value", "description");
  private static final List<String> OUTPUT_FIELDS = List.of("type", "description");
  private static final List<String> ENVIRONMENT_FIELDS = List.of("name", "variables");
  private static final List<String> SET_KEYS =
      List.of("inputs.NAME", "name", "experiment_name", "display_name", "description", "environment.variables.NAME",
          "tags.KEY");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  /** Variables mloop sets for every job; a job may not replace them. */
  private static final Pattern RESERVED_VARIABLE = Pattern.compile("(MLOOP|MLFLOW)_.*");

  private final String source;
  private final Path baseDir;
  private final List<String> errors = new ArrayList<>();

  private JobSpecParser(String source, Path baseDir) {
    this.source = source;
    this.baseDir = baseDir;
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
    parser.throwIfErrors();
    return spec;
  }

  /** The code folder of a spec parsed from {@code yamlFile}, absolute; null when the job has no code. */
  public static Path codeDirectory(Path yamlFile, JobSpec spec) {
    if (spec.code() == null) {
      return null;
    }
    return yamlFile.toAbsolutePath().normalize().getParent().resolve(spec.code()).normalize();
  }

  /** Applies several overrides in order; see {@link #applySet(JobSpec, String)}. */
  public static JobSpec applySets(JobSpec spec, List<String> assignments) {
    JobSpec result = spec;
    for (String assignment : assignments) {
      result = applySet(result, assignment);
    }
    return result;
  }

  /**
   * Applies one {@code --set KEY=VALUE} override: {@code inputs.NAME=VALUE} (a literal keeps its
   * type and must match it; a data input keeps its type and takes VALUE as its path),
   * {@code name}, {@code experiment_name}, {@code display_name}, {@code description},
   * {@code environment.variables.NAME} or {@code tags.KEY}. Relative local paths are resolved
   * against the current directory.
   */
  public static JobSpec applySet(JobSpec spec, String assignment) {
    JobSpecParser parser = new JobSpecParser("--set " + assignment, Path.of("").toAbsolutePath());
    JobSpec result = parser.set(spec, assignment);
    parser.throwIfErrors();
    return result;
  }

  // ---------------------------------------------------------------- the spec

  private JobSpec read(String yaml) {
    YamlNode root = YamlTree.read(yaml, "a job file holds one job", this::error);
    if (root == null) {
      if (errors.isEmpty()) {
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
      checkJobName(f.get("name").line(), "name", name);
    }
    String code = text(f, "code");
    if (code != null) {
      checkCode(f.get("code").line(), code);
    }
    String compute = text(f, "compute");
    if (compute != null && !compute.equals(LOCAL_COMPUTE)) {
      error(f.get("compute").line(), "compute", "'" + compute
          + "' is not available: jobs run on the workspace's machine; write compute: local or leave it out");
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
    return new JobSpec(
        name,
        text(f, "display_name"),
        text(f, "experiment_name"),
        text(f, "description"),
        code,
        command,
        inputs,
        outputs,
        environment,
        compute == null ? LOCAL_COMPUTE : compute,
        stringMap(f.get("tags"), "tags"));
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
        error(line, "command", p.text() + " names no input: " + declared("inputs", inputs.keySet()));
      } else if (p.kind().equals("outputs") && !outputs.containsKey(p.name())) {
        error(line, "command", p.text() + " names no output: " + declared("outputs", outputs.keySet()));
      }
    }
  }

  private static String declared(String what, java.util.Collection<String> names) {
    return names.isEmpty()
        ? "the job declares no " + what
        : "the job's " + what + " are " + String.join(", ", names);
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
      if (!IDENTIFIER.matcher(name).matches()) {
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
    int errorsBefore = errors.size();
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
      String checked = checkDataPath(f.get("path").line(), field + ".path", type, path);
      return errors.size() > errorsBefore ? null : new JobInput(type, checked, null, description);
    }
    if (path != null) {
      error(f.get("path").line(), field + ".path", "is for data inputs: a " + type + " input takes 'value' or 'default'");
    }
    if (value == null) {
      error(valueNode != null ? valueNode.line() : node.line(), field + "." + valueField,
          "is required for a " + type + " input");
      return null;
    }
    String checked = checkLiteral(valueNode.line(), field + "." + valueField, type, value);
    return errors.size() > errorsBefore ? null : new JobInput(type, null, checked, description);
  }

  /** The literal as stored (booleans in lower case), or null after reporting that it does not fit its type. */
  private String checkLiteral(int line, String field, String type, String value) {
    boolean ok = switch (type) {
      case "integer" -> INTEGER.matcher(value).matches();
      case "number" -> NUMBER.matcher(value).matches();
      case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
      default -> true;
    };
    if (!ok) {
      error(line, field, MessageText.quoted(value) + " is not " + (type.equals("integer") ? "an integer" : "a " + type)
          + (type.equals("boolean") ? " (true or false)" : ""));
      return null;
    }
    return type.equals("boolean") ? value.toLowerCase(java.util.Locale.ROOT) : value;
  }

  /** An asset reference as written, or a local path made absolute; null after reporting a problem. */
  private String checkDataPath(int line, String field, String type, String path) {
    if (path.startsWith("azureml:")) {
      error(line, field, MessageText.quoted(path) + " is an Azure ML reference: use mloop:NAME@latest or mloop:NAME:VERSION");
      return null;
    }
    if (AssetRef.isAssetRef(path)) {
      try {
        AssetRef.parse(path);
        return path;
      } catch (MloopException e) {
        error(line, field, e.getMessage());
        return null;
      }
    }
    if (path.contains("://")) {
      error(line, field, MessageText.quoted(path) + " is not supported: use mloop:NAME@latest, mloop:NAME:VERSION or a local path");
      return null;
    }
    Path local = baseDir == null ? Path.of(path) : baseDir.resolve(path).normalize();
    if (!Files.exists(local)) {
      error(line, field, "local path " + local + " does not exist (relative paths start at the job file's folder)");
      return null;
    }
    if (type.equals("uri_folder") != Files.isDirectory(local)) {
      error(line, field, "local path " + local + " is " + (Files.isDirectory(local) ? "a folder" : "a file")
          + " but the input is a " + type);
      return null;
    }
    return local.toString();
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
      if (!IDENTIFIER.matcher(name).matches()) {
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
    variables.keySet().forEach(key -> checkVariableName(node.fields().get(key).line(), field + "." + key, key));
    return variables;
  }

  private void checkVariableName(int line, String field, String key) {
    if (!IDENTIFIER.matcher(key).matches()) {
      error(line, field, MessageText.quoted(key) + " is not a valid environment variable name: use letters, digits and '_'");
    } else if (RESERVED_VARIABLE.matcher(key).matches()) {
      error(line, field, "is set by mloop for every job (MLOOP_* and MLFLOW_* are reserved): remove it");
    }
  }

  // ---------------------------------------------------------------- --set

  private JobSpec set(JobSpec spec, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      error(-1, null, "use KEY=VALUE, e.g. --set inputs.reg_rate=0.1 (keys: " + String.join(", ", SET_KEYS) + ")");
      return spec;
    }
    String key = assignment.substring(0, eq).strip();
    String value = assignment.substring(eq + 1);
    if (key.startsWith("inputs.")) {
      return setInput(spec, key, key.substring("inputs.".length()), value);
    }
    if (key.startsWith("environment.variables.")) {
      String variable = key.substring("environment.variables.".length());
      checkVariableName(-1, key, variable);
      Map<String, String> variables = new LinkedHashMap<>(spec.environment().variables());
      variables.put(variable, value);
      return new JobSpec(spec.name(), spec.displayName(), spec.experimentName(), spec.description(), spec.code(),
          spec.command(), spec.inputs(), spec.outputs(), new JobEnvironment(spec.environment().name(), variables),
          spec.compute(), spec.tags());
    }
    if (key.startsWith("tags.") && key.length() > "tags.".length()) {
      Map<String, String> tags = new LinkedHashMap<>(spec.tags());
      tags.put(key.substring("tags.".length()), value);
      return new JobSpec(spec.name(), spec.displayName(), spec.experimentName(), spec.description(), spec.code(),
          spec.command(), spec.inputs(), spec.outputs(), spec.environment(), spec.compute(), tags);
    }
    return switch (key) {
      case "name" -> {
        checkJobName(-1, key, value);
        yield new JobSpec(value, spec.displayName(), spec.experimentName(), spec.description(), spec.code(),
            spec.command(), spec.inputs(), spec.outputs(), spec.environment(), spec.compute(), spec.tags());
      }
      case "experiment_name" -> {
        if (value.isBlank()) {
          error(-1, key, "is empty: give the experiment's name");
        }
        yield new JobSpec(spec.name(), spec.displayName(), value, spec.description(), spec.code(),
            spec.command(), spec.inputs(), spec.outputs(), spec.environment(), spec.compute(), spec.tags());
      }
      case "display_name" -> new JobSpec(spec.name(), value, spec.experimentName(), spec.description(),
          spec.code(), spec.command(), spec.inputs(), spec.outputs(), spec.environment(), spec.compute(), spec.tags());
      case "description" -> new JobSpec(spec.name(), spec.displayName(), spec.experimentName(), value,
          spec.code(), spec.command(), spec.inputs(), spec.outputs(), spec.environment(), spec.compute(), spec.tags());
      default -> {
        error(-1, null, MessageText.quoted(key) + " cannot be set: settable keys are " + String.join(", ", SET_KEYS));
        yield spec;
      }
    };
  }

  private JobSpec setInput(JobSpec spec, String key, String name, String value) {
    JobInput input = spec.inputs().get(name);
    if (input == null) {
      error(-1, key, "the job has no input " + MessageText.quoted(name) + " (" + declared("inputs", spec.inputs().keySet())
          + "); declare it in the job file first");
      return spec;
    }
    JobInput replaced;
    if (input.isData()) {
      String path = checkDataPath(-1, key, input.type(), value);
      replaced = new JobInput(input.type(), path, null, input.description());
    } else {
      String literal = checkLiteral(-1, key, input.type(), value);
      replaced = new JobInput(input.type(), null, literal, input.description());
    }
    Map<String, JobInput> inputs = new LinkedHashMap<>(spec.inputs());
    inputs.put(name, replaced);
    return new JobSpec(spec.name(), spec.displayName(), spec.experimentName(), spec.description(), spec.code(),
        spec.command(), inputs, spec.outputs(), spec.environment(), spec.compute(), spec.tags());
  }

  // ---------------------------------------------------------------- helpers

  private void checkJobName(int line, String field, String name) {
    String problem = JOB_NAME.problem(name, null);
    if (problem != null) {
      error(line, field, problem);
    }
  }

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
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (field != null) {
      sb.append(field).append(": ");
    }
    errors.add(sb.append(message).toString());
  }

  private void throwIfErrors() {
    if (!errors.isEmpty()) {
      throw new JobSpecException(Collections.unmodifiableList(new ArrayList<>(errors)));
    }
  }
}
