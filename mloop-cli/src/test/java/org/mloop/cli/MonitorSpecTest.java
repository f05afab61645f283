package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.cli.monitors.MonitorRunCommand;
import org.mloop.core.json.Json;
import org.mloop.runtime.testing.ModelFolders;

/**
 * Monitoring an endpoint on a workspace directory as its users do: `monitor create` turns data
 * collection on, a run before any traffic says NO_DATA (never "no drift"), unshifted traffic shows
 * no data drift, traffic with PlasmaGlucose shifted by one standard deviation drifts on that feature
 * alone and fails CI with --fail-on-alert, posted labels give model performance, and history,
 * alerts, the HTML report and delete show what happened.
 */
class MonitorSpecTest {
  private static final String ENDPOINT = "diabetes-prod";
  private static final String MONITOR = "diabetes-prod-monitor";
  /** `mloop data synth` writes files and takes no workspace. */
  private static final Cli SYNTH = new Cli(null);

  @TempDir Path temp;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(temp.resolve("ws").toString());
    Path model = ModelFolders.write(temp.resolve("m1"), ModelFolders.logistic(ModelFolders.patients(1, 400)),
        ModelFolders.patients(2, 3));
    ok(cli.run("model", "register", "--name", "diabetes", "--path", model.toString()));
    ok(cli.run("endpoint", "create", "--name", ENDPOINT));
    ok(cli.run("deployment", "create", "--endpoint", ENDPOINT, "--name", "blue", "--model", "diabetes:1"));
    ok(SYNTH.run("data", "synth", "diabetes", "--rows", "3000", "--seed", "1", "--out", temp.resolve("baseline")
        .toString()));
    ok(cli.run("data", "create", "--name", "diabetes-baseline", "--path", temp.resolve("baseline").toString()));
  }

  @Test
  void createRunLabelAndReadTheHistoryOfAMonitor() throws IOException {
    Cli.Result created = ok(cli.run("monitor", "create", "--name", MONITOR, "--endpoint", ENDPOINT, "--baseline",
        "mloop:diabetes-baseline@latest", "--every", "1h"));
    assertThat(created.out()).contains("Created monitor " + MONITOR)
        .contains("Data collection was off on deployment(s) blue of " + ENDPOINT + ": turned on at 100%");

    Cli.Result empty = cli.run("monitor", "run", "--name", MONITOR, "--fail-on-alert");
    assertThat(empty.exitCode()).as(empty.out() + empty.err()).isEqualTo(MonitorRunCommand.EXIT_NO_DATA);
    assertThat(empty.out()).contains("verdict: NO_DATA").contains("not \"no drift\"");

    long before = System.currentTimeMillis();
    EndpointTraffic.Scored unshifted = score("unshifted", 2000, 2, null);
    long between = System.currentTimeMillis() + 1;
    EndpointTraffic.Scored shifted = score("shifted", 2000, 3, "PlasmaGlucose=+1sd");

    Cli.Result calm = ok(cli.run("monitor", "run", "--name", MONITOR, "--from", Instant.ofEpochMilli(before)
        .toString(), "--to", Instant.ofEpochMilli(between).toString()));
    assertThat(calm.out()).contains("rows:").contains("2000")
        .contains("SIGNAL").contains("FEATURE").contains("METRIC").contains("THRESHOLD").contains("DRIFT");
    assertThat(dataDriftRows(calm.out())).as("a row per feature").hasSize(8).allMatch(r -> r.endsWith(" no"));

    Cli.Result drift = cli.run("monitor", "run", "--name", MONITOR, "--from", Instant.ofEpochMilli(between)
        .toString(), "--fail-on-alert");
    assertThat(drift.exitCode()).as(drift.out() + drift.err()).isEqualTo(MonitorRunCommand.EXIT_ALERT);
    List<String> drifting = dataDriftRows(drift.out()).stream().filter(r -> r.endsWith(" yes")).toList();
    assertThat(drifting).as(drift.out()).hasSize(1).allMatch(r -> r.contains("PlasmaGlucose"));
    assertThat(drift.out()).contains("verdict: ALERT").contains("report:");
    long driftRun = Json.mapper().readTree(ok(cli.run("monitor", "history", "--name", MONITOR, "--output", "json"))
        .out()).get(0).path("id").asLong();

    Path labels = EndpointTraffic.labelsFile(shifted, temp.resolve("labels.csv"));
    assertThat(ok(cli.run("monitor", "labels", "--endpoint", ENDPOINT, "--file", labels.toString())).out())
        .contains("Posted 2000 labels for endpoint " + ENDPOINT);
    Cli.Result measured = cli.run("monitor", "run", "--name", MONITOR, "--from", Instant.ofEpochMilli(between)
        .toString());
    assertThat(measured.exitCode()).as("without --fail-on-alert an alert exits 0").isZero();
    assertThat(measured.out()).contains("model_performance").contains("accuracy").contains("2000 labeled");

    Cli.Result history = ok(cli.run("monitor", "history", "--name", MONITOR));
    assertThat(history.out()).contains("RUN").contains("WINDOW").contains("VERDICT").contains("NO_DATA")
        .contains("ALERT");
    assertThat(history.out().lines().count()).as("a header and four runs").isEqualTo(5);
    JsonNode runs = Json.mapper().readTree(ok(cli.run("monitor", "history", "--name", MONITOR, "--limit", "2",
        "--output", "json")).out());
    assertThat(runs).hasSize(2);

    assertThat(ok(cli.run("monitor", "show", "--name", MONITOR)).out()).contains("endpoint:").contains(ENDPOINT)
        .contains("every:").contains("1h").contains("Latest run:").contains("verdict:");
    assertThat(ok(cli.run("monitor", "list")).out()).contains(MONITOR).contains(ENDPOINT).contains("1h");
    assertThat(ok(cli.run("monitor", "alerts", "--name", MONITOR)).out()).contains(MONITOR).contains("data_drift")
        .contains(String.valueOf(driftRun));

    Path report = temp.resolve("out/report.html");
    assertThat(ok(cli.run("monitor", "report", "--name", MONITOR, "--run", String.valueOf(driftRun), "--out",
        report.toString())).out()).contains(report.toString());
    assertThat(Files.readString(report)).containsIgnoringCase("<html").contains("PlasmaGlucose");
    assertThat(unshifted.labels()).hasSize(2000);

    refused(cli.run("monitor", "delete", "--name", MONITOR));
    ok(cli.run("monitor", "delete", "--name", MONITOR, "--yes"));
    assertThat(cli.run("monitor", "show", "--name", MONITOR).err()).contains(MONITOR);
  }

  /** Through `mloop server`: its workspace has the monitoring engine, and reports are served at their URL. */
  @Test
  void theSameCommandsThroughAServer() throws Exception {
    try (ServerProcess server = ServerProcess.start(temp.resolve("ws"))) {
      Cli remote = new Cli(server.url());
      assertThat(ok(remote.run("monitor", "create", "--name", MONITOR, "--endpoint", ENDPOINT, "--baseline",
          "mloop:diabetes-baseline@latest")).out()).contains("turned on at 100%");
      Cli.Result run = ok(remote.run("monitor", "run", "--name", MONITOR));
      assertThat(run.out()).contains("verdict: NO_DATA")
          .contains("report: " + server.url() + "/api/v1/monitors/" + MONITOR + "/runs/1/report");
      Path labels = temp.resolve("one-label.jsonl");
      Files.writeString(labels, "{\"correlation_id\": \"3f1c9a0e\", \"row\": 0, \"label\": 1}\n");
      assertThat(ok(remote.run("monitor", "labels", "--endpoint", ENDPOINT, "--file", labels.toString())).out())
          .contains("Posted 1 label for endpoint " + ENDPOINT);
      assertThat(ok(remote.run("monitor", "history", "--name", MONITOR)).out()).contains("NO_DATA");
    }
  }

  /** Synthesizes {@code rows} patients and scores them on the endpoint in one CSV request (the features only). */
  private EndpointTraffic.Scored score(String name, int rows, int seed, String shift) throws IOException {
    Path dir = temp.resolve(name);
    List<String> args = new ArrayList<>(List.of("data", "synth", "diabetes", "--rows", String.valueOf(rows),
        "--seed", String.valueOf(seed), "--out", dir.toString()));
    if (shift != null) {
      args.addAll(List.of("--shift", shift));
    }
    ok(SYNTH.run(args.toArray(String[]::new)));
    return EndpointTraffic.score(cli, ENDPOINT, dir.resolve("diabetes.csv"), temp.resolve(name + "-request.csv"));
  }

  /** The data_drift rows of the metric table judged per feature (not reported-only, not the dataset's "*"). */
  private static List<String> dataDriftRows(String out) {
    return out.lines().filter(l -> l.startsWith("data_drift ")).map(String::strip)
        .filter(l -> l.endsWith(" yes") || l.endsWith(" no")).filter(l -> !l.split("\\s+")[1].equals("*")).toList();
  }

  private static Cli.Result ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    return result;
  }

  private static Cli.Result refused(Cli.Result result) {
    assertThat(result.exitCode()).as(result.out()).isNotZero();
    assertThat(result.err()).doesNotContain("Exception");
    return result;
  }
}
