package org.mloop.ci.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern CONDITION_FIELD = Pattern.compile("jobs\\.[^.]+(\\.steps\\[\\d+])?\\.if");

  private final Path file;
  private final Path shown;
  private final ExpressionChecker checker;
  private final YamlFields fields = new YamlFields();
  /** The {@code on:} section once read (null before, or when the file is not a mapping). */
  private Triggers triggers;

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
        workflows.add(parser.readOrThrow(WorkflowFileText.read(f, shown)));
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
    return new WorkflowParser(file, shown, checker).readOrThrow(WorkflowFileText.read(file, shown));
  }

  /**
   * The {@code on:} read so far, when it had no problem of its own (so which events the file
   * is for is known even though the file is invalid); null otherwise.
   */
  private Triggers readableTriggers() {
    boolean onHasProblems =
        fields.anyField(f -> f.equals("on") || f.startsWith("on.") || f.startsWith("on["));
    return onHasProblems ? null : triggers;
  }

  private Workflow readOrThrow(String yaml) {
    Workflow workflow = read(yaml);
    fields.throwIfAny(shown);
    return workflow;
  }

  // ---------------------------------------------------------------- the workflow

  private Workflow read(String yaml) {
    YamlNode root = YamlTree.read(yaml, "a workflow file holds one workflow", YamlTree.Booleans.YAML_1_2,
        fields::problem);
    if (root == null) {
      if (fields.isEmpty()) {
        fields.problem(0, null, "is empty: a workflow needs 'on' (the events that start it) and 'jobs'");
      }
      return null;
    }
    if (!root.isMap()) {
      fields.problem(root.line(), null, "a workflow is a mapping with 'on' and 'jobs', not a " + root.kind());
      return null;
    }
    fields.unknownFields(root, null, WORKFLOW_FIELDS);
    checkExpressions(root, "");
    String name = fields.text(root, "name", "name");
    Triggers on = new TriggersReader(fields).read(root);
    triggers = on;
    Map<String, String> env = fields.stringMap(root.get("env"), "env");
    RunDefaults defaults = RunDefaults.NONE.under(fields, root.get("defaults"), "defaults");
    Map<String, WorkflowJob> jobs = new JobsReader(fields, shown).read(root, defaults);
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
        fields.problem(node.lineOf(e.textIndex()), path, e.getMessage());
      }
    }
  }
}
