package org.mloop.ci.workflow;

import org.mloop.core.DidYouMean;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mloop.ci.expr.ExpressionException;
import org.mloop.core.json.YamlNode;
import org.mloop.core.json.YamlTree;

/**
 * Reads GitHub Actions workflow files ({@code .github/workflows/*.yml}) into {@link Workflow}s.
 *
 * <p>It takes GitHub's shapes as they come ({@code on: push}, {@code on: [push, pull_request]} or a
 * mapping of events to filters; {@code needs} as one job or a list; {@code environment} as a name or
 * {@code {name, url}}; numbers and booleans where strings go become their text) and refuses what
 * cannot run: every problem found is reported as "FILE:LINE: FIELD: what is wrong" in one
 * {@link WorkflowException} (one problem per line of its message, in file order), located at the first.
 * YAML is read as GitHub reads it (YAML 1.2: {@code on}, {@code yes} and {@code no} are words); aliases
 * and duplicate keys are refused.
 * Unknown fields are refused (a typo must not silently drop a step), and so are job features the
 * local runner does not have (matrix {@code strategy}, {@code container}, {@code services}, reusable
 * workflows). Every expression is checked with an {@link ExpressionChecker}.
 */
public final class WorkflowParser {
  public static final Path WORKFLOWS = Path.of(".github", "workflows");

  static final List<String> WORKFLOW_FIELDS =
      List.of("name", "run-name", "on", "env", "defaults", "jobs", "permissions", "concurrency");
  static final List<String> JOB_FIELDS = List.of("name", "needs", "if", "runs-on", "environment", "env", "outputs",
      "timeout-minutes", "continue-on-error", "defaults", "steps", "permissions", "concurrency", "strategy",
      "container", "services", "uses", "with", "secrets");
  /** Job fields GitHub knows that the local runner cannot honour: refused rather than ignored. */
  static final List<String> UNSUPPORTED_JOB_FIELDS =
      List.of("strategy", "container", "services", "uses", "with", "secrets");
  static final List<String> STEP_FIELDS = List.of("id", "name", "if", "uses", "with", "run", "shell",
      "working-directory", "env", "continue-on-error", "timeout-minutes");
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
  private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern CONDITION_FIELD = Pattern.compile("jobs\\.[^.]+(\\.steps\\[\\d+])?\\.if");

  private final Path file;
  private final Path shown;
  private final ExpressionChecker checker;
  private final List<Problem> problems = new ArrayList<>();
  /** The {@code on:} section once read (null before, or when the file is not a mapping). */
  private Triggers triggers;

  private record Problem(int line, String field, String message) {}

  private record Defaults(String shell, String workingDirectory) {}

  private WorkflowParser(Path file, Path shown, ExpressionChecker checker) {
    this.file = file;
    this.shown = shown;
    this.checker = checker;
  }

  /** Reads one workflow file; errors name it as given. */
  public static Workflow parse(Path file) {
    return parse(file, ExpressionChecker.standard());
  }

  public static Workflow parse(Path file, ExpressionChecker checker) {
    return parseFile(file, file, checker);
  }

  /**
   * Reads YAML text as the workflow {@code file} ({@code file} names it in the model and in errors;
   * it is not read).
   */
  public static Workflow parse(String yaml, Path file, ExpressionChecker checker) {
    return new WorkflowParser(file, file, checker).readOrThrow(yaml);
  }

  /**
   * Every {@code .yml} and {@code .yaml} file in {@code repoRoot/.github/workflows}, by file name; none
   * when the folder does not exist. Errors name files relative to the repository
   * (".github/workflows/train-deploy.yml:12: ..."); the first invalid file is thrown. A runner reads
   * the folder with {@link #readAll}, which keeps the valid workflows beside the invalid files.
   */
  public static List<Workflow> parseAll(Path repoRoot) {
    return parseAll(repoRoot, ExpressionChecker.standard());
  }

  public static List<Workflow> parseAll(Path repoRoot, ExpressionChecker checker) {
    WorkflowFiles files = readAll(repoRoot, checker);
    if (!files.invalid().isEmpty()) {
      throw files.invalid().get(0).error();
    }
    return files.workflows();
  }

  /**
   * Reads {@code repoRoot/.github/workflows} as GitHub does: each {@code .yml} and {@code .yaml} file
   * on its own, so an invalid one (broken YAML, a schema error, an empty or binary file) is reported
   * with all its problems while the others stay usable; files of other extensions are not workflows
   * (listed as ignored) and sub-folders are not read. Nothing when the folder does not exist.
   */
  public static WorkflowFiles readAll(Path repoRoot) {
    return readAll(repoRoot, ExpressionChecker.standard());
  }

  public static WorkflowFiles readAll(Path repoRoot, ExpressionChecker checker) {
    Path dir = repoRoot.resolve(WORKFLOWS);
    if (!Files.isDirectory(dir)) {
      return WorkflowFiles.none();
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> Files.isRegularFile(f)).sorted().toList();
    } catch (IOException e) {
      throw new WorkflowException(new Location(WORKFLOWS, 0), "cannot be listed: " + e.getMessage());
    }
    List<Workflow> workflows = new ArrayList<>();
    List<InvalidWorkflow> invalid = new ArrayList<>();
    List<Path> ignored = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Path shown = WORKFLOWS.resolve(name);
      if (!isWorkflowFileName(name)) {
        ignored.add(shown);
        continue;
      }
      WorkflowParser parser = new WorkflowParser(f, shown, checker);
      try {
        workflows.add(parser.readOrThrow(readText(f, shown)));
      } catch (WorkflowException e) {
        invalid.add(new InvalidWorkflow(shown, e, parser.readableTriggers()));
      }
    }
    return new WorkflowFiles(workflows, invalid, ignored);
  }

  /** GitHub reads {@code .yml} and {@code .yaml} files in .github/workflows, nothing else. */
  public static boolean isWorkflowFileName(String name) {
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  private static Workflow parseFile(Path file, Path shown, ExpressionChecker checker) {
    return new WorkflowParser(file, shown, checker).readOrThrow(readText(file, shown));
  }

  /**
   * The file as UTF-8 text. A binary file (one holding NUL bytes) is named as such, and a file that
   * is not UTF-8 says where, never shown.
   */
  private static String readText(Path file, Path shown) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > YamlTree.MAX_DOCUMENT_CHARS) { // refused before reading: a huge file costs nothing
        throw new WorkflowException(new Location(shown, 0), "is " + size + " bytes, over the limit of "
            + YamlTree.MAX_DOCUMENT_CHARS + " bytes for a YAML file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new WorkflowException(new Location(shown, 0), "no such file: workflows live in .github/workflows");
    } catch (IOException e) {
      throw new WorkflowException(new Location(shown, 0), "cannot be read: " + e.getMessage());
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new WorkflowException(new Location(shown, lineAt(bytes, i)), "is a binary file (it holds NUL bytes, "
            + "the first at byte " + i + "), not a workflow: a workflow is YAML text in UTF-8");
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      throw new WorkflowException(new Location(shown, lineAt(bytes, at)), String.format(java.util.Locale.ROOT,
          "is not UTF-8 text (byte 0x%02X at byte %d is not UTF-8): a workflow is YAML text in UTF-8; save it "
              + "as UTF-8, or remove it if it is a binary file", bytes[at] & 0xff, at));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * The {@code on:} read so far, when it had no problem of its own (so which events the file
   * is for is known even though the file is invalid); null otherwise.
   */
  private Triggers readableTriggers() {
    boolean onHasProblems = problems.stream().anyMatch(p -> p.field() != null
        && (p.field().equals("on") || p.field().startsWith("on.") || p.field().startsWith("on[")));
    return onHasProblems ? null : triggers;
  }

  private Workflow readOrThrow(String yaml) {
    Workflow workflow = read(yaml);
    if (!problems.isEmpty()) {
      problems.sort(java.util.Comparator.comparingInt(Problem::line)); // in file order (the sort is stable)
      Problem first = problems.get(0);
      StringBuilder message = new StringBuilder(describe(first));
      for (Problem more : problems.subList(1, problems.size())) {
        message.append('\n').append(new Location(shown, Math.max(0, more.line()))).append(": ").append(describe(more));
      }
      throw new WorkflowException(new Location(shown, Math.max(0, first.line())), message.toString());
    }
    return workflow;
  }

  private static String describe(Problem p) {
    return p.field() == null ? p.message() : p.field() + ": " + p.message();
  }

  private void problem(int line, String field, String message) {
    problems.add(new Problem(line, field, message));
  }

  // ---------------------------------------------------------------- the workflow

  private Workflow read(String yaml) {
    YamlNode root = YamlTree.read(yaml, "a workflow file holds one workflow", YamlTree.Booleans.YAML_1_2,
        this::problem);
    if (root == null) {
      if (problems.isEmpty()) {
        problem(0, null, "is empty: a workflow needs 'on' (the events that start it) and 'jobs'");
      }
      return null;
    }
    if (!root.isMap()) {
      problem(root.line(), null, "a workflow is a mapping with 'on' and 'jobs', not a " + root.kind());
      return null;
    }
    unknownFields(root, null, WORKFLOW_FIELDS);
    checkExpressions(root, "");
    String name = text(root, "name", "name");
    Triggers on = triggers(root);
    triggers = on;
    Map<String, String> env = stringMap(root.get("env"), "env");
    Defaults defaults = defaults(root.get("defaults"), "defaults", new Defaults(null, null));
    Map<String, WorkflowJob> jobs = jobs(root, defaults);
    return new Workflow(file, name, on, env, jobs);
  }

  /** Every string that embeds an expression must parse; {@code if:} of jobs and steps are conditions. */
  private void checkExpressions(YamlNode node, String path) {
    if (node.isMap()) {
      node.fields().forEach((key, child) -> checkExpressions(child, path.isEmpty() ? key : path + "." + key));
    } else if (node.isList()) {
      for (int i = 0; i < node.items().size(); i++) {
        checkExpressions(node.items().get(i), path + "[" + i + "]");
      }
    } else if (node.text() != null) {
      try {
        if (CONDITION_FIELD.matcher(path).matches()) {
          checker.checkCondition(node.text());
        } else if (node.text().contains("${{")) {
          checker.check(node.text());
        }
      } catch (ExpressionException e) {
        problem(node.lineOf(e.textIndex()), path, e.getMessage());
      }
    }
  }

  // ---------------------------------------------------------------- on

  private Triggers triggers(YamlNode root) {
    Map<String, Map<String, List<String>>> events = new LinkedHashMap<>();
    Map<String, Triggers.DispatchInput> inputs = new LinkedHashMap<>();
    List<String> schedules = new ArrayList<>();
    YamlNode on = root.get("on");
    if (on == null || on.isNull()) {
      problem(on == null ? root.line() : on.line(), "on",
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
          problem(item.line(), "on[" + i + "]", "must be an event name such as push, not a " + item.kind());
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
    problem(line, field, "'" + event + "' is not a GitHub Actions event" + DidYouMean.suggestion(event, EVENTS)
        + "; mloop runs push, pull_request, workflow_dispatch and schedule");
    return false;
  }

  private List<String> schedule(YamlNode node, String field) {
    List<String> crons = new ArrayList<>();
    if (node.isNull() || !node.isList() || node.items().isEmpty()) {
      problem(node.line(), field, "must be a list of {cron: '...'} entries, e.g. schedule: [{cron: '30 5 * * 1'}]");
      return crons;
    }
    for (int i = 0; i < node.items().size(); i++) {
      YamlNode item = node.items().get(i);
      String itemField = field + "[" + i + "]";
      if (!item.isMap()) {
        problem(item.line(), itemField, "must be {cron: '...'}");
        continue;
      }
      unknownFields(item, itemField, List.of("cron"));
      String cron = text(item, "cron", itemField + ".cron");
      if (cron == null || cron.isBlank()) {
        problem(item.line(), itemField + ".cron", "is required, e.g. cron: '30 5 * * 1'");
      } else if (cron.strip().split("\\s+").length != 5) {
        problem(item.get("cron").line(), itemField + ".cron",
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
      problem(node.line(), field, "must be a mapping of filters (branches, paths...) or empty, not a " + node.kind());
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
    unknownFields(node, field, known);
    node.fields().forEach((key, value) -> {
      if (key.equals("inputs")) {
        inputs.putAll(dispatchInputs(value, field + ".inputs"));
      } else if (FILTERS.contains(key) || key.equals("workflows")) {
        filters.put(key, patterns(value, field + "." + key));
      }
    });
    for (String kind : List.of("branches", "tags", "paths")) {
      if (filters.containsKey(kind) && filters.containsKey(kind + "-ignore")) {
        problem(node.get(kind + "-ignore").line(), field + "." + kind + "-ignore", "cannot be used with '" + kind
            + "' for the same event: keep '" + kind + "' and exclude with '!pattern' entries");
      }
    }
    return Collections.unmodifiableMap(filters);
  }

  private List<String> patterns(YamlNode node, String field) {
    List<String> patterns = stringList(node, field);
    if (node.isNull() || (node.isList() && node.items().isEmpty())) {
      problem(node.line(), field, "has no patterns: list at least one, or remove the filter");
    }
    return patterns;
  }

  private Map<String, Triggers.DispatchInput> dispatchInputs(YamlNode node, String field) {
    Map<String, Triggers.DispatchInput> inputs = new LinkedHashMap<>();
    if (node.isNull()) {
      return inputs;
    }
    if (!node.isMap()) {
      problem(node.line(), field, "must be a mapping of input names to {description, required, default, type}");
      return inputs;
    }
    node.fields().forEach((name, input) -> {
      String inputField = field + "." + name;
      if (!ID.matcher(name).matches()) {
        problem(input.line(), inputField, "'" + name + "' is not a valid input name: start with a letter or '_' "
            + "and use letters, digits, '-' and '_'");
        return;
      }
      if (input.isNull()) {
        inputs.put(name, new Triggers.DispatchInput(null, false, null, "string", List.of()));
        return;
      }
      if (!input.isMap()) {
        problem(input.line(), inputField, "must be a mapping {description, required, default, type}");
        return;
      }
      unknownFields(input, inputField, INPUT_FIELDS);
      String type = text(input, "type", inputField + ".type");
      if (type == null) {
        type = "string";
      } else if (!INPUT_TYPES.contains(type)) {
        problem(input.get("type").line(), inputField + ".type",
            "'" + type + "' is not one of " + String.join(", ", INPUT_TYPES));
      }
      List<String> options = input.get("options") == null ? List.of()
          : stringList(input.get("options"), inputField + ".options");
      if (type.equals("choice") && options.isEmpty()) {
        problem(input.line(), inputField + ".options", "is required for a choice input: list the choices");
      }
      String required = text(input, "required", inputField + ".required");
      if (required != null && !required.equals("true") && !required.equals("false")) {
        problem(input.get("required").line(), inputField + ".required", "must be true or false");
      }
      String defaultValue = text(input, "default", inputField + ".default");
      if (type.equals("choice") && defaultValue != null && !options.contains(defaultValue)) {
        problem(input.get("default").line(), inputField + ".default",
            "'" + defaultValue + "' is not one of the options " + options);
      }
      inputs.put(name, new Triggers.DispatchInput(text(input, "description", inputField + ".description"),
          "true".equals(required), defaultValue, type, options));
    });
    return inputs;
  }

  // ---------------------------------------------------------------- jobs

  private Map<String, WorkflowJob> jobs(YamlNode root, Defaults workflowDefaults) {
    Map<String, WorkflowJob> jobs = new LinkedHashMap<>();
    Map<String, Integer> needsLines = new HashMap<>();
    YamlNode node = root.get("jobs");
    if (node == null || node.isNull()) {
      problem(node == null ? root.line() : node.line(), "jobs",
          "is required: a mapping of job ids to jobs, each with runs-on and steps");
      return jobs;
    }
    if (!node.isMap() || node.fields().isEmpty()) {
      problem(node.line(), "jobs", node.isMap() ? "has no jobs: add at least one job with runs-on and steps"
          : "must be a mapping of job ids to jobs, not a " + node.kind());
      return jobs;
    }
    node.fields().forEach((id, jobNode) -> {
      WorkflowJob job = job(id, jobNode, workflowDefaults);
      if (job != null) {
        jobs.put(id, job);
        if (jobNode.get("needs") != null) {
          needsLines.put(id, jobNode.get("needs").line());
        }
      }
    });
    checkNeeds(jobs, needsLines);
    return Collections.unmodifiableMap(jobs);
  }

  private WorkflowJob job(String id, YamlNode node, Defaults workflowDefaults) {
    String field = "jobs." + id;
    if (!ID.matcher(id).matches()) {
      problem(node.line(), field, "'" + id + "' is not a valid job id: start with a letter or '_' and use letters, "
          + "digits, '-' and '_'");
    }
    if (!node.isMap()) {
      problem(node.line(), field, "must be a mapping with runs-on and steps, not a " + node.kind());
      return null;
    }
    unknownFields(node, field, JOB_FIELDS);
    boolean unsupported = false;
    for (String key : UNSUPPORTED_JOB_FIELDS) {
      if (node.get(key) != null) {
        unsupported = true;
        problem(node.get(key).line(), field + "." + key, "is not supported by mloop's local runner"
            + (key.equals("uses") || key.equals("with") || key.equals("secrets") ? " (reusable workflows)" : "")
            + ": write the job's steps out");
      }
    }
    String runsOn = runsOn(node.get("runs-on"), field + ".runs-on");
    if (node.get("runs-on") == null && !unsupported) {
      problem(node.line(), field + ".runs-on",
          "is required: the runner, e.g. runs-on: ubuntu-latest (mloop runs every job on this machine)");
    }
    YamlNode stepsNode = node.get("steps");
    List<Step> steps = List.of();
    if ((stepsNode == null || stepsNode.isNull()) && !unsupported) {
      problem(stepsNode == null ? node.line() : stepsNode.line(), field + ".steps",
          "is required: the list of steps, each with 'run' or 'uses'");
    } else if (stepsNode != null && !stepsNode.isNull()) {
      steps = steps(stepsNode, field + ".steps");
    }
    Defaults defaults = defaults(node.get("defaults"), field + ".defaults", workflowDefaults);
    return new WorkflowJob(
        id,
        text(node, "name", field + ".name"),
        needs(node.get("needs"), field + ".needs"),
        text(node, "if", field + ".if"),
        runsOn,
        environment(node.get("environment"), field + ".environment"),
        stringMap(node.get("env"), field + ".env"),
        stringMap(node.get("outputs"), field + ".outputs"),
        minutes(node, field),
        flag(node, field),
        defaults.shell(),
        defaults.workingDirectory(),
        steps,
        new Location(shown, node.line()));
  }

  private List<String> needs(YamlNode node, String field) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    return stringList(node, field);
  }

  /** Unknown jobs in {@code needs}, then cycles, each reported at the {@code needs} line. */
  private void checkNeeds(Map<String, WorkflowJob> jobs, Map<String, Integer> needsLines) {
    boolean unknown = false;
    for (WorkflowJob job : jobs.values()) {
      for (String need : job.needs()) {
        if (!jobs.containsKey(need)) {
          unknown = true;
          problem(needsLines.get(job.id()), "jobs." + job.id() + ".needs", "'" + need + "' is not a job of this "
              + "workflow" + DidYouMean.suggestion(need, List.copyOf(jobs.keySet())) + "; its jobs are "
              + String.join(", ", jobs.keySet()));
        }
      }
    }
    if (unknown) {
      return;
    }
    Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
    for (String id : jobs.keySet()) {
      List<String> cycle = findCycle(id, jobs, state, new ArrayList<>());
      if (cycle != null) {
        String first = cycle.get(0);
        problem(needsLines.get(first), "jobs." + first + ".needs", "the jobs wait for each other in a cycle ("
            + String.join(" needs ", cycle) + "): remove one of these needs");
        return;
      }
    }
  }

  private static List<String> findCycle(String id, Map<String, WorkflowJob> jobs, Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return null;
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return cycle;
    }
    state.put(id, 1);
    path.add(id);
    for (String need : jobs.get(id).needs()) {
      List<String> cycle = findCycle(need, jobs, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
    return null;
  }

  /** "ubuntu-latest"; a list of labels or {group, labels} is kept as its labels joined by ", ". */
  private String runsOn(YamlNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isMap()) {
      unknownFields(node, field, List.of("group", "labels"));
      List<String> labels = node.get("labels") == null ? List.of() : stringList(node.get("labels"), field + ".labels");
      return labels.isEmpty() ? text(node, "group", field + ".group") : String.join(", ", labels);
    }
    return String.join(", ", stringList(node, field));
  }

  /** A name, or {name, url} (the url is GitHub's link to the deployment; the local runner has no use for it). */
  private String environment(YamlNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isMap()) {
      unknownFields(node, field, List.of("name", "url", "deployment"));
      String name = text(node, "name", field + ".name");
      if (name == null || name.isBlank()) {
        problem(node.line(), field + ".name", "is required: the GitHub environment, e.g. production");
      }
      return name;
    }
    String name = text(node, field);
    if (name != null && name.isBlank()) {
      problem(node.line(), field, "is empty: name the environment, e.g. production");
    }
    return name;
  }

  private Defaults defaults(YamlNode node, String field, Defaults inherited) {
    if (node == null || node.isNull()) {
      return inherited;
    }
    if (!node.isMap()) {
      problem(node.line(), field, "must be a mapping: defaults: {run: {shell: bash, working-directory: model}}");
      return inherited;
    }
    unknownFields(node, field, List.of("run"));
    YamlNode run = node.get("run");
    if (run == null || run.isNull()) {
      return inherited;
    }
    if (!run.isMap()) {
      problem(run.line(), field + ".run", "must be a mapping with shell and working-directory");
      return inherited;
    }
    unknownFields(run, field + ".run", List.of("shell", "working-directory"));
    String shell = text(run, "shell", field + ".run.shell");
    String directory = text(run, "working-directory", field + ".run.working-directory");
    return new Defaults(shell != null ? shell : inherited.shell(),
        directory != null ? directory : inherited.workingDirectory());
  }

  // ---------------------------------------------------------------- steps

  private List<Step> steps(YamlNode node, String field) {
    if (!node.isList()) {
      problem(node.line(), field, "must be a list of steps (each starting with '- '), not a " + node.kind());
      return List.of();
    }
    if (node.items().isEmpty()) {
      problem(node.line(), field, "is empty: add at least one step with 'run' or 'uses'");
    }
    List<Step> steps = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < node.items().size(); i++) {
      YamlNode item = node.items().get(i);
      String stepField = field + "[" + i + "]";
      if (!item.isMap()) {
        problem(item.line(), stepField, "must be a mapping with 'run' or 'uses', not a " + item.kind());
        continue;
      }
      unknownFields(item, stepField, STEP_FIELDS);
      String id = text(item, "id", stepField + ".id");
      if (id != null) {
        int line = item.get("id").line();
        if (!ID.matcher(id).matches()) {
          problem(line, stepField + ".id", "'" + id + "' is not a valid step id: start with a letter or '_' and "
              + "use letters, digits, '-' and '_'");
        } else if (ids.containsKey(id)) {
          problem(line, stepField + ".id", "'" + id + "' is already the id of the step on line " + ids.get(id)
              + ": step ids are unique within a job");
        } else {
          ids.put(id, line);
        }
      }
      String uses = text(item, "uses", stepField + ".uses");
      String run = text(item, "run", stepField + ".run");
      if (item.get("uses") != null && item.get("run") != null) {
        problem(item.get("run").line(), stepField + ".run",
            "and 'uses' are both given: a step either runs a script (run) or an action (uses); split it in two");
      } else if (item.get("uses") == null && item.get("run") == null) {
        problem(item.line(), stepField, "has neither 'run' nor 'uses': give the script to run or the action to use");
      } else if (item.get("uses") != null && (uses == null || uses.isBlank())) {
        problem(item.get("uses").line(), stepField + ".uses", "is empty: name the action, e.g. actions/checkout@v4");
      } else if (item.get("run") != null && (run == null || run.isBlank())) {
        problem(item.get("run").line(), stepField + ".run", "is empty: give the script to run");
      }
      if (item.get("with") != null && item.get("uses") == null) {
        problem(item.get("with").line(), stepField + ".with", "is for actions ('uses' steps): use env for a script");
      }
      steps.add(new Step(
          id,
          text(item, "name", stepField + ".name"),
          text(item, "if", stepField + ".if"),
          uses,
          stringMap(item.get("with"), stepField + ".with"),
          run,
          text(item, "shell", stepField + ".shell"),
          text(item, "working-directory", stepField + ".working-directory"),
          stringMap(item.get("env"), stepField + ".env"),
          flag(item, stepField),
          minutes(item, stepField),
          new Location(shown, item.line())));
    }
    return List.copyOf(steps);
  }

  // ---------------------------------------------------------------- values

  /** {@code timeout-minutes}: a positive number, or an expression the runner evaluates. */
  private String minutes(YamlNode parent, String parentField) {
    String field = parentField + ".timeout-minutes";
    String value = text(parent, "timeout-minutes", field);
    if (value != null && !value.contains("${{")) {
      boolean positive;
      try {
        double minutes = Double.parseDouble(value);
        positive = minutes > 0 && !Double.isInfinite(minutes);
      } catch (NumberFormatException e) {
        positive = false;
      }
      if (!positive) {
        problem(parent.get("timeout-minutes").line(), field,
            "'" + value + "' is not a number of minutes: write a positive number such as 30, or an expression");
      }
    }
    return value;
  }

  /** {@code continue-on-error}: true, false, or an expression the runner evaluates. */
  private String flag(YamlNode parent, String parentField) {
    String field = parentField + ".continue-on-error";
    String value = text(parent, "continue-on-error", field);
    if (value != null && !value.contains("${{") && !value.equals("true") && !value.equals("false")) {
      problem(parent.get("continue-on-error").line(), field,
          "'" + value + "' is not true or false: write true, false, or an expression");
    }
    return value;
  }

  private String text(YamlNode parent, String key, String field) {
    YamlNode node = parent.get(key);
    return node == null ? null : text(node, field);
  }

  /** A single value as text (numbers and booleans as written); null when null. Reports mappings and lists. */
  private String text(YamlNode node, String field) {
    if (node.isNull()) {
      return null;
    }
    if (!node.isScalar()) {
      problem(node.line(), field, "must be a single value, not a " + node.kind());
      return null;
    }
    return node.text();
  }

  /** One value or a list of values. */
  private List<String> stringList(YamlNode node, String field) {
    if (node.isNull()) {
      return List.of();
    }
    if (node.isMap()) {
      problem(node.line(), field, "must be a value or a list of values, not a mapping");
      return List.of();
    }
    if (node.isScalar()) {
      return List.of(node.text());
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.items().size(); i++) {
      String value = text(node.items().get(i), field + "[" + i + "]");
      if (value != null) {
        values.add(value);
      }
    }
    return List.copyOf(values);
  }

  /** A mapping of names to single values (numbers and booleans become their text, null becomes ""). */
  private Map<String, String> stringMap(YamlNode node, String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return Collections.unmodifiableMap(map);
    }
    if (!node.isMap()) {
      problem(node.line(), field, "must be a mapping of names to values, not a " + node.kind());
      return Collections.unmodifiableMap(map);
    }
    node.fields().forEach((key, value) -> {
      if (value.isNull()) {
        map.put(key, "");
      } else {
        String text = text(value, field + "." + key);
        if (text != null) {
          map.put(key, text);
        }
      }
    });
    return Collections.unmodifiableMap(map);
  }

  private void unknownFields(YamlNode node, String parent, List<String> known) {
    node.fields().forEach((key, child) -> {
      if (!known.contains(key)) {
        problem(child.line(), parent == null ? key : parent + "." + key, "is not a known field"
            + DidYouMean.suggestion(key, known) + "; known fields: " + String.join(", ", known));
      }
    });
  }

}
