package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.json.Json;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.monitor.Monitoring;
import org.mloop.runtime.testing.ModelFolders;

/**
 * A monitor run on the server that scores the endpoint reads every row scored before it, though
 * the data collector writes its files only every 10 s: the run has the collector write what it
 * holds first, and says how many rows that was.
 */
class MonitorRunCollectedDataTest {
  @TempDir Path dir;

  @Test
  void aRunRightAfterScoringSeesEveryScoredRow() throws IOException {
    try (Monitoring engine = new Monitoring();
        TestWorkspace ws = TestWorkspace.served(dir, engine, ServerOptions.ephemeral()
            .withUploadDirectory(dir.resolve("uploads")).withEndpoints(dir.resolve("cache")))) {
      Path model = ModelFolders.write(dir.resolve("model"), ModelFolders.logistic(ModelFolders.patients(1, 300)),
          ModelFolders.patients(2, 3));
      ws.workspace.registry().register(ModelRegistration.fromFolder("diabetes", model, null, Map.of()));
      Path baseline = Files.createDirectories(dir.resolve("baseline")).resolve("diabetes.csv");
      StringWriter csv = new StringWriter();
      new DiabetesSynthesizer(3).write(csv, 2_000);
      Files.writeString(baseline, csv.toString());
      ws.workspace.data().create("diabetes-prod-folder", baseline.getParent(), null, Map.of());

      HttpCalls api = ws.http();
      assertThat(api.post("/api/v1/endpoints", "{\"name\": \"diabetes-prod\"}").status()).isEqualTo(200);
      String key = api.get("/api/v1/endpoints/diabetes-prod/keys").json().path("primary_key").asText();
      assertThat(api.post("/api/v1/endpoints/diabetes-prod/deployments",
          "{\"name\": \"blue\", \"model\": \"diabetes:1\", \"data_collection\": {\"sample_percent\": 100}}").status()).isEqualTo(200);
      assertThat(api.post("/api/v1/monitors", "{\"name\": \"diabetes-prod-monitor\", \"endpoint\": \"diabetes-prod\","
          + " \"baseline\": \"mloop:diabetes-prod-folder@latest\", \"signals\": [\"DATA_DRIFT\", \"DATA_QUALITY\"]}")
          .status()).isEqualTo(200);
      ws.server.scoringHost().refreshNow();

      List<PatientRow> patients = new DiabetesSynthesizer(4).rows(400);
      for (int from = 0; from < patients.size(); from += 100) {
        HttpCalls.Reply scored = ws.http(key).post("/endpoints/diabetes-prod/score",
            request(patients.subList(from, from + 100)));
        assertThat(scored.status()).as(scored.body()).isEqualTo(200);
      }
      assertThat(ws.workspace.endpoints().listCollectedData("diabetes-prod", "blue"))
          .as("the collector holds the rows: it writes a file 10 s after its first row").isEmpty();

      HttpCalls.Reply ran = api.post("/api/v1/monitors/diabetes-prod-monitor/runs", "{}");
      assertThat(ran.status()).as(ran.body()).isEqualTo(200);
      JsonNode run = ran.json();
      assertThat(run.path("rows").asLong()).as(run.toString()).isEqualTo(400);
      assertThat(run.path("verdict").asText()).isEqualTo("OK");
      List<String> notes = new ArrayList<>();
      run.path("notes").forEach(n -> notes.add(n.asText()));
      assertThat(notes).contains("this server's data collector wrote the 400 rows it held before the run read the"
          + " window");
      assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("scoring replicas in other processes write their"
          + " rows within 10 s: rows they scored after "));
    }
  }

  private static String request(List<PatientRow> rows) {
    List<double[]> data = new ArrayList<>();
    for (PatientRow p : rows) {
      double[] row = new double[DiabetesFeature.values().length];
      for (DiabetesFeature f : DiabetesFeature.values()) {
        row[f.ordinal()] = p.feature(f);
      }
      data.add(row);
    }
    return Json.write(Map.of("input_data", Map.of("columns", DiabetesFeature.columns(), "data", data)));
  }
}
