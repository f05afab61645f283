package org.mloop.ci.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.ci.workflow.Location;
import org.mloop.ci.workflow.Step;
import org.mloop.ci.workflow.Triggers;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowJob;

/** Workflows written as code for the runner's tests, as the parser would produce them. */
final class TestWorkflows {
  static final Path FILE = Path.of(".github/workflows/test.yml");
  private static int line = 10;

  private TestWorkflows() {}

  static Workflow workflow(JobBuilder... jobs) {
    return workflow(Map.of(), jobs);
  }

  static Workflow workflow(Map<String, String> env, JobBuilder... jobs) {
    Map<String, WorkflowJob> map = new LinkedHashMap<>();
    for (JobBuilder job : jobs) {
      map.put(job.id, job.build());
    }
    Triggers on = new Triggers(Map.of("push", Map.of(), "workflow_dispatch", Map.of()), Map.of(), List.of());
    return new Workflow(FILE, "test", on, env, map);
  }

  static JobBuilder job(String id, StepBuilder... steps) {
    JobBuilder job = new JobBuilder(id);
    for (StepBuilder step : steps) {
      job.steps.add(step.build());
    }
    return job;
  }

  static StepBuilder run(String script) {
    StepBuilder step = new StepBuilder();
    step.run = script;
    return step;
  }

  static StepBuilder uses(String action) {
    StepBuilder step = new StepBuilder();
    step.uses = action;
    return step;
  }

  /** What jobs and steps both have: if, env, continue-on-error and timeout-minutes. */
  abstract static class Builder<B extends Builder<B>> {
    String ifCondition;
    Map<String, String> env = Map.of();
    String continueOnError;
    String timeout;

    abstract B self();

    B when(String condition) {
      ifCondition = condition;
      return self();
    }

    B env(Map<String, String> values) {
      env = values;
      return self();
    }

    B continueOnError() {
      continueOnError = "true";
      return self();
    }

    B timeoutMinutes(String minutes) {
      timeout = minutes;
      return self();
    }
  }

  static final class JobBuilder extends Builder<JobBuilder> {
    final String id;
    List<String> needs = List.of();
    String environment;
    Map<String, String> outputs = Map.of();
    final List<Step> steps = new java.util.ArrayList<>();

    JobBuilder(String id) {
      this.id = id;
    }

    @Override
    JobBuilder self() {
      return this;
    }

    JobBuilder needs(String... ids) {
      needs = List.of(ids);
      return this;
    }

    JobBuilder environment(String name) {
      environment = name;
      return this;
    }

    JobBuilder outputs(Map<String, String> values) {
      outputs = values;
      return this;
    }

    WorkflowJob build() {
      return new WorkflowJob(id, null, needs, ifCondition, "ubuntu-latest", environment, env, outputs, timeout, continueOnError,
          null, null, steps, new Location(FILE, line++));
    }
  }

  static final class StepBuilder extends Builder<StepBuilder> {
    String id;
    String name;
    String uses;
    Map<String, String> with = Map.of();
    String run;
    String shell;
    String workingDirectory;
    Integer at;

    @Override
    StepBuilder self() {
      return this;
    }

    StepBuilder at(int lineNumber) {
      at = lineNumber;
      return this;
    }

    StepBuilder id(String value) {
      id = value;
      return this;
    }

    StepBuilder name(String value) {
      name = value;
      return this;
    }

    StepBuilder with(Map<String, String> values) {
      with = values;
      return this;
    }

    StepBuilder shell(String value) {
      shell = value;
      return this;
    }

    StepBuilder workingDirectory(String value) {
      workingDirectory = value;
      return this;
    }

    Step build() {
      return new Step(id, name, ifCondition, uses, with, run, shell, workingDirectory, env, continueOnError, timeout,
          new Location(FILE, at != null ? at : line++));
    }
  }
}
