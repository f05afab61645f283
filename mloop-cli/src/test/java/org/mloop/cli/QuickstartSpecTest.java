package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/**
 * `mloop quickstart` ends the loop on the staging endpoint: it deploys the promoted model to
 * diabetes-staging and prints its predictions for the three sample patients; run again on the same
 * workspace, it reuses the endpoint and rolls the new version out beside the old one (`mloop endpoint
 * rollout`, as the workflow scripts do), keeping the old one at 0%.
 */
class QuickstartSpecTest {
  @TempDir Path temp;

  @Test
  void theQuickstartDeploysToStagingAndPrintsThePredictionsOfTheThreeSamplePatients() throws Exception {
    Path job = ProjectFiles.modelJob();
    Path sample = job.resolveSibling("sample-request.json");
    Cli cli = new Cli(temp.resolve("ws").toString());
    String[] small = {"--no-ci", "--job-file", job.toString(), "--sample-request", sample.toString(),
        "--dev-rows", "400", "--prod-rows", "600", "--holdout-rows", "200"};

    Cli.Result first = cli.run(concat(new String[] {"quickstart"}, small));
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("== 5. Outer loop: deploy diabetes@staging to online endpoint diabetes-staging")
        .contains("create endpoint diabetes-staging")
        .contains("rollout of diabetes:1 on diabetes-staging as m1-1: done")
        .containsPattern("(?m)^ROW\\s+PREDICTED\\s+P\\(DIABETIC\\)$")
        .containsPattern("(?m)^1\\s+[01] \\((not )?diabetic\\)\\s+0\\.\\d{4}$")
        .containsPattern("(?m)^2\\s+[01] \\((not )?diabetic\\)\\s+0\\.\\d{4}$")
        .containsPattern("(?m)^3\\s+[01] \\((not )?diabetic\\)\\s+0\\.\\d{4}$")
        .contains("\"predictions\"");

    try (var files = java.nio.file.Files.walk(temp.resolve("ws"))) {
      assertThat(files.map(Path::toString).filter(f -> f.endsWith(".jsonl")))
          .as("the scored sample, collected for monitoring").anyMatch(f -> f.contains("collected/diabetes-staging/m1-1/"));
    }

    Cli.Result second = cli.run(concat(new String[] {"quickstart", "--output", "json"}, small));
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(second.err()).doesNotContain("create endpoint").contains("traffic: m1-1=100 -> m2-1=100")
        .contains("kept at 0% for a restore: m1-1");
    JsonNode deployment = Json.mapper().readTree(second.out()).path("deployment");
    assertThat(deployment.path("endpoint").asText()).isEqualTo("diabetes-staging");
    assertThat(deployment.path("model").asText()).as("the new version").isEqualTo("diabetes:2");
    assertThat(deployment.path("deployment").asText()).as("beside m1-1, which serves version 1").isEqualTo("m2-1");
    JsonNode predictions = deployment.path("predictions");
    assertThat(predictions).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(predictions.get(i).path("row").asInt()).isEqualTo(i + 1);
      assertThat(predictions.get(i).path("label").asText()).isIn("0", "1");
      assertThat(predictions.get(i).path("probability_diabetic").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(deployment.path("response").path("predictions")).hasSize(3);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
