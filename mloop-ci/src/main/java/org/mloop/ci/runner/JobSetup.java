package org.mloop.ci.runner;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowJob;

/**
 * One job of a run, as its {@link JobExecution} starts: the workflow and event, the run's settings
 * and number, the job with its environment (null for none), the {@code needs} and {@code inputs}
 * contexts, how to ask whether the run was cancelled and where to publish the job's step records.
 */
record JobSetup(Workflow workflow, Event event, RunnerSettings settings, int runNumber, WorkflowJob job,
    String environment, Map<String, Object> needs, Map<String, Object> inputs, BooleanSupplier cancelled,
    Consumer<UnaryOperator<JobRecord>> publish) {

  JobSetup {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(publish, "publish");
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link JobSetup} field by field; every field but the environment is required. */
  static final class Builder {
    private Workflow workflow;
    private Event event;
    private RunnerSettings settings;
    private int runNumber;
    private WorkflowJob job;
    private String environment;
    private Map<String, Object> needs = Map.of();
    private Map<String, Object> inputs = Map.of();
    private BooleanSupplier cancelled = () -> false;
    private Consumer<UnaryOperator<JobRecord>> publish;

    private Builder() {}

    Builder workflow(Workflow workflow, Event event, RunnerSettings settings) {
      this.workflow = workflow;
      this.event = event;
      this.settings = settings;
      return this;
    }

    Builder run(int runNumber, BooleanSupplier cancelled) {
      this.runNumber = runNumber;
      this.cancelled = cancelled;
      return this;
    }

    Builder job(WorkflowJob job, String environment) {
      this.job = job;
      this.environment = environment;
      return this;
    }

    Builder contexts(Map<String, Object> needs, Map<String, Object> inputs) {
      this.needs = needs;
      this.inputs = inputs;
      return this;
    }

    Builder publish(Consumer<UnaryOperator<JobRecord>> publish) {
      this.publish = publish;
      return this;
    }

    JobSetup build() {
      return new JobSetup(workflow, event, settings, runNumber, job, environment, needs, inputs, cancelled, publish);
    }
  }
}
