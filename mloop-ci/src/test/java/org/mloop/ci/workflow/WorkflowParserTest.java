package org.mloop.ci.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.ci.expr.ExpressionException;

class WorkflowParserTest {
  static final Path FILE = Path.of(".github/workflows/train-deploy.yml");

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
              required: false
              default: 0.01
              type: string
        schedule:
          - cron: '0 3 * * 1'
      env:
        MLOOP_WORKSPACE: ${{ secrets.MLOOP_WORKSPACE }}
        RETRIES: 3
        VERBOSE: true
      defaults:
        run:
          shell: bash
          working-directory: model
      jobs:
        experiment:
          runs-on: ubuntu-latest
          environment: development
          timeout-minutes: 30
          steps:
            - uses: actions/checkout@v4
            - name: Set up JDK
              uses: actions/setup-java@v4
              with:
                distribution: temurin
                java-version: 17
                cache: maven
            - name: Train
              id: train
              run: |
                mloop job create --file job.yml --stream \\
                  --set inputs.training_data=mloop:diabetes-dev-folder@latest
                echo "run_id=abc" >> "$GITHUB_OUTPUT"
              env:
                MLOOP_TOKEN: ${{ secrets.MLOOP_TOKEN }}
          outputs:
            run_id: ${{ steps.train.outputs.run_id }}
        production:
          name: Train on production data
          needs: experiment
          runs-on: [self-hosted, linux]
          environment:
            name: staging
            url: http://localhost:8080/staging
          if: ${{ github.ref == 'refs/heads/main' }}
          continue-on-error: false
          defaults:
            run:
              working-directory: .
          steps:
            - run: mloop model register --name diabetes
              continue-on-error: ${{ inputs.lenient == 'true' }}
              timeout-minutes: 5
              working-directory: model
              shell: sh
        promote:
          needs: [production, experiment]
          runs-on: ubuntu-latest
          environment: production
          if: success()
          steps:
            - run: echo promote
              if: always()
      """;

  static Workflow parse(String yaml) {
    return WorkflowParser.parse(yaml, FILE, ExpressionChecker.standard());
  }

  static String problem(String yaml) {
    try {
      parse(yaml);
    } catch (WorkflowException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a WorkflowException");
  }

  @Test
  void readsARealisticWorkflow() {
    Workflow w = parse(TRAIN_DEPLOY);
    assertThat(w.file()).isEqualTo(FILE);
    assertThat(w.displayName()).isEqualTo("Train and deploy");
    assertThat(w.env()).containsExactly(Map.entry("MLOOP_WORKSPACE", "${{ secrets.MLOOP_WORKSPACE }}"),
        Map.entry("RETRIES", "3"), Map.entry("VERBOSE", "true"));

    Triggers on = w.on();
    assertThat(on.events()).containsOnlyKeys("push", "workflow_dispatch", "schedule");
    assertThat(on.events().get("push")).containsExactly(
        Map.entry("branches", List.of("main")), Map.entry("paths", List.of("model/**")));
    assertThat(on.dispatchInputs().get("reg_rate"))
        .isEqualTo(new Triggers.DispatchInput("Regularization rate", false, "0.01", "string", List.of()));
    assertThat(on.schedules()).containsExactly("0 3 * * 1");

    assertThat(w.jobs()).containsOnlyKeys("experiment", "production", "promote");
    assertThat(List.copyOf(w.jobs().keySet())).containsExactly("experiment", "production", "promote");

    WorkflowJob experiment = w.jobs().get("experiment");
    assertThat(experiment.needs()).isEmpty();
    assertThat(experiment.runsOn()).isEqualTo("ubuntu-latest");
    assertThat(experiment.environment()).isEqualTo("development");
    assertThat(experiment.timeoutMinutes()).isEqualTo("30");
    assertThat(experiment.defaultShell()).isEqualTo("bash");
    assertThat(experiment.defaultWorkingDirectory()).isEqualTo("model");
    assertThat(experiment.outputs()).containsExactly(Map.entry("run_id", "${{ steps.train.outputs.run_id }}"));
    assertThat(experiment.location()).isEqualTo(new Location(FILE, 24));
    assertThat(experiment.steps()).hasSize(3);

    Step checkout = experiment.steps().get(0);
    assertThat(checkout.uses()).isEqualTo("actions/checkout@v4");
    assertThat(checkout.run()).isNull();
    assertThat(checkout.displayName()).isEqualTo("Run actions/checkout@v4");
    assertThat(checkout.location()).isEqualTo(new Location(FILE, 29));

    Step setup = experiment.steps().get(1);
    assertThat(setup.with()).containsExactly(Map.entry("distribution", "temurin"), Map.entry("java-version", "17"),
        Map.entry("cache", "maven"));

    Step train = experiment.steps().get(2);
    assertThat(train.id()).isEqualTo("train");
    assertThat(train.run()).isEqualTo("""
        mloop job create --file job.yml --stream \\
          --set inputs.training_data=mloop:diabetes-dev-folder@latest
        echo "run_id=abc" >> "$GITHUB_OUTPUT"
        """);
    assertThat(train.env()).containsExactly(Map.entry("MLOOP_TOKEN", "${{ secrets.MLOOP_TOKEN }}"));
    assertThat(train.shell()).as("step fields stay as written; defaults are the job's").isNull();

    WorkflowJob production = w.jobs().get("production");
    assertThat(production.displayName()).isEqualTo("Train on production data");
    assertThat(production.needs()).containsExactly("experiment");
    assertThat(production.runsOn()).isEqualTo("self-hosted, linux");
    assertThat(production.environment()).isEqualTo("staging");
    assertThat(production.ifCondition()).isEqualTo("${{ github.ref == 'refs/heads/main' }}");
    assertThat(production.continueOnError()).isEqualTo("false");
    assertThat(production.defaultShell()).as("inherited from the workflow").isEqualTo("bash");
    assertThat(production.defaultWorkingDirectory()).as("the job's own defaults win").isEqualTo(".");
    Step register = production.steps().get(0);
    assertThat(register.continueOnError()).isEqualTo("${{ inputs.lenient == 'true' }}");
    assertThat(register.timeoutMinutes()).isEqualTo("5");
    assertThat(register.workingDirectory()).isEqualTo("model");
    assertThat(register.shell()).isEqualTo("sh");

    WorkflowJob promote = w.jobs().get("promote");
    assertThat(promote.needs()).containsExactly("production", "experiment");
    assertThat(promote.ifCondition()).isEqualTo("success()");
    assertThat(promote.steps().get(0).ifCondition()).isEqualTo("always()");
  }

  @Nested
  class OnShapes {
    static final String JOBS = """
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: echo hi
        """;

    @Test
    void aSingleEventName() {
      assertThat(parse("on: push\n" + JOBS).on().events()).containsExactly(Map.entry("push", Map.of()));
    }

    @Test
    void aListOfEventNames() {
      assertThat(parse("on: [push, pull_request]\n" + JOBS).on().events()).containsOnlyKeys("push", "pull_request");
    }

    @Test
    void eventsWithoutFiltersAndFiltersAsOneValue() {
      Triggers on = parse("""
          on:
            workflow_dispatch:
            pull_request:
              branches: main
              paths-ignore: ['docs/**', '*.md']
          """ + JOBS).on();
      assertThat(on.events().get("workflow_dispatch")).isEmpty();
      assertThat(on.events().get("pull_request")).containsExactly(
          Map.entry("branches", List.of("main")), Map.entry("paths-ignore", List.of("docs/**", "*.md")));
    }

    @Test
    void yesAndOnStayWordsAsOnGitHub() {
      Step step = parse("""
          on: push
          jobs:
            build:
              runs-on: ubuntu-latest
              steps:
                - uses: some/action@v1
                  with: {confirm: yes, mode: on, strict: True}
          """).jobs().get("build").steps().get(0);
      assertThat(step.with()).containsExactly(Map.entry("confirm", "yes"), Map.entry("mode", "on"),
          Map.entry("strict", "true"));
    }

    @Test
    void booleanConditionsAndNumericTimeouts() {
      WorkflowJob job = parse("""
          on: push
          jobs:
            build:
              runs-on: ubuntu-latest
              if: false
              timeout-minutes: 2.5
              steps:
                - run: echo hi
          """).jobs().get("build");
      assertThat(job.ifCondition()).isEqualTo("false");
      assertThat(job.timeoutMinutes()).isEqualTo("2.5");
    }
  }

  @Nested
  class Refusals {
    @Test
    void anUnknownJobInNeeds() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: ubuntu-latest
              steps: [{run: make}]
            deploy:
              needs: [biuld]
              runs-on: ubuntu-latest
              steps: [{run: make deploy}]
          """)).isEqualTo(FILE + ":7: jobs.deploy.needs: 'biuld' is not a job of this workflow (did you mean "
          + "'build'?); its jobs are build, deploy");
    }

    @Test
    void aCycleInNeeds() {
      WorkflowException e = catchWorkflow("""
          on: push
          jobs:
            a:
              needs: c
              runs-on: x
              steps: [{run: a}]
            b:
              needs: a
              runs-on: x
              steps: [{run: b}]
            c:
              needs: b
              runs-on: x
              steps: [{run: c}]
          """);
      assertThat(e.location()).isEqualTo(new Location(FILE, 4));
      assertThat(e.getMessage()).isEqualTo(FILE + ":4: jobs.a.needs: the jobs wait for each other in a cycle "
          + "(a needs c needs b needs a): remove one of these needs");
    }

    @Test
    void aStepWithBothRunAndUses() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: x
              steps:
                - uses: actions/checkout@v4
                  run: make
          """)).isEqualTo(FILE + ":7: jobs.build.steps[0].run: and 'uses' are both given: a step either runs a "
          + "script (run) or an action (uses); split it in two");
    }

    @Test
    void aStepWithNeitherRunNorUses() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: x
              steps:
                - run: make
                - name: Forgot the command
          """)).isEqualTo(FILE + ":7: jobs.build.steps[1]: has neither 'run' nor 'uses': give the script to run or "
          + "the action to use");
    }

    @Test
    void missingJobsRunsOnAndSteps() {
      assertThat(problem("name: x\non: push\n")).isEqualTo(FILE + ":1: jobs: is required: a mapping of job ids to "
          + "jobs, each with runs-on and steps");
      assertThat(problem("""
          on: push
          jobs:
            build:
              steps: [{run: make}]
          """)).isEqualTo(FILE + ":3: jobs.build.runs-on: is required: the runner, e.g. runs-on: ubuntu-latest "
          + "(mloop runs every job on this machine)");
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: ubuntu-latest
          """)).isEqualTo(FILE + ":3: jobs.build.steps: is required: the list of steps, each with 'run' or 'uses'");
    }

    @Test
    void timeoutsAreMinutesAndContinueOnErrorIsAFlag() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: x
              timeout-minutes: soon
              steps:
                - run: make
                  continue-on-error: maybe
                - run: make again
                  timeout-minutes: ${{ inputs.minutes }}
                  continue-on-error: ${{ github.ref != 'refs/heads/main' }}
          """).lines()).containsExactly(
          FILE + ":5: jobs.build.timeout-minutes: 'soon' is not a number of minutes: write a positive number such "
              + "as 30, or an expression",
          FILE + ":8: jobs.build.steps[0].continue-on-error: 'maybe' is not true or false: write true, false, or "
              + "an expression");
    }

    @Test
    void duplicateStepIds() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: x
              steps:
                - id: train
                  run: a
                - id: train
                  run: b
          """)).isEqualTo(FILE + ":8: jobs.build.steps[1].id: 'train' is already the id of the step on line 6: "
          + "step ids are unique within a job");
    }

    @Test
    void invalidYaml() {
      assertThat(problem("on: push\njobs:\n  build: [\n")).isEqualTo(FILE + ":3: invalid YAML: while parsing a flow "
          + "node: expected the node content, but found '<stream end>' (at the end of the text)");
      assertThat(problem("on: push\njobs:\n  build:\n    runs-on: x\n   steps: []\n")).isEqualTo(FILE + ":5: invalid "
          + "YAML: while parsing a block mapping (line 3, column 3): expected <block end>, but found "
          + "'<block mapping start>' (column 4)");
    }

    @Test
    void duplicateKeys() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: x
              runs-on: y
              steps: [{run: a}]
          """)).isEqualTo(FILE + ":5: jobs.build.runs-on: appears twice (first on line 4): keep one");
    }

    @Test
    void unknownFieldsWithASuggestion() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs_on: x
              runs-on: x
              steps: [{run: a}]
          """)).startsWith(FILE + ":4: jobs.build.runs_on: is not a known field (did you mean 'runs-on'?); known");
    }

    @Test
    void jobFeaturesTheLocalRunnerLacks() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: x
              strategy: {matrix: {java: [17, 21]}}
              steps: [{run: a}]
          """)).isEqualTo(FILE + ":5: jobs.build.strategy: is not supported by mloop's local runner: write the "
          + "job's steps out");
    }

    @Test
    void unknownEventsAndConflictingFilters() {
      String message = problem("""
          on:
            pushh:
            pull_request:
              branches: [main]
              branches-ignore: [wip]
          jobs:
            build:
              runs-on: x
              steps: [{run: a}]
          """);
      assertThat(message.lines()).containsExactly(
          FILE + ":2: on.pushh: 'pushh' is not a GitHub Actions event (did you mean 'push'?); mloop runs push, "
              + "pull_request, workflow_dispatch and schedule",
          FILE + ":5: on.pull_request.branches-ignore: cannot be used with 'branches' for the same event: keep "
              + "'branches' and exclude with '!pattern' entries");
    }

    @Test
    void invalidExpressionsAreReportedAtTheirOwnLine() {
      assertThat(problem("""
          on: push
          jobs:
            build:
              runs-on: x
              if: github.ref == 'refs/heads/main' &&
              steps:
                - run: |
                    echo one
                    echo ${{ github.sha
                - run: echo ${{ toJSON(github) }} ${{ nope(1) }}
                  if: secret.TOKEN != ''
          """).lines()).satisfiesExactly(
          line -> assertThat(line).startsWith(FILE + ":5: jobs.build.if: Unexpected end of expression"),
          line -> assertThat(line).as("the line inside the script")
              .startsWith(FILE + ":9: jobs.build.steps[0].run: The expression opened at '${{ github.sha'"),
          line -> assertThat(line).startsWith(FILE + ":10: jobs.build.steps[1].run: Unknown function 'nope'"),
          line -> assertThat(line).startsWith(FILE + ":11: jobs.build.steps[1].if: Unknown context 'secret'"));
    }

    @Test
    void theExpressionCheckerIsPluggable() {
      ExpressionChecker strict = new ExpressionChecker() {
        @Override
        public void check(String text) {
          if (text.contains("bogus(")) {
            throw new ExpressionException("'bogus' is not a function");
          }
        }

        @Override
        public void checkCondition(String condition) {
          throw new ExpressionException("'" + condition + "' refused");
        }
      };
      WorkflowException e = org.junit.jupiter.api.Assertions.assertThrows(WorkflowException.class, () ->
          WorkflowParser.parse("""
              on: push
              jobs:
                build:
                  runs-on: x
                  if: github.actor == 'me'
                  steps:
                    - run: echo ${{ bogus(1) }}
              """, FILE, strict));
      assertThat(e.getMessage().lines()).containsExactly(
          FILE + ":5: jobs.build.if: 'github.actor == 'me'' refused",
          FILE + ":7: jobs.build.steps[0].run: 'bogus' is not a function");
    }

    private WorkflowException catchWorkflow(String yaml) {
      return org.junit.jupiter.api.Assertions.assertThrows(WorkflowException.class, () -> parse(yaml));
    }
  }

  @Nested
  class Files_ {
    @TempDir
    Path repo;

    @Test
    void parseAllReadsYmlAndYamlFilesByName(@TempDir Path tmp) throws IOException {
      Path dir = Files.createDirectories(repo.resolve(".github/workflows"));
      Files.writeString(dir.resolve("train-deploy.yml"), TRAIN_DEPLOY);
      Files.writeString(dir.resolve("code-checks.yaml"), "on: pull_request\n" + OnShapes.JOBS);
      Files.writeString(dir.resolve("notes.txt"), "not a workflow");
      List<Workflow> all = WorkflowParser.parseAll(repo);
      assertThat(all).extracting(w -> w.file().getFileName().toString())
          .containsExactly("code-checks.yaml", "train-deploy.yml");
      assertThat(all.get(1).jobs().get("experiment").location())
          .isEqualTo(new Location(Path.of(".github/workflows/train-deploy.yml"), 24));
      assertThat(WorkflowParser.parseAll(tmp)).as("no workflows folder").isEmpty();
    }

    @Test
    void errorsNameTheFileRelativeToTheRepository() throws IOException {
      Path dir = Files.createDirectories(repo.resolve(".github/workflows"));
      Files.writeString(dir.resolve("broken.yml"), "on: push\n");
      assertThatThrownBy(() -> WorkflowParser.parseAll(repo))
          .isInstanceOf(WorkflowException.class)
          .hasMessage(".github/workflows/broken.yml:1: jobs: is required: a mapping of job ids to jobs, each with "
              + "runs-on and steps");
    }

    @Test
    void aMissingFileIsNamed() {
      Path missing = repo.resolve("nope.yml");
      assertThatThrownBy(() -> WorkflowParser.parse(missing))
          .hasMessage(missing + ": no such file: workflows live in .github/workflows");
    }
  }
}
