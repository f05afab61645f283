package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.json.Json;

/**
 * A data asset written as spreadsheets and pandas write CSV (RFC 4180): every value quoted, a
 * free-text column with commas and doubled quotes that is not a feature, CRLF line ends and a
 * byte order mark. It trains with model/job.yml, the champion gate scores it, and a monitor takes
 * it as its baseline; a labels file in the same dialect is accepted. Training, the gate and the
 * monitor read it with the same reader, so one cannot accept what another refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotedCsvSpecTest {
  private static final String ENDPOINT = "quoted-prod";
  private static final String MONITOR = "quoted-monitor";
  private static final int ROWS = 3000;
  /** `mloop data synth` writes files and takes no workspace. */
  private static final Cli SYNTH = new Cli(null);

  @TempDir static Path temp;
  Cli cli;
  Cli.Result training;

  @BeforeAll
  void trainOnQuotedData() throws IOException {
    String job = ProjectFiles.modelJob().toString();
    cli = new Cli(temp.resolve("ws").toString());
    ok(SYNTH.run("data", "synth", "diabetes", "--rows", String.valueOf(ROWS), "--seed", "31", "--out",
        temp.resolve("plain").toString()));
    Path quoted = Files.createDirectories(temp.resolve("quoted"));
    spreadsheetCsv(temp.resolve("plain/diabetes.csv"), quoted.resolve("diabetes.csv"));
    ok(cli.run("data", "create", "--name", "quoted", "--path", quoted.toString()));
    training = ok(cli.run("job", "create", "--file", job, "--name", "quoted-lr", "--set",
        "inputs.training_data=mloop:quoted@latest", "--stream"));
    ok(cli.run("model", "register", "--name", "diabetes", "--from-job", "quoted-lr"));
  }

  @Test
  void theTrainingJobReadEveryQuotedRow() {
    assertThat(training.out() + training.err()).contains("Read " + ROWS + " rows");
  }

  @Test
  void theChampionGateScoresEveryRowOfTheQuotedAsset() throws IOException {
    Path report = temp.resolve("gate.json");
    ok(cli.run("model", "compare", "--candidate", "diabetes:1", "--champion", "diabetes@production", "--data",
        "mloop:quoted@latest", "--report", report.toString()));
    JsonNode gate = Json.mapper().readTree(Files.readString(report));
    assertThat(gate.path("rows").asInt()).as("every row scored").isEqualTo(ROWS);
    assertThat(gate.path("candidate_score").asDouble()).as("AUC on rows the model learned from").isGreaterThan(0.8);
  }

  @Test
  void aMonitorTakesTheQuotedAssetAsItsBaselineAndAQuotedLabelsFile() throws IOException {
    ok(cli.run("endpoint", "create", "--name", ENDPOINT));
    ok(cli.run("deployment", "create", "--endpoint", ENDPOINT, "--name", "blue", "--model", "diabetes:1"));
    ok(cli.run("monitor", "create", "--name", MONITOR, "--endpoint", ENDPOINT, "--baseline",
        "mloop:quoted@latest", "--every", "1h"));
    ok(SYNTH.run("data", "synth", "diabetes", "--rows", "2000", "--seed", "32", "--out",
        temp.resolve("traffic").toString()));
    EndpointTraffic.Scored scored = EndpointTraffic.score(cli, ENDPOINT, temp.resolve("traffic/diabetes.csv"),
        temp.resolve("traffic-request.csv"));

    Cli.Result run = ok(cli.run("monitor", "run", "--name", MONITOR));
    assertThat(run.out()).contains("rows:").contains("2000");
    List<String> drift = run.out().lines().filter(l -> l.startsWith("data_drift ")).map(String::strip)
        .filter(l -> l.endsWith(" yes") || l.endsWith(" no")).filter(l -> !l.split("\\s+")[1].equals("*")).toList();
    assertThat(drift).as("one row per feature, read from the quoted baseline; same population, no drift")
        .hasSize(8).allMatch(l -> l.endsWith(" no"));

    Path labels = temp.resolve("labels.csv");
    StringBuilder text = new StringBuilder("\uFEFF\"correlation_id\",\"row\",\"label\"\r\n");
    for (String line : scored.labels()) {
      String[] cells = line.split(",");
      text.append('"').append(cells[0]).append("\",\"").append(cells[1]).append("\",\"").append(cells[2])
          .append("\"\r\n");
    }
    Files.writeString(labels, text, StandardCharsets.UTF_8);
    assertThat(ok(cli.run("monitor", "labels", "--endpoint", ENDPOINT, "--file", labels.toString())).out())
        .contains("Posted 2000 labels for endpoint " + ENDPOINT);
  }

  @Test
  void aQuoteLeftOpenIsRefusedByTheGateNamingTheFileAndLine() throws IOException {
    Path broken = Files.createDirectories(temp.resolve("broken"));
    List<String> lines = Files.readAllLines(temp.resolve("quoted/diabetes.csv"));
    lines.set(5, lines.get(5).replaceFirst("\"$", "")); // the last value of line 6 loses its closing quote
    Files.writeString(broken.resolve("part-0.csv"), String.join("\r\n", lines.subList(0, 8)) + "\r\n");
    ok(cli.run("data", "create", "--name", "broken", "--path", broken.toString()));

    Cli.Result gate = cli.run("model", "compare", "--candidate", "diabetes:1", "--champion", "diabetes@production",
        "--data", "mloop:broken@latest");
    assertThat(gate.exitCode()).isEqualTo(2);
    assertThat(gate.err()).contains("part-0.csv").contains("line 6");
  }

  /**
   * The synthesizer's CSV as a spreadsheet saves it: a byte order mark, every value quoted, a Notes
   * column (free text with commas and quotes, not a feature) after PatientID, CRLF line ends.
   */
  private static void spreadsheetCsv(Path plain, Path out) throws IOException {
    List<String> lines = Files.readAllLines(plain);
    List<String> quoted = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<String> cells = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
      cells.add(1, i == 0 ? "Notes" : "seen by Dr. \"Smith\", ward " + (i % 7) + ", follow-up");
      quoted.add(String.join(",", cells.stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').toList()));
    }
    Files.writeString(out, "\uFEFF" + String.join("\r\n", quoted) + "\r\n", StandardCharsets.UTF_8);
  }

  private static Cli.Result ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    return result;
  }
}
