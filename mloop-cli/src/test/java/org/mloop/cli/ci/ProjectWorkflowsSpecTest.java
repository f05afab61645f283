package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.actions.BuiltinActions;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.RunListener;
import org.mloop.ci.runner.WorkflowRunner;
import org.mloop.ci.workflow.Step;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowParser;

/** The project's own .github/workflows run on the local runner: they parse and use only built-in actions. */
class ProjectWorkflowsSpecTest {
  static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path home;

  @Test
  void everyProjectWorkflowPassesTheLocalRunnersChecks() {
    List<Workflow> workflows = WorkflowParser.parseAll(PROJECT);
    WorkflowRunner runner = new WorkflowRunner(new CiRuns(home), PROJECT, BuiltinActions.registry(), RunListener.none());

    assertThat(workflows).extracting(w -> w.file().getFileName().toString())
        .contains("code-checks.yml", "train-deploy.yml", "rollback.yml", "monitor.yml");
    for (Workflow workflow : workflows) {
      runner.check(workflow);
    }
    assertThat(workflows.stream().flatMap(w -> w.jobs().values().stream()).flatMap(j -> j.steps().stream())
        .map(Step::uses).filter(u -> u != null)).contains("actions/checkout@v4", "actions/setup-java@v4");
  }
}
