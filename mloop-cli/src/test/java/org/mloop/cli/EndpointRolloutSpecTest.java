package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;
import org.mloop.runtime.testing.ModelFolders;

/**
 * `mloop endpoint rollout` and `mloop endpoint restore` on a workspace directory: the smoke tests
 * score in the command's own process, each step is printed with its time, and the state left is
 * printed (or given as JSON) and matches the endpoint; a rollout whose smoke test fails exits 1.
 */
class EndpointRolloutSpecTest {
  private static final String REQUEST = "{\"input_data\": {\"columns\": [\"Pregnancies\", \"PlasmaGlucose\","
      + " \"DiastolicBloodPressure\", \"TricepsThickness\", \"SerumInsulin\", \"BMI\", \"DiabetesPedigree\", \"Age\"],"
      + " \"data\": [[9, 104, 51, 7, 24, 27.36983156, 1.350472047, 43]]}}";

  @TempDir Path temp;

  @Test
  void aRolloutWithACanaryThenARestore() throws IOException {
    Cli cli = new Cli(temp.resolve("ws").toString());
    for (int v = 1; v <= 2; v++) {
      Path folder = ModelFolders.write(temp.resolve("m" + v), ModelFolders.logistic(ModelFolders.patients(v, 100)),
          ModelFolders.patients(10, 2));
      ok(cli.run("model", "register", "--name", "diabetes", "--path", folder.toString()));
    }
    Path sample = Files.writeString(temp.resolve("sample.json"), REQUEST);
    Path bad = Files.writeString(temp.resolve("bad.json"), "{\"input_data\": {\"columns\": [\"Age\"], \"data\": [[1]]}}");

    Cli.Result first = ok(cli.run("endpoint", "rollout", "--name", "diabetes-prod", "--model", "diabetes:1",
        "--smoke-test", sample.toString(), "--alias", "production"));
    assertThat(first.out()).contains("rollout of diabetes:1 on diabetes-prod as m1-1: done")
        .containsPattern("ok +\\d+ ms  create endpoint diabetes-prod")
        .contains("smoke test m1-1 directly").contains("traffic: no traffic -> m1-1=100")
        .contains("alias production: (none) -> 1");

    Cli.Result refused = cli.run("endpoint", "rollout", "--name", "diabetes-prod", "--model", "diabetes:2",
        "--canary", "10", "--smoke-test", bad.toString(), "--alias", "production");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("FAILED").contains("smoke test m2-1 directly")
        .contains("traffic: m1-1=100 -> m1-1=100").contains("alias production: 1 -> 1");
    assertThat(refused.err()).contains("error: smoke test failed: endpoint 'diabetes-prod' deployment 'm2-1'");

    Cli.Result asJson = ok(cli.run("endpoint", "rollout", "--name", "diabetes-prod", "--model", "diabetes:2",
        "--canary", "10", "--smoke-test", sample.toString(), "--alias", "production", "--output", "json"));
    assertThat(asJson.err()).as("the steps go to stderr, beside the JSON result")
        .containsPattern("ok +\\d+ ms  traffic m1-1=90,m2-2=10").contains("alias production: 1 -> 2");
    JsonNode second = Json.mapper().readTree(asJson.out());
    assertThat(second.path("succeeded").asBoolean()).isTrue();
    assertThat(second.path("deployment").asText()).as("m2-1 is the failed rollout's leftover").isEqualTo("m2-2");
    assertThat(second.path("kept").asText()).isEqualTo("m1-1");
    assertThat(second.path("deleted")).extracting(JsonNode::asText).containsExactly("m2-1");
    assertThat(second.path("trafficAfter").path("m2-2").asInt()).isEqualTo(100);

    Cli.Result restored = ok(cli.run("endpoint", "restore", "--name", "diabetes-prod", "--alias", "production",
        "--smoke-test", sample.toString(), "--reason", "m2-2 flags every patient"));
    assertThat(restored.out()).contains("restore of diabetes:1 on diabetes-prod as m1-1: done")
        .contains("traffic: m2-2=100 -> m1-1=100").contains("alias production: 2 -> 1");
    Cli.Result invoked = ok(cli.run("endpoint", "invoke", "--name", "diabetes-prod", "--request-file",
        sample.toString()));
    assertThat(invoked.err()).contains("from deployment m1-1");
  }

  private static Cli.Result ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    return result;
  }
}
