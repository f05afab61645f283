package org.mloop.ci.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowException;
import org.mloop.ci.workflow.WorkflowParser;

/** Workflow files as people write them, read by the parser, chosen by their triggers and run. */
@Timeout(60)
class WorkflowFileRunTest {
  @TempDir Path repo;
  @TempDir Path home;

  static final String TRAIN_DEPLOY = """
      name: Train and deploy
      on:
        push:
          branches: [main]
          paths: ['model/**']
        workflow_dispatch:
          inputs:
            reg_rate:
              description: Regularization rate
              default: '0.01'
      env:
        EXPERIMENT: diabetes-training
      jobs:
        experiment:
          runs-on: ubuntu-latest
          environment: development
          steps:
            - uses: actions/checkout@v4
            - name: Train on ${{ github.ref_name }}
              id: train
              run: |
                echo "training $EXPERIMENT with ${{ inputs.reg_rate || '0.01' }} on ${{ secrets.MLOOP_WORKSPACE }}"
                echo "auc=0.85" >> "$GITHUB_OUTPUT"
          outputs:
            auc: ${{ steps.train.outputs.auc }}
        promote:
          needs: experiment
          if: ${{ needs.experiment.outputs.auc > 0.8 }}
          runs-on: ubuntu-latest
          environment:
            name: production
          steps:
            - run: echo "promoting auc ${{ needs.experiment.outputs.auc }} to ${{ vars.ENDPOINT }}"
            - if: ${{ failure() }}
              run: echo "rollback"
      """;

  static final String CODE_CHECKS = """
      name: Code checks
      on:
        pull_request:
          branches: [main]
      jobs:
        lint:
          name: Linting
          runs-on: ubuntu-latest
          steps:
            - run: echo lint
      """;

  void write(String name, String yaml) throws Exception {
    Path dir = repo.resolve(".github/workflows");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name), yaml);
  }

  /** The repository's workflows: train-deploy.yml and code-checks.yml, as the parser reads them. */
  List<Workflow> trainDeployAndCodeChecks() throws Exception {
    write("train-deploy.yml", TRAIN_DEPLOY);
    write("code-checks.yml", CODE_CHECKS);
    return WorkflowParser.parseAll(repo);
  }

  @Test
  void aPushToModelCodeRunsTheTrainingWorkflowThroughItsProtectedEnvironment() throws Exception {
    List<Workflow> workflows = trainDeployAndCodeChecks();
    Event push = new Event("push", "refs/heads/main", "aaa111", "bbb222", List.of("model/src/Train.java"), Map.of());

    List<Workflow> triggered = WorkflowSelection.triggered(workflows, push);
    assertThat(triggered).extracting(Workflow::displayName).containsExactly("Train and deploy");

    RunnerSettings settings = new RunnerSettings(Map.of(), Map.of(), false, Map.of(
        "development", new RunnerSettings.EnvironmentSettings(false, false,
            Map.of("MLOOP_WORKSPACE", "http://localhost:9999"), Map.of()),
        "production", new RunnerSettings.EnvironmentSettings(true, true, Map.of(),
            Map.of("ENDPOINT", "diabetes-prod"))));
    ActionRegistry actions = ActionRegistry.of(Map.of("actions/checkout",
        context -> context.log("checked out " + context.event().after())));
    List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
    WorkflowRunner runner = new WorkflowRunner(new CiRuns(home), repo, actions,
        (run, job, line) -> printed.add(job + "| " + line));

    RunRecord run = runner.run(triggered.get(0), push, settings);

    assertThat(run.conclusion()).as(run.error()).isEqualTo(Conclusion.SUCCESS);
    assertThat(printed).contains("experiment| checked out bbb222", "experiment| ▶ Train on main",
        "experiment| training diabetes-training with 0.01 on ***",
        "promote| promoting auc 0.85 to diabetes-prod");
    assertThat(run.job("promote").steps()).extracting(StepRecord::conclusion)
        .containsExactly(Conclusion.SUCCESS, Conclusion.SKIPPED);
    assertThat(run.approvals()).extracting(ApprovalRecord::environment, ApprovalRecord::decision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("production", "auto-approved"));
    assertThat(run.workflowFile()).endsWith("train-deploy.yml");
  }

  @Test
  void aPushOutsideTheModelFolderOrAPullRequestChoosesOtherWorkflows() throws Exception {
    List<Workflow> workflows = trainDeployAndCodeChecks();

    Event docsPush = new Event("push", "refs/heads/main", "aaa", "bbb", List.of("README.md"), Map.of());
    Event pullRequest = new Event("pull_request", "refs/heads/main", "aaa", "bbb", List.of("model/x"), Map.of());

    assertThat(WorkflowSelection.triggered(workflows, docsPush)).isEmpty();
    assertThat(WorkflowSelection.triggered(workflows, pullRequest)).extracting(Workflow::displayName)
        .containsExactly("Code checks");
  }

  @Test
  void anUnsupportedActionIsReportedWithTheLineOfTheFile() throws Exception {
    write("deploy.yml", """
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: echo first
              - uses: azure/login@v2
        """);
    Workflow workflow = WorkflowParser.parseAll(repo).get(0);
    WorkflowRunner runner = new WorkflowRunner(new CiRuns(home), repo,
        ActionRegistry.of(Map.of("actions/checkout", c -> {})), RunListener.none());
    Event push = new Event("push", "refs/heads/main", "aaa", "bbb", List.of(), Map.of());

    assertThatThrownBy(() -> runner.run(workflow, push, RunnerSettings.empty()))
        .isInstanceOf(WorkflowException.class)
        .hasMessageMatching("(?s).*deploy\\.yml:7: action 'azure/login@v2' is not supported by the local runner; "
            + "supported: actions/checkout");
  }
}
