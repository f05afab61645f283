package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in `mloop monitor` options and files are refused before the workspace is touched, each
 * naming the option, file, line or field at fault and what to write instead.
 */
class MonitorOptionsSpecTest {
  @TempDir Path temp;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(temp.resolve("ws").toString());
  }

  @Test
  void aDurationNamesItsOptionAndTheUnitsItTakes() {
    assertThat(refused(cli.run("monitor", "create", "--name", "m", "--endpoint", "diabetes-prod", "--every", "1x"))
        .err()).contains("--every").contains("'1x'").contains("1h");
    assertThat(refused(cli.run("monitor", "create", "--name", "m", "--endpoint", "diabetes-prod", "--window", "0h"))
        .err()).contains("--window").contains("positive");
    assertThat(refused(cli.run("monitor", "run", "--name", "m", "--window", "soon")).err())
        .contains("--window").contains("'soon'");
  }

  @Test
  void anUnknownSignalSuggestsTheNearestOne() {
    String err = refused(cli.run("monitor", "create", "--name", "m", "--endpoint", "diabetes-prod", "--signals",
        "data_drift,prediction_drfit")).err();
    assertThat(err).contains("'prediction_drfit'").contains("did you mean 'prediction_drift'")
        .contains("data_quality").contains("model_performance");
  }

  @Test
  void aThresholdsFileNamesTheFileLineAndFieldOfEveryMistake() throws IOException {
    Path file = temp.resolve("thresholds.yml");
    Files.writeString(file, """
        normalized_wasserstein: 0.15
        null_rate: lots
        features:
          Age:
            normalized_wasserstien: 0.2
        """);
    String err = refused(cli.run("monitor", "create", "--name", "m", "--endpoint", "diabetes-prod", "--thresholds",
        file.toString())).err();
    assertThat(err).contains(file + ":2: null_rate: must be a number >= 0, got 'lots'")
        .contains(file + ":5: features.Age.normalized_wasserstien: unknown threshold (did you mean "
            + "'normalized_wasserstein'?)");
    assertThat(Files.exists(temp.resolve("ws"))).as("refused before the workspace is created").isFalse();

    Path json = temp.resolve("thresholds.json");
    Files.writeString(json, "{\"features\": {\"Age\": 0.2}}");
    assertThat(refused(cli.run("monitor", "create", "--name", "m", "--endpoint", "diabetes-prod", "--thresholds",
        json.toString())).err()).contains(json + ":1: features.Age: must map threshold names to numbers");
    assertThat(refused(cli.run("monitor", "create", "--name", "m", "--endpoint", "diabetes-prod", "--thresholds",
        temp.resolve("missing.yml").toString())).err()).contains("missing.yml does not exist");
  }

  @Test
  void aLabelsFileNamesTheLineAtFault() throws IOException {
    Path csv = temp.resolve("labels.csv");
    Files.writeString(csv, "correlation_id,row,label\nabc,0,1\nabc,first,0\n");
    assertThat(refused(cli.run("monitor", "labels", "--endpoint", "diabetes-prod", "--file", csv.toString())).err())
        .contains(csv + ":3: row must be the row's index in its request");
    Path header = temp.resolve("header.csv");
    Files.writeString(header, "id,truth\nabc,1\n");
    assertThat(refused(cli.run("monitor", "labels", "--endpoint", "diabetes-prod", "--file", header.toString()))
        .err()).contains(header + ":1:").contains("correlation_id").contains("label");
    Path jsonl = temp.resolve("labels.jsonl");
    Files.writeString(jsonl, "{\"correlation_id\": \"abc\", \"label\": 1}\n{\"correlation_id\": \"def\"}\n");
    assertThat(refused(cli.run("monitor", "labels", "--endpoint", "diabetes-prod", "--file", jsonl.toString()))
        .err()).contains(jsonl + ":2: label is missing for correlation id def");
  }

  @Test
  void aRunWindowIsGivenOneWay() {
    assertThat(refused(cli.run("monitor", "run", "--name", "m", "--window", "1h", "--from", "2026-11-25T00:00:00Z"))
        .err()).contains("--window and --from");
    assertThat(refused(cli.run("monitor", "run", "--name", "m", "--from", "yesterday")).err())
        .contains("--from").contains("'yesterday'").contains("2026-11-25T00:00:00Z");
    assertThat(refused(cli.run("monitor", "run", "--name", "m", "--from", "2026-11-26", "--to", "2026-11-25")).err())
        .contains("must be before --to");
  }

  @Test
  void runHelpDocumentsItsExitCodes() {
    Cli.Result help = new Cli(null).run("monitor", "run", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--fail-on-alert").contains("3 on ALERT").contains("4 on NO_DATA").contains("5 on FAILED")
        .contains("not \"no drift\"");
  }

  private static Cli.Result refused(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    return result;
  }
}
