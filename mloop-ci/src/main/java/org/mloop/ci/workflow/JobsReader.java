package org.mloop.ci.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.DidYouMean;
import org.mloop.core.json.YamlNode;

/**
 * Reads a workflow's {@code jobs:} into {@link WorkflowJob}s: each job's fields (refusing those the
 * local runner cannot honour), its steps, and the {@code needs} between jobs (unknown jobs, cycles).
 */
final class JobsReader {
  static final List<String> JOB_FIELDS = List.of("name", "needs", "if", "runs-on", "environment", "env", "outputs",
      "timeout-minutes", "continue-on-error", "defaults", "steps", "permissions", "concurrency", "strategy",
      "container", "services", "uses", "with", "secrets");
  /** Job fields GitHub knows that the local runner cannot honour: refused rather than ignored. */
  static final List<String> UNSUPPORTED_JOB_FIELDS =
      List.of("strategy", "container", "services", "uses", "with", "secrets");

  private final YamlFields fields;
  private final Path shown;
  private final StepsReader steps;

  JobsReader(YamlFields fields, Path shown) {
    this.fields = fields;
    this.shown = shown;
    this.steps = new StepsReader(fields, shown);
  }

  Map<String, WorkflowJob> read(YamlNode root, RunDefaults workflowDefaults) {
    Map<String, WorkflowJob> jobs = new LinkedHashMap<>();
    Map<String, Integer> needsLines = new HashMap<>();
    YamlNode node = root.get("jobs");
    if (node == null || node.isNull()) {
      fields.problem(node == null ? root.line() : node.line(), "jobs",
          "is required: a mapping of job ids to jobs, each with runs-on and steps");
      return jobs;
    }
    if (!node.isMap() || node.fields().isEmpty()) {
      fields.problem(node.line(), "jobs", node.isMap() ? "has no jobs: add at least one job with runs-on and steps"
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

  private WorkflowJob job(String id, YamlNode node, RunDefaults workflowDefaults) {
    String field = "jobs." + id;
    if (!YamlFields.ID.matcher(id).matches()) {
      fields.problem(node.line(), field, "'" + id + "' is not a valid job id: start with a letter or '_' and use letters, "
          + "digits, '-' and '_'");
    }
    if (!node.isMap()) {
      fields.problem(node.line(), field, "must be a mapping with runs-on and steps, not a " + node.kind());
      return null;
    }
    fields.unknownFields(node, field, JOB_FIELDS);
    boolean unsupported = false;
    for (String key : UNSUPPORTED_JOB_FIELDS) {
      if (node.get(key) != null) {
        unsupported = true;
        fields.problem(node.get(key).line(), field + "." + key, "is not supported by mloop's local runner"
            + (key.equals("uses") || key.equals("with") || key.equals("secrets") ? " (reusable workflows)" : "")
            + ": write the job's steps out");
      }
    }
    String runsOn = runsOn(node.get("runs-on"), field + ".runs-on");
    if (node.get("runs-on") == null && !unsupported) {
      fields.problem(node.line(), field + ".runs-on",
          "is required: the runner, e.g. runs-on: ubuntu-latest (mloop runs every job on this machine)");
    }
    YamlNode stepsNode = node.get("steps");
    List<Step> jobSteps = List.of();
    if ((stepsNode == null || stepsNode.isNull()) && !unsupported) {
      fields.problem(stepsNode == null ? node.line() : stepsNode.line(), field + ".steps",
          "is required: the list of steps, each with 'run' or 'uses'");
    } else if (stepsNode != null && !stepsNode.isNull()) {
      jobSteps = steps.read(stepsNode, field + ".steps");
    }
    RunDefaults defaults = workflowDefaults.under(fields, node.get("defaults"), field + ".defaults");
    return new WorkflowJob(
        id,
        fields.text(node, "name", field + ".name"),
        needs(node.get("needs"), field + ".needs"),
        fields.text(node, "if", field + ".if"),
        runsOn,
        environment(node.get("environment"), field + ".environment"),
        fields.stringMap(node.get("env"), field + ".env"),
        fields.stringMap(node.get("outputs"), field + ".outputs"),
        fields.minutes(node, field),
        fields.flag(node, field),
        defaults.shell(),
        defaults.workingDirectory(),
        jobSteps,
        new Location(shown, node.line()));
  }

  private List<String> needs(YamlNode node, String field) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    return fields.stringList(node, field);
  }

  /** Unknown jobs in {@code needs}, then cycles, each reported at the {@code needs} line. */
  private void checkNeeds(Map<String, WorkflowJob> jobs, Map<String, Integer> needsLines) {
    boolean unknown = false;
    for (WorkflowJob job : jobs.values()) {
      for (String need : job.needs()) {
        if (!jobs.containsKey(need)) {
          unknown = true;
          fields.problem(needsLines.get(job.id()), "jobs." + job.id() + ".needs", "'" + need + "' is not a job of this "
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
        fields.problem(needsLines.get(first), "jobs." + first + ".needs", "the jobs wait for each other in a cycle ("
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
      fields.unknownFields(node, field, List.of("group", "labels"));
      List<String> labels = node.get("labels") == null ? List.of() : fields.stringList(node.get("labels"), field + ".labels");
      return labels.isEmpty() ? fields.text(node, "group", field + ".group") : String.join(", ", labels);
    }
    return String.join(", ", fields.stringList(node, field));
  }

  /** A name, or {name, url} (the url is GitHub's link to the deployment; the local runner has no use for it). */
  private String environment(YamlNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isMap()) {
      fields.unknownFields(node, field, List.of("name", "url", "deployment"));
      String name = fields.text(node, "name", field + ".name");
      if (name == null || name.isBlank()) {
        fields.problem(node.line(), field + ".name", "is required: the GitHub environment, e.g. production");
      }
      return name;
    }
    String name = fields.text(node, field);
    if (name != null && name.isBlank()) {
      fields.problem(node.line(), field, "is empty: name the environment, e.g. production");
    }
    return name;
  }
}
