package org.mloop.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

class JobSpecParserTest {
  static final String PROJECT_JOB = """
      type: command
      code: .
      command: >-
        java -jar target/diabetes-model.jar
        --training_data ${{inputs.training_data}}
        --reg_rate ${{inputs.reg_rate}}
        --model_output ${{outputs.model_output}}
      inputs:
        training_data:
          type: uri_folder
          path: mloop:diabetes-dev-folder@latest
        reg_rate: 0.01
      outputs:
        model_output:
          type: uri_folder
      environment:
        name: jvm-17
      compute: local
      experiment_name: diabetes-training
      display_name: diabetes-logistic-regression
      description: Train a logistic regression classifier on the diabetes data.
      """;

  @TempDir Path dir;

  JobSpec parse(String yaml) {
    return JobSpecParser.parse(yaml, "model/job.yml", dir);
  }

  /** The single problem reported for {@code yaml}. */
  String problem(String yaml) {
    JobSpecException e = (JobSpecException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(yaml));
    assertThat(e).as("a JobSpecException").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  static String minimal(String extra) {
    return "command: echo hi\nenvironment: jvm-17\n" + extra;
  }

  @Test
  void parsesTheProjectsJobFile() throws IOException {
    Path file = dir.resolve("job.yml");
    Files.writeString(file, PROJECT_JOB);

    JobSpec spec = JobSpecParser.parse(file);

    assertThat(spec.code()).isEqualTo(".");
    assertThat(JobSpecParser.codeDirectory(file, spec)).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(spec.command()).isEqualTo("java -jar target/diabetes-model.jar"
        + " --training_data ${{inputs.training_data}} --reg_rate ${{inputs.reg_rate}}"
        + " --model_output ${{outputs.model_output}}");
    assertThat(spec.inputs()).containsExactly(
        Map.entry("training_data", new JobInput("uri_folder", "mloop:diabetes-dev-folder@latest", null, null)),
        Map.entry("reg_rate", new JobInput("number", null, "0.01", null)));
    assertThat(spec.outputs()).containsExactly(Map.entry("model_output", new JobOutput("uri_folder", null)));
    assertThat(spec.environment()).isEqualTo(new JobEnvironment("jvm-17", Map.of()));
    assertThat(spec.compute()).isEqualTo("local");
    assertThat(spec.experimentName()).isEqualTo("diabetes-training");
    assertThat(spec.displayName()).isEqualTo("diabetes-logistic-regression");
    assertThat(spec.description()).isEqualTo("Train a logistic regression classifier on the diabetes data.");
    assertThat(spec.name()).isNull();
    assertThat(spec.tags()).isEmpty();
  }

  @Test
  void computeNamesATargetTheWorkspaceChecksWhenTheJobIsSubmitted() {
    assertThat(parse(minimal("compute: spark-cluster\n")).compute())
        .as("kept as written: which targets exist is known where the job is submitted").isEqualTo("spark-cluster");
    assertThat(problem(minimal("compute: cpu cluster\n")))
        .isEqualTo("model/job.yml:3: compute: bad compute target name 'cpu cluster': use letters, digits, '.', '-'"
            + " and '_', starting with a letter or digit");
    assertThat(problem(minimal("compute: {name: local}\n")))
        .isEqualTo("model/job.yml:3: compute: must be a single value, not a mapping");
  }

  @Test
  void codeIsOptionalAndComputeDefaultsToLocal() {
    JobSpec spec = parse(minimal(""));

    assertThat(spec.code()).isNull();
    assertThat(JobSpecParser.codeDirectory(dir.resolve("job.yml"), spec)).isNull();
    assertThat(spec.compute()).isEqualTo("local");
    assertThat(spec.inputs()).isEmpty();
    assertThat(spec.outputs()).isEmpty();
  }

  /**
   * Job files are bounded: a huge file is refused before it is read (the YAML scanner took 4.8 s and
   * a gigabyte of heap on a 3 MB string), a huge value names its field, deep nesting names the limit.
   */
  @Nested
  class Bounds {
    @Test
    void aFileOverTheLimitIsRefusedNamingItsSizeAndTheLimit() throws IOException {
      Path file = dir.resolve("job.yml");
      Files.writeString(file, minimal("description: " + "x".repeat(3 * 1024 * 1024) + "\n"));

      assertThatThrownBy(() -> JobSpecParser.parse(file))
          .isInstanceOf(MloopException.class)
          .hasMessage(file + ": is 3145779 bytes, over the limit of 1048576 bytes for a YAML file");
    }

    @Test
    void aFileOverTheLimitIsNeverRead() throws IOException {
      // 3 GB without a byte on disk: reading it whole would fail with OutOfMemoryError, not this refusal.
      Path file = dir.resolve("huge.yml");
      try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
        sparse.setLength(3L * 1024 * 1024 * 1024);
      }

      assertThatThrownBy(() -> JobSpecParser.parse(file))
          .isInstanceOf(MloopException.class)
          .hasMessage(file + ": is 3221225472 bytes, over the limit of 1048576 bytes for a YAML file");
    }

    @Test
    void textOverTheLimitIsRefusedUnparsed() {
      assertThat(problem(minimal("description: " + "x".repeat(1024 * 1024) + "\n")))
          .isEqualTo("model/job.yml: is 1048627 characters long, over the limit of 1048576 for a YAML file");
    }

    @Test
    void aLineOverTheLimitIsRefusedUnparsedNamingItsLineAndField() {
      assertThat(problem(minimal("description: " + "x".repeat(1_000_000) + "\n")))
          .isEqualTo("model/job.yml:3: description: is on a line of 1000013 characters, over the limit of 66560 for"
              + " one line (65536 for one value)");
      assertThat(problem(minimal("inputs:\n  - " + "x".repeat(70_000) + "\n")))
          .isEqualTo("model/job.yml:4: is on a line of 70004 characters, over the limit of 66560 for one line"
              + " (65536 for one value)");
    }

    @Test
    void aValueOverTheLimitIsNamedWithItsFieldAndTheLimit() {
      assertThat(problem(minimal("inputs:\n  rate: |\n" + "    0.1\n".repeat(20_000))))
          .isEqualTo("model/job.yml:4: inputs.rate: is 80000 characters long, over the limit of 65536 for one value");
      assertThat(problem(minimal("description: \"" + "x".repeat(66_000) + "\"\n")))
          .isEqualTo("model/job.yml:3: description: is 66000 characters long, over the limit of 65536 for one value");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedNamingTheLimit() {
      assertThat(problem(minimal("tags: " + "{a: ".repeat(120) + "1" + "}".repeat(120) + "\n")))
          .isEqualTo("model/job.yml:3: is refused: it nests objects and lists more than 100 levels deep (the limit)");
    }

    @Test
    void aLongValueIsAbbreviatedInMessages() {
      assertThat(problem(minimal("type: " + "t".repeat(5000) + "\n")))
          .isEqualTo("model/job.yml:3: type: '" + "t".repeat(61) + "...' (5000 characters) is not supported: mloop runs"
              + " command jobs (type: command)");
    }
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> JobSpecParser.parse(dir.resolve("nope.yml")))
        .isInstanceOf(MloopException.class)
        .hasMessageContaining("nope.yml: no such file");
  }

  @Nested
  class LiteralInputs {
    @Test
    void shorthandTakesItsTypeFromYaml() {
      JobSpec spec = parse(minimal("""
          inputs:
            rate: 0.01
            epochs: 10
            verbose: True
            quoted: "0.5"
            label: Diabetic
            tiny: 1e-3
          """));

      assertThat(spec.inputs()).containsExactly(
          Map.entry("rate", new JobInput("number", null, "0.01", null)),
          Map.entry("epochs", new JobInput("integer", null, "10", null)),
          Map.entry("verbose", new JobInput("boolean", null, "true", null)),
          Map.entry("quoted", new JobInput("string", null, "0.5", null)),
          Map.entry("label", new JobInput("string", null, "Diabetic", null)),
          Map.entry("tiny", new JobInput("number", null, "1e-3", null)));
    }

    @Test
    void longFormTakesDefaultOrValue() {
      JobSpec spec = parse(minimal("""
          inputs:
            rate: {type: number, default: 0.01, description: regularisation}
            epochs:
              type: integer
              value: 10
            name:
              value: hello
          """));

      assertThat(spec.inputs()).containsExactly(
          Map.entry("rate", new JobInput("number", null, "0.01", "regularisation")),
          Map.entry("epochs", new JobInput("integer", null, "10", null)),
          Map.entry("name", new JobInput("string", null, "hello", null)));
    }

    @Test
    void aValueMustFitItsType() {
      assertThat(problem(minimal("inputs:\n  epochs: {type: integer, default: 0.5}\n")))
          .isEqualTo("model/job.yml:4: inputs.epochs.default: '0.5' is not an integer");
      assertThat(problem(minimal("inputs:\n  rate: {type: number, value: fast}\n")))
          .isEqualTo("model/job.yml:4: inputs.rate.value: 'fast' is not a number");
      assertThat(problem(minimal("inputs:\n  on: {type: boolean, value: maybe}\n")))
          .isEqualTo("model/job.yml:4: inputs.on.value: 'maybe' is not a boolean (true or false)");
    }

    @Test
    void valueAndDefaultTogetherAreAnError() {
      assertThat(problem(minimal("inputs:\n  rate: {type: number, value: 1, default: 2}\n")))
          .isEqualTo("model/job.yml:4: inputs.rate.value: and 'default' are both given: keep one");
    }

    @Test
    void aLiteralNeedsAValueAndNoPath() {
      assertThat(problem(minimal("inputs:\n  rate: {type: number}\n")))
          .isEqualTo("model/job.yml:4: inputs.rate.default: is required for a number input");
      assertThat(problem(minimal("inputs:\n  rate: {type: number, value: 1, path: x}\n")))
          .isEqualTo("model/job.yml:4: inputs.rate.path: is for data inputs: a number input takes 'value' or 'default'");
      assertThat(problem(minimal("inputs:\n  rate:\n")))
          .startsWith("model/job.yml:4: inputs.rate: has no value: write a literal (reg_rate: 0.01)");
      assertThat(problem(minimal("inputs:\n  rate: [1, 2]\n")))
          .isEqualTo("model/job.yml:4: inputs.rate: must be a literal value or a mapping with type and path, not a list");
    }

    @Test
    void aLongFormWithoutTypePathOrValueIsAnError() {
      assertThat(problem(minimal("inputs:\n  rate: {description: x}\n")))
          .isEqualTo("model/job.yml:4: inputs.rate: needs a type (uri_folder, uri_file, string, number, integer, "
              + "boolean) with a path or a value");
    }
  }

  @Nested
  class DataInputs {
    @Test
    void anUnknownTypeNamesTheFileLineFieldAndTheKnownTypes() {
      String yaml = minimal("""
          inputs:
            training_data:
              type: uri_fodler
              path: mloop:diabetes-dev-folder@latest
          """);

      assertThat(problem(yaml)).isEqualTo("model/job.yml:5: inputs.training_data.type: 'uri_fodler' is not one of "
          + "uri_folder, uri_file, string, number, integer, boolean");
    }

    @Test
    void assetReferencesAreCheckedAndKeptAsWritten() {
      JobSpec spec = parse(minimal("""
          inputs:
            a: {type: uri_folder, path: "mloop:diabetes-dev-folder:3"}
            b: {path: mloop:diabetes-dev-folder@latest}
            c: {type: uri_file, path: mloop:one-file@latest}
          """));

      assertThat(spec.inputs().get("a")).isEqualTo(new JobInput("uri_folder", "mloop:diabetes-dev-folder:3", null, null));
      assertThat(spec.inputs().get("b").type()).as("Azure ML's default input type").isEqualTo("uri_folder");
      assertThat(spec.inputs().get("c").type()).isEqualTo("uri_file");
      assertThat(problem(minimal("inputs:\n  a: {type: uri_folder, path: \"mloop:data:x\"}\n")))
          .startsWith("model/job.yml:4: inputs.a.path: bad version 'x' in data asset reference 'mloop:data:x'");
      assertThat(problem(minimal("inputs:\n  a: {type: uri_folder, path: \"azureml:data:1\"}\n")))
          .isEqualTo("model/job.yml:4: inputs.a.path: 'azureml:data:1' is an Azure ML reference: use "
              + "mloop:NAME@latest or mloop:NAME:VERSION");
      assertThat(problem(minimal("inputs:\n  a: {type: uri_folder, path: \"https://x/y\"}\n")))
          .startsWith("model/job.yml:4: inputs.a.path: 'https://x/y' is not supported");
    }

    @Test
    void localPathsAreResolvedAgainstTheJobFileAndMustExist() throws IOException {
      Files.createDirectories(dir.resolve("data/dev"));
      Files.writeString(dir.resolve("data/one.csv"), "a\n");

      JobSpec spec = parse(minimal("""
          inputs:
            folder: {type: uri_folder, path: data/dev}
            file: {type: uri_file, path: ./data/one.csv}
          """));

      assertThat(spec.inputs().get("folder").path()).isEqualTo(dir.resolve("data/dev").toString());
      assertThat(spec.inputs().get("file").path()).isEqualTo(dir.resolve("data/one.csv").toString());
      assertThat(problem(minimal("inputs:\n  a: {type: uri_folder, path: data/missing}\n")))
          .isEqualTo("model/job.yml:4: inputs.a.path: local path " + dir.resolve("data/missing")
              + " does not exist (relative paths start at the job file's folder)");
      assertThat(problem(minimal("inputs:\n  a: {type: uri_folder, path: data/one.csv}\n")))
          .isEqualTo("model/job.yml:4: inputs.a.path: local path " + dir.resolve("data/one.csv")
              + " is a file but the input is a uri_folder");
    }

    @Test
    void aDataInputNeedsAPathAndNoValue() {
      assertThat(problem(minimal("inputs:\n  a: {type: uri_folder}\n")))
          .isEqualTo("model/job.yml:4: inputs.a.path: is required for a uri_folder input: mloop:NAME@latest, "
              + "mloop:NAME:VERSION or a local path");
      assertThat(problem(minimal("inputs:\n  a: {type: uri_file, path: mloop:x@latest, value: 3}\n")))
          .isEqualTo("model/job.yml:4: inputs.a.value: is for literal inputs: a uri_file input takes 'path'");
    }

    @Test
    void unknownInputFieldsAndBadNamesAreErrors() {
      assertThat(problem(minimal("inputs:\n  a: {type: uri_folder, path: mloop:x@latest, mode: ro_mount}\n")))
          .isEqualTo("model/job.yml:4: inputs.a.mode: is not a known field; known fields: type, path, default, "
              + "value, description");
      assertThat(problem(minimal("inputs:\n  2fast: 1\n")))
          .isEqualTo("model/job.yml:4: inputs.2fast: '2fast' is not a valid input name: use letters, digits and "
              + "'_', not starting with a digit");
      assertThat(problem(minimal("inputs: [a, b]\n")))
          .isEqualTo("model/job.yml:3: inputs: must be a mapping of input names to values or {type: ..., path: ...}");
    }
  }

  @Nested
  class Outputs {
    @Test
    void anOutputWithoutFieldsIsAFolder() {
      JobSpec spec = parse("command: echo ${{outputs.out}} ${{outputs.model}}\nenvironment: jvm-17\n"
          + "outputs:\n  out:\n  model: {type: uri_folder, description: the model}\n");

      assertThat(spec.outputs()).containsExactly(
          Map.entry("out", new JobOutput("uri_folder", null)),
          Map.entry("model", new JobOutput("uri_folder", "the model")));
    }

    @Test
    void onlyFolderOutputsAreSupported() {
      assertThat(problem(minimal("outputs:\n  model: {type: mlflow_model}\n")))
          .isEqualTo("model/job.yml:4: outputs.model.type: 'mlflow_model' is not supported: outputs are folders "
              + "(uri_folder)");
      assertThat(problem(minimal("outputs:\n  model: {type: uri_folder, mode: upload}\n")))
          .isEqualTo("model/job.yml:4: outputs.model.mode: is not a known field; known fields: type, description");
      assertThat(problem(minimal("outputs:\n  model: folder\n")))
          .isEqualTo("model/job.yml:4: outputs.model: must be a mapping such as {type: uri_folder}");
    }
  }

  @Nested
  class TopLevel {
    @Test
    void unknownFieldsListTheKnownOnes() {
      assertThat(problem(minimal("comand: echo\n")))
          .isEqualTo("model/job.yml:3: comand: is not a known field (did you mean 'command'?); known fields: "
              + "$schema, type, name, display_name, experiment_name, description, code, command, inputs, outputs, "
              + "environment, environment_variables, compute, tags");
      assertThat(problem(minimal("resources: {instance_count: 2}\n")))
          .startsWith("model/job.yml:3: resources: is not a known field; known fields: $schema, type,");
    }

    @Test
    void commandAndEnvironmentAreRequired() {
      assertThat(problem("environment: jvm-17\n")).isEqualTo("model/job.yml: command: is required: the shell "
          + "command the job runs, e.g. java -jar train.jar --data ${{inputs.training_data}}");
      assertThat(problem("command: \"  \"\nenvironment: jvm-17\n"))
          .isEqualTo("model/job.yml:1: command: is empty: give the shell command the job runs");
      assertThat(problem("command: echo\n")).isEqualTo(
          "model/job.yml: environment: is required: the environment the command runs in, e.g. environment: jvm-17");
      assertThat(problem("command: echo\nenvironment: {variables: {A: b}}\n"))
          .isEqualTo("model/job.yml:2: environment.name: is required, e.g. jvm-17");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
      JobSpecException e = org.assertj.core.api.Assertions.catchThrowableOfType(JobSpecException.class,
          () -> parse("type: sweep\ncomand: echo\ncompute: cpu cluster\n"));

      assertThat(e.problems()).containsExactly(
          "model/job.yml:2: comand: is not a known field (did you mean 'command'?); known fields: $schema, type, "
              + "name, display_name, experiment_name, description, code, command, inputs, outputs, environment, "
              + "environment_variables, compute, tags",
          "model/job.yml:1: type: 'sweep' is not supported: mloop runs command jobs (type: command)",
          "model/job.yml:3: compute: bad compute target name 'cpu cluster': use letters, digits, '.', '-' and '_',"
              + " starting with a letter or digit",
          "model/job.yml: environment: is required: the environment the command runs in, e.g. environment: jvm-17",
          "model/job.yml: command: is required: the shell command the job runs, e.g. java -jar train.jar --data "
              + "${{inputs.training_data}}");
      assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    }

    @Test
    void textFieldsMustBeSingleValues() {
      assertThat(problem(minimal("display_name: {a: 1}\n")))
          .isEqualTo("model/job.yml:3: display_name: must be a single value, not a mapping");
      assertThat(problem(minimal("description: [a]\n")))
          .isEqualTo("model/job.yml:3: description: must be a single value, not a list");
    }

    @Test
    void jobNamesAreChecked() {
      assertThat(parse(minimal("name: nightly_run-1\n")).name()).isEqualTo("nightly_run-1");
      assertThat(problem(minimal("name: ../evil\n")))
          .isEqualTo("model/job.yml:3: name: bad job name '../evil': use letters, digits, '-' and '_', "
              + "starting with a letter or digit");
      assertThat(problem(minimal("name: " + "n".repeat(300) + "\n")))
          .isEqualTo("model/job.yml:3: name: job name '" + "n".repeat(61) + "...' (300 characters) is too long"
              + " (max 255 characters)");
    }

    @Test
    void codeMustBeALocalFolder() throws IOException {
      Files.createDirectories(dir.resolve("src"));
      Files.writeString(dir.resolve("file.txt"), "x");

      assertThat(parse(minimal("code: src\n")).code()).isEqualTo("src");
      assertThat(problem(minimal("code: missing\n")))
          .isEqualTo("model/job.yml:3: code: folder " + dir.resolve("missing")
              + " does not exist: 'code' is relative to the job file's folder");
      assertThat(problem(minimal("code: file.txt\n")))
          .isEqualTo("model/job.yml:3: code: folder " + dir.resolve("file.txt")
              + " does not exist (it is a file): 'code' is relative to the job file's folder");
      assertThat(problem(minimal("code: https://github.com/x/y\n")))
          .isEqualTo("model/job.yml:3: code: 'https://github.com/x/y' is not a local folder: give a folder relative "
              + "to this file, e.g. '.'");
      assertThat(problem(minimal("code: ''\n")))
          .isEqualTo("model/job.yml:3: code: is empty: give the folder to snapshot (e.g. '.'), or leave 'code' out");
    }

    @Test
    void tagsAreTextValues() {
      assertThat(parse(minimal("tags: {team: ml, priority: 1}\n")).tags())
          .containsExactly(Map.entry("team", "ml"), Map.entry("priority", "1"));
      assertThat(problem(minimal("tags: [a]\n")))
          .isEqualTo("model/job.yml:3: tags: must be a mapping of names to values");
    }

    @Test
    void schemaIsAccepted() {
      assertThat(parse(minimal("$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"))
          .command()).isEqualTo("echo hi");
    }
  }

  @Nested
  class Yaml {
    @Test
    void syntaxErrorsNameTheLine() {
      assertThat(problem("command: echo\nenvironment: a: b\n"))
          .isEqualTo("model/job.yml:2: invalid YAML: mapping values are not allowed here (column 15)");
    }

    @Test
    void emptyFilesAndSingleValuesAreErrors() {
      assertThat(problem("")).isEqualTo("model/job.yml: is empty: a job needs at least 'command' and 'environment'");
      assertThat(problem("# only a comment\n"))
          .isEqualTo("model/job.yml: is empty: a job needs at least 'command' and 'environment'");
      assertThat(problem("echo hi\n")).isEqualTo(
          "model/job.yml:1: a job file is a mapping of fields (command, code, inputs, ...), not a single value");
    }

    @Test
    void duplicateKeysAreErrors() {
      assertThat(problem(minimal("command: echo twice\n")))
          .isEqualTo("model/job.yml:3: command: appears twice (first on line 1): keep one");
    }

    @Test
    void aliasesAreErrors() {
      assertThat(problem(minimal("description: &d text\ndisplay_name: *d\n")))
          .isEqualTo("model/job.yml:4: display_name: YAML aliases (*d) are not supported: write the value out");
    }

    @Test
    void aSecondDocumentIsAnError() {
      assertThat(problem(minimal("---\ncommand: echo\n")))
          .isEqualTo("model/job.yml:4: a second YAML document starts here: a job file holds one job");
    }
  }

  @Nested
  class Placeholders {
    @Test
    void placeholdersMustNameDeclaredInputsAndOutputs() {
      assertThat(problem("command: python train.py --data ${{inputs.trainig_data}}\nenvironment: jvm-17\n"
          + "inputs:\n  training_data: {path: mloop:d@latest}\n  reg_rate: 0.1\n"))
          .isEqualTo("model/job.yml:1: command: ${{inputs.trainig_data}} names no input: the job's inputs are "
              + "training_data, reg_rate");
      assertThat(problem("command: echo ${{outputs.model}}\nenvironment: jvm-17\n"))
          .isEqualTo("model/job.yml:1: command: ${{outputs.model}} names no output: the job declares no outputs");
    }

    @Test
    void otherExpressionsAreRejected() {
      assertThat(problem("command: echo ${{search_space.lr}}\nenvironment: jvm-17\n"))
          .isEqualTo("model/job.yml:1: command: '${{search_space.lr}}' is not supported: use ${{inputs.NAME}} or "
              + "${{outputs.NAME}}");
      assertThat(problem("command: echo ${{inputs.x\nenvironment: jvm-17\ninputs: {x: 1}\n"))
          .isEqualTo("model/job.yml:1: command: '${{inputs.x' is not closed with '}}'");
    }

    @Test
    void spacesInsideThePlaceholderAreAllowed() {
      assertThat(parse("command: echo ${{ inputs.x }}\nenvironment: jvm-17\ninputs: {x: 1}\n").command())
          .isEqualTo("echo ${{ inputs.x }}");
    }
  }

  @Nested
  class Environment {
    @Test
    void variablesFromBothPlacesAreMerged() {
      JobSpec spec = parse("""
          command: echo
          environment:
            name: jvm-17
            variables: {JAVA_TOOL_OPTIONS: -Xmx1g, SEED: 42}
          environment_variables:
            LANG: C.UTF-8
          """);

      assertThat(spec.environment()).isEqualTo(new JobEnvironment("jvm-17",
          Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g", "SEED", "42", "LANG", "C.UTF-8")));
    }

    @Test
    void reservedBadAndDuplicatedVariablesAreErrors() {
      assertThat(problem("command: echo\nenvironment: {name: jvm-17, variables: {MLOOP_RUN_ID: x}}\n"))
          .isEqualTo("model/job.yml:2: environment.variables.MLOOP_RUN_ID: is set by mloop for every job "
              + "(MLOOP_* and MLFLOW_* are reserved): remove it");
      assertThat(problem("command: echo\nenvironment: jvm-17\nenvironment_variables: {\"A-B\": x}\n"))
          .isEqualTo("model/job.yml:3: environment_variables.A-B: 'A-B' is not a valid environment variable name: "
              + "use letters, digits and '_'");
      assertThat(problem("command: echo\nenvironment: {name: jvm-17, variables: {A: x}}\n"
          + "environment_variables:\n  A: y\n"))
          .isEqualTo("model/job.yml:4: environment_variables.A: is also set in environment.variables: "
              + "set it in one place");
      assertThat(problem("command: echo\nenvironment: {name: jvm-17, image: ubuntu}\n"))
          .isEqualTo("model/job.yml:2: environment.image: is not a known field; known fields: name, variables");
    }
  }
}
