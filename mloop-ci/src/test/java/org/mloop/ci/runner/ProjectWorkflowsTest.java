package org.mloop.ci.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowParser;

/** The project's own workflow files pass the runner's checks with the built-in actions' names. */
class ProjectWorkflowsTest {
  @TempDir Path home;

  /** The repository this module is in; the tests are skipped where its .github/workflows is not beside it. */
  static Path projectRoot() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isDirectory(root.resolve(".github/workflows")),
        "no .github/workflows beside the module");
    return root;
  }

  @Test
  void theProjectsWorkflowsUseOnlyWhatTheLocalRunnerSupports() {
    Path root = projectRoot();
    List<Workflow> workflows = WorkflowParser.parseAll(root);
    Action noop = context -> {};
    ActionRegistry builtins = ActionRegistry.of(Map.of("actions/checkout", noop, "actions/setup-java", noop,
        "actions/cache", noop, "actions/upload-artifact", noop, "actions/download-artifact", noop));
    WorkflowRunner runner = new WorkflowRunner(new CiRuns(home), root, builtins, RunListener.none());

    assertThat(workflows).isNotEmpty();
    for (Workflow workflow : workflows) {
      runner.check(workflow);
    }
    Event push = new Event("push", "refs/heads/main", "a", "b", List.of("model/src/main/java/diabetes/Train.java"),
        Map.of());
    assertThat(WorkflowSelection.triggered(workflows, push)).extracting(Workflow::displayName)
        .containsExactly("Train and deploy");
  }

  @Test
  void theMonitorWorkflowRunsOnItsScheduleAndByHandAndNothingElseRunsOnASchedule() {
    List<Workflow> workflows = WorkflowParser.parseAll(projectRoot());
    Event schedule = new Event("schedule", "refs/heads/main", null, "b", List.of(), Map.of());
    Event dispatch = new Event("workflow_dispatch", "refs/heads/main", null, "b", List.of(), Map.of());

    assertThat(WorkflowSelection.triggered(workflows, schedule)).extracting(Workflow::displayName)
        .containsExactly("Monitor production");
    assertThat(WorkflowSelection.triggered(workflows, dispatch)).extracting(Workflow::displayName)
        .contains("Monitor production", "Train and deploy");
    Workflow monitor = workflows.stream().filter(w -> w.file().endsWith("monitor.yml")).findFirst().orElseThrow();
    assertThat(monitor.on().schedules()).isNotEmpty();
  }
}
