package org.mloop.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overrides of a parsed job spec (`mloop job create --set KEY=VALUE`). */
class JobSpecOverridesTest {
  @TempDir Path dir;
  JobSpec spec;

  @BeforeEach
  void parseProjectJob() {
    spec = JobSpecParser.parse(JobSpecParserTest.PROJECT_JOB.replace("code: .\n", ""), "model/job.yml", dir);
  }

  String setProblem(String assignment) {
    JobSpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(JobSpecException.class,
        () -> JobSpecOverrides.apply(spec, assignment));
    assertThat(e).as("a JobSpecException").isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void aLiteralInputKeepsItsType() {
    JobSpec changed = JobSpecOverrides.apply(spec, "inputs.reg_rate=0.1");

    assertThat(changed.inputs().get("reg_rate")).isEqualTo(new JobInput("number", null, "0.1", null));
    assertThat(changed.inputs().get("training_data")).isEqualTo(spec.inputs().get("training_data"));
    assertThat(setProblem("inputs.reg_rate=high"))
        .isEqualTo("--set inputs.reg_rate=high: inputs.reg_rate: 'high' is not a number");
  }

  @Test
  void aDataInputKeepsItsTypeAndTakesTheNewPath() {
    JobSpec changed = JobSpecOverrides.apply(spec, "inputs.training_data=mloop:diabetes-prod-folder@latest");

    assertThat(changed.inputs().get("training_data"))
        .isEqualTo(new JobInput("uri_folder", "mloop:diabetes-prod-folder@latest", null, null));
    assertThat(setProblem("inputs.training_data=mloop:x:0"))
        .startsWith("--set inputs.training_data=mloop:x:0: inputs.training_data: bad version '0'");
  }

  @Test
  void aDataInputCanTakeALocalPathThatMustExist() throws java.io.IOException {
    Path folder = java.nio.file.Files.createDirectories(dir.resolve("prod data"));

    assertThat(JobSpecOverrides.apply(spec, "inputs.training_data=" + folder).inputs().get("training_data"))
        .isEqualTo(new JobInput("uri_folder", folder.toString(), null, null));
    assertThat(setProblem("inputs.training_data=" + dir.resolve("missing")))
        .isEqualTo("--set inputs.training_data=" + dir.resolve("missing") + ": inputs.training_data: local path "
            + dir.resolve("missing") + " does not exist (relative paths start at the job file's folder)");
  }

  @Test
  void namesAndDescriptionsAndVariablesCanBeSet() {
    JobSpec changed = JobSpecOverrides.apply(spec, List.of(
        "experiment_name=diabetes-prod", "display_name=prod run", "description=with = sign",
        "environment.variables.SEED=7", "tags.team=ml", "name=run-42"));

    assertThat(changed.experimentName()).isEqualTo("diabetes-prod");
    assertThat(changed.displayName()).isEqualTo("prod run");
    assertThat(changed.description()).isEqualTo("with = sign");
    assertThat(changed.environment()).isEqualTo(new JobEnvironment("jvm-17", Map.of("SEED", "7")));
    assertThat(changed.tags()).isEqualTo(Map.of("team", "ml"));
    assertThat(changed.name()).isEqualTo("run-42");
    assertThat(spec.experimentName()).as("the original is unchanged").isEqualTo("diabetes-training");
  }

  @Test
  void unknownKeysAndInputsAreErrors() {
    assertThat(setProblem("compute=gpu")).isEqualTo("--set compute=gpu: 'compute' cannot be set: settable keys "
        + "are inputs.NAME, name, experiment_name, display_name, description, environment.variables.NAME, tags.KEY");
    assertThat(setProblem("inputs.reg_rte=0.1"))
        .isEqualTo("--set inputs.reg_rte=0.1: inputs.reg_rte: the job has no input 'reg_rte' (the job's inputs are "
            + "training_data, reg_rate); declare it in the job file first");
    assertThat(setProblem("reg_rate")).isEqualTo("--set reg_rate: use KEY=VALUE, e.g. --set inputs.reg_rate=0.1 "
        + "(keys: inputs.NAME, name, experiment_name, display_name, description, environment.variables.NAME, "
        + "tags.KEY)");
    assertThat(setProblem("environment.variables.MLFLOW_RUN_ID=x"))
        .isEqualTo("--set environment.variables.MLFLOW_RUN_ID=x: environment.variables.MLFLOW_RUN_ID: is set by "
            + "mloop for every job (MLOOP_* and MLFLOW_* are reserved): remove it");
    assertThat(setProblem("experiment_name=")).isEqualTo(
        "--set experiment_name=: experiment_name: is empty: give the experiment's name");
    assertThat(setProblem("name=a/b")).startsWith("--set name=a/b: name: bad job name 'a/b'");
  }
}
