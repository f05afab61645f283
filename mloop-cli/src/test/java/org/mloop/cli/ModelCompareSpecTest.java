package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/**
 * The champion gate as CI uses it: real models trained by model/job.yml (logistic regression and
 * gradient boosting on synthetic data), registered, and compared on held-out data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelCompareSpecTest {
  @TempDir static Path temp;
  Cli cli;

  @BeforeAll
  void trainAndRegisterTwoModels() throws Exception {
    String job = ProjectFiles.modelJob().toString();
    cli = new Cli(temp.resolve("ws").toString());
    ok(new Cli(null).run("data", "synth", "diabetes", "--rows", "3000", "--seed", "11", "--out", temp.resolve("train").toString()));
    ok(new Cli(null).run("data", "synth", "diabetes", "--rows", "2000", "--seed", "12", "--out", temp.resolve("holdout").toString()));
    ok(cli.run("data", "create", "--name", "train", "--path", temp.resolve("train").toString()));
    ok(cli.run("data", "create", "--name", "holdout", "--path", temp.resolve("holdout").toString()));
    ok(cli.run("job", "create", "--file", job, "--name", "lr", "--set", "inputs.training_data=mloop:train@latest",
        "--stream"));
    ok(cli.run("job", "create", "--file", job, "--name", "gbm", "--set", "inputs.training_data=mloop:train@latest",
        "--set", "inputs.model=gradient_boosting", "--stream"));
    ok(cli.run("model", "register", "--name", "diabetes", "--from-job", "lr"));
    ok(cli.run("model", "register", "--name", "diabetes", "--from-job", "gbm"));
  }

  @Test
  void theFirstVersionPassesWhenThereIsNoChampionYet() {
    Cli.Result result = cli.run("model", "compare", "--candidate", "diabetes:1", "--champion", "diabetes@nobody-yet",
        "--data", "mloop:holdout@latest");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("no champion yet").contains("diabetes:1");
  }

  @Test
  void aBetterCandidatePassesAndAWorseOneIsBlockedWithBothFigures() throws Exception {
    Path report = temp.resolve("gate.json");
    Cli.Result better = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
        "--data", "mloop:holdout@latest", "--metric", "AUC", "--report", report.toString());
    assertThat(better.exitCode()).as(better.out() + better.err()).isZero();
    JsonNode json = Json.mapper().readTree(Files.readString(report));
    assertThat(json.path("passed").asBoolean()).isTrue();
    assertThat(json.path("candidate_score").asDouble()).isGreaterThan(json.path("champion_score").asDouble());
    assertThat(json.path("rows").asInt()).isEqualTo(2000);

    Cli.Result worse = cli.run("model", "compare", "--candidate", "diabetes:1", "--champion", "diabetes:2",
        "--data", "mloop:holdout@latest");
    assertThat(worse.exitCode()).isEqualTo(1);
    assertThat(worse.out()).contains("blocked").contains("diabetes:1").contains("diabetes:2");
  }

  @Test
  void aRequiredMarginCanBlockAnOtherwiseEqualCandidate() {
    Cli.Result result = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:2",
        "--data", "mloop:holdout@latest", "--min-delta", "0.01");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void anythingMissingFailsClosed() {
    Cli.Result noData = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
        "--data", "mloop:nothing@latest");
    assertThat(noData.exitCode()).isEqualTo(2);
    assertThat(noData.err()).contains("nothing");

    Cli.Result noChampionVersion = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:9",
        "--data", "mloop:holdout@latest");
    assertThat(noChampionVersion.exitCode()).isEqualTo(2);

    Cli.Result noCandidate = cli.run("model", "compare", "--candidate", "diabetes:7", "--champion", "diabetes:1",
        "--data", "mloop:holdout@latest");
    assertThat(noCandidate.exitCode()).isEqualTo(2);

    Cli.Result misspeltChampion = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion",
        "diabtes@production", "--data", "mloop:holdout@latest");
    assertThat(misspeltChampion.exitCode()).isEqualTo(2);
    assertThat(misspeltChampion.err()).contains("diabtes");

    Cli.Result bareChampion = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes",
        "--data", "mloop:holdout@latest");
    assertThat(bareChampion.exitCode()).isEqualTo(2);

    Cli.Result negativeMargin = cli.run("model", "compare", "--candidate", "diabetes:1", "--champion", "diabetes:2",
        "--data", "mloop:holdout@latest", "--min-delta", "-0.5");
    assertThat(negativeMargin.exitCode()).isEqualTo(2);
    assertThat(negativeMargin.err()).contains("--min-delta");

    Cli.Result unwritableReport = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
        "--data", "mloop:holdout@latest", "--report", temp.resolve("no/such/folder/gate.json").toString());
    assertThat(unwritableReport.exitCode()).isEqualTo(2);
    assertThat(unwritableReport.err()).contains("report could not be written");

    Cli.Result badMetric = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
        "--data", "mloop:holdout@latest", "--metric", "F7");
    assertThat(badMetric.exitCode()).isEqualTo(2);
    assertThat(badMetric.err()).contains("F7").contains("AUC");
  }

  @Test
  void scoringOnTheTrainingDataWarnsThatTheComparisonIsNotFair() {
    Cli.Result result = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
        "--data", "mloop:train@latest");
    assertThat(result.err()).contains("warning").contains("trained on");
  }

  @Test
  void throughAServerTheGateScoresOnTheServerWithTheSameReportAndExitCodes() throws Exception {
    Path local = temp.resolve("local-gate.json");
    Path remote = temp.resolve("remote-gate.json");
    Cli.Result here = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
        "--data", "mloop:holdout@latest", "--report", local.toString());
    try (ServerProcess server = ServerProcess.start(temp.resolve("ws"))) {
      Cli client = new Cli(server.url());
      Cli.Result there = client.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
          "--data", "mloop:holdout@latest", "--report", remote.toString());
      assertThat(there.exitCode()).as(there.err()).isEqualTo(here.exitCode()).isZero();
      assertThat(there.out()).isEqualTo(here.out());

      Cli.Result worse = client.run("model", "compare", "--candidate", "diabetes:1", "--champion", "diabetes:2",
          "--data", "mloop:holdout@latest");
      assertThat(worse.exitCode()).isEqualTo(1);
      Cli.Result onTrainingData = client.run("model", "compare", "--candidate", "diabetes:2", "--champion",
          "diabetes:1", "--data", "mloop:train@latest");
      assertThat(onTrainingData.err()).contains("warning").contains("trained on");
      Cli.Result noData = client.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
          "--data", "mloop:nothing@latest");
      assertThat(noData.exitCode()).isEqualTo(2);
      assertThat(noData.err()).contains("nothing");
    }
    assertThat(Json.mapper().readTree(Files.readString(remote))).isEqualTo(Json.mapper().readTree(Files.readString(local)));
  }

  private static void ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
  }
}
