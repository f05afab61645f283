package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;
import org.mloop.core.metrics.BinaryMetrics;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels.Trained;
import org.mloop.runtime.testing.ModelFolders;

/**
 * The champion gate scores a model trained in Python and converted to ONNX as scikit-learn scores it:
 * registered from its MLflow folder (which lists no checksums: registration adds them to its copy,
 * not to the folder), its label column and positive class read from the MLflow metadata.
 */
class OnnxChampionGateSpecTest {
  @TempDir Path temp;

  @Test
  void anOnnxCandidateIsGatedOnItsScikitLearnProbabilities() throws Exception {
    Assumptions.assumeTrue(SklearnOnnxModels.unavailable() == null, SklearnOnnxModels.unavailable());
    Trained trained = SklearnOnnxModels.train(temp.resolve("python"), "double", 2_000, 1_000);
    Path holdout = Files.createDirectories(temp.resolve("holdout"));
    Files.copy(trained.testCsv(), holdout.resolve("test.csv"));
    Path champion = ModelFolders.write(temp.resolve("tribuo"), ModelFolders.logistic(ModelFolders.patients(1, 2_000)),
        ModelFolders.patients(3, 3));
    Cli cli = new Cli(temp.resolve("ws").toString());
    ok(cli.run("data", "create", "--name", "holdout", "--path", holdout.toString()));
    ok(cli.run("model", "register", "--name", "diabetes", "--path", champion.toString()));
    String mlmodel = Files.readString(trained.folder().resolve("MLmodel"));
    ok(cli.run("model", "register", "--name", "diabetes", "--path", trained.folder().toString()));
    assertThat(Files.readString(trained.folder().resolve("MLmodel"))).as("the caller's folder is not written to")
        .isEqualTo(mlmodel);

    Path report = temp.resolve("gate.json");
    Cli.Result gate = cli.run("model", "compare", "--candidate", "diabetes:2", "--champion", "diabetes:1",
        "--data", "mloop:holdout@latest", "--metric", "AUC", "--report", report.toString());

    assertThat(gate.exitCode()).as(gate.out() + gate.err()).isIn(0, 1);
    JsonNode json = Json.mapper().readTree(Files.readString(report));
    assertThat(json.path("rows").asInt()).isEqualTo(1_000);
    int[] labels = trained.testRows().column("Diabetic").stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    double[] positive = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      positive[i] = trained.probabilities()[i][1];
    }
    assertThat(json.path("candidate_score").asDouble()).as("AUC of scikit-learn's own probabilities")
        .isCloseTo(BinaryMetrics.auc(labels, positive), within(1e-9));
    assertThat(json.path("champion_score").asDouble()).isBetween(0.5, 1.0);
  }

  private static void ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
  }
}
