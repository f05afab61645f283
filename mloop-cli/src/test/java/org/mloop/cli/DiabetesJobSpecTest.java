package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/**
 * The "done when": model/job.yml run as a job on the real prod CSV, registered as a data
 * asset, reaches AUC >= 0.84, and `job show` lists params, metrics, artifacts, code and inputs.
 */
class DiabetesJobSpecTest {
  @TempDir Path temp;

  @Test
  void theDiabetesJobOnTheRealProdDataReachesAucOf084AndShowsItsLineage() throws Exception {
    Path prod = ProjectFiles.sharedDiabetes("prod");
    Path jobFile = ProjectFiles.modelJob();

    Cli cli = new Cli(temp.resolve("ws").toString());
    assertThat(cli.run("data", "create", "--name", "diabetes-prod-folder", "--path", prod.toString()).exitCode()).isZero();
    Cli.Result job = cli.run("job", "create", "--file", jobFile.toString(), "--name", "prod-lr",
        "--set", "inputs.training_data=mloop:diabetes-prod-folder@latest", "--stream");
    assertThat(job.exitCode()).as(job.out() + job.err()).isZero();

    JsonNode shown = Json.mapper().readTree(cli.run("job", "show", "prod-lr", "--output", "json").out());
    JsonNode run = shown.path("run").path("data");
    double auc = 0;
    for (JsonNode metric : run.path("metrics")) {
      if (metric.path("key").asText().equals("AUC")) {
        auc = metric.path("value").asDouble();
      }
    }
    assertThat(auc).isGreaterThanOrEqualTo(0.84);
    assertThat(run.path("params").toString()).contains("reg_rate").contains("0.01");
    assertThat(shown.path("artifacts").toString()).contains("ROC-Curve.png");
    assertThat(shown.path("job").path("inputs").path("training_data").path("assetName").asText())
        .isEqualTo("diabetes-prod-folder");
    assertThat(shown.path("job").path("code").path("sha256").asText()).hasSize(64);
    assertThat(shown.path("job").path("code").path("git").path("commit").asText()).hasSize(40);

    Cli.Result table = cli.run("job", "show", "prod-lr");
    assertThat(table.out()).contains("Params:").contains("Metrics:").contains("AUC").contains("Artifacts:")
        .contains("ROC-Curve.png").contains("mloop:diabetes-prod-folder:1").contains("git:");
  }
}
