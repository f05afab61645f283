package org.mloop.cli.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mloop.cli.endpoints.EndpointInvoker;
import org.mloop.core.MloopException;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.json.Json;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.workspace.Workspace;
import org.mloop.serving.protocol.Protocol;

/**
 * Monitoring of the production endpoint as a client sees it: a monitor with every signal on the
 * lineage's training data, windows of synthetic patients scored over HTTP in batches (keeping each
 * request's correlation id and each row's true label), a bounded wait until the endpoint's data
 * collector has written them, monitor runs over exactly those windows, and the labels posted back.
 */
public final class ProductionMonitoring implements AutoCloseable {
  public static final String MONITOR = "diabetes-prod-monitor";
  /** Rows per scoring request over HTTP: big enough to keep the windows quick, small enough to look like clients. */
  public static final int BATCH_ROWS = 250;
  /** The collector writes a file at the latest 10 s after its first row: this leaves room for a slow disk. */
  static final Duration COLLECTION_TIMEOUT = Duration.ofSeconds(40);

  private final Workspace ws;
  private final String location;
  private final String endpoint;
  private final String monitor;
  private final int batchRows;

  /** Rows scored in [from, to): the true label of each row by correlation id and row index. */
  public record Window(String description, long from, long to, int rows, List<GroundTruth> labels) {}

  /**
   * @param location the workspace's URL (requests go over HTTP) or directory (scored in this process,
   *     each request by a host of its own, which writes its collected rows when it closes)
   */
  public ProductionMonitoring(Workspace ws, String location, String endpoint, String monitor, int batchRows) {
    this.ws = ws;
    this.location = location;
    this.endpoint = endpoint;
    this.monitor = monitor;
    this.batchRows = batchRows;
  }

  /** The monitor, whether it was already there, and the deployments whose data collection was turned on. */
  public record Created(Monitor monitor, boolean reused, List<String> collectionTurnedOn) {}

  /**
   * The monitor on the endpoint with every signal, the default thresholds and the lineage's baseline;
   * one an earlier quickstart left on this workspace is kept (with its history), and collection is
   * turned on for the deployments promoted since, which do not collect by default.
   */
  public Created createOrReuse() {
    Optional<Monitor> existing = ws.monitors().list().stream().filter(m -> m.name().equals(monitor)).findFirst();
    if (existing.isEmpty()) {
      MonitorCreation created = ws.monitors().create(new MonitorSpec(monitor, endpoint, null, List.of(Signal.values()),
          Thresholds.defaults(), null, null, List.of()));
      return new Created(created.monitor(), false, created.collectionTurnedOn());
    }
    if (!existing.get().spec().endpoint().equals(endpoint)) {
      throw MloopException.invalid("monitor " + monitor + " exists and watches endpoint "
          + existing.get().spec().endpoint() + ", not " + endpoint + ": delete it (mloop monitor delete --name "
          + monitor + ") and run the quickstart again");
    }
    List<String> turnedOn = new ArrayList<>();
    for (Deployment d : ws.endpoints().listDeployments(endpoint)) {
      if (d.dataCollection().samplePercent() <= 0) {
        ws.endpoints().updateDeployment(endpoint, d.name(), null, DataCollection.ALL);
        turnedOn.add(d.name());
      }
    }
    return new Created(existing.get(), true, turnedOn);
  }

  /** Scores {@code rows} patients of {@code synthesizer} on the endpoint in batches; the window ends after the last answer. */
  public Window send(String description, DiabetesSynthesizer synthesizer, int rows, long notBefore) {
    waitUntil(notBefore);
    List<String> columns = new ArrayList<>();
    for (DiabetesFeature f : DiabetesFeature.values()) {
      columns.add(f.column());
    }
    List<GroundTruth> labels = new ArrayList<>(rows);
    long from = System.currentTimeMillis();
    Iterator<PatientRow> patients = synthesizer.iterator(rows);
    while (patients.hasNext()) {
      List<double[]> data = new ArrayList<>(batchRows);
      List<String> truth = new ArrayList<>(batchRows);
      while (patients.hasNext() && data.size() < batchRows) {
        PatientRow p = patients.next();
        double[] row = new double[columns.size()];
        for (DiabetesFeature f : DiabetesFeature.values()) {
          row[f.ordinal()] = p.feature(f);
        }
        data.add(row);
        truth.add(Integer.toString(p.diabetic()));
      }
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("columns", columns);
      input.put("data", data);
      byte[] body = Json.write(Map.of("input_data", input)).getBytes(StandardCharsets.UTF_8);
      EndpointInvoker.Response response = EndpointInvoker.invoke(ws, location, endpoint, null, Protocol.AZURE_SCORE,
          "application/json", body);
      if (!response.ok() || response.requestId() == null) {
        throw new IllegalStateException(endpoint + " answered HTTP " + response.status()
            + (response.requestId() == null ? " without a request id" : "") + ": " + response.body());
      }
      for (int i = 0; i < truth.size(); i++) {
        labels.add(new GroundTruth(response.requestId(), i, truth.get(i)));
      }
    }
    // the server stamps rows on arrival, before it answers: the window ends just after the last answer
    long to = System.currentTimeMillis() + 1;
    return new Window(description, from, to, rows, labels);
  }

  /**
   * Waits until the endpoint's deployments have written every row of [from, to) to the workspace
   * (the collector writes files every few seconds, not per request); returns how many there are.
   *
   * @throws IllegalStateException after {@link #COLLECTION_TIMEOUT} with fewer rows, saying how many
   */
  public long awaitCollected(long from, long to, long expected) {
    long deadline = System.currentTimeMillis() + COLLECTION_TIMEOUT.toMillis();
    long collected = 0;
    while (true) {
      collected = 0;
      for (Deployment d : ws.endpoints().listDeployments(endpoint)) {
        collected += CollectedRecords.of(ws.endpoints(), endpoint, d.name())
            .forEach(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), r -> { });
      }
      if (collected >= expected) {
        return collected;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(endpoint + " collected " + collected + " of the " + expected + " rows sent"
            + " between " + Instant.ofEpochMilli(from) + " and " + Instant.ofEpochMilli(to) + " within "
            + COLLECTION_TIMEOUT.toSeconds() + " s: is data collection on for its deployments"
            + " (mloop endpoint show --name " + endpoint + ")? The server's log says why rows were dropped.");
      }
      sleep(500);
    }
  }

  /** Throws unless the run read every one of the {@code sent} rows of its window. */
  public static void checkCollected(MonitorRun run, long sent) {
    if (run.rows() < sent) {
      throw new IllegalStateException("monitor run " + run.id() + " of " + run.monitor() + " read " + run.rows()
          + " of the " + sent + " rows sent in its window: is data collection on for the endpoint's deployments?"
          + " The server's log says why rows were dropped.");
    }
  }

  /** A monitor run over exactly the window. */
  public MonitorRun run(Window window) {
    return ws.monitors().run(monitor, window.from(), window.to());
  }

  /** Posts the windows' true labels; returns how many the workspace stored. */
  public int postLabels(List<Window> windows) {
    List<GroundTruth> all = new ArrayList<>();
    windows.forEach(w -> all.addAll(w.labels()));
    return ws.monitors().postGroundTruth(endpoint, all);
  }

  /** Writes the run's HTML report into {@code dir}; returns the file. */
  public Path report(MonitorRun run, Path dir) throws IOException {
    Path file = dir.resolve(monitor + "-run-" + run.id() + ".html").toAbsolutePath().normalize();
    Files.createDirectories(dir);
    try (InputStream in = ws.monitors().openReport(monitor, run.id())) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /**
   * One line for people: the verdict, the summaries of the signals asked for, and those of any other
   * signal that alerted (so an alert is never left unexplained).
   *
   * @throws IllegalStateException when the run judged nothing (no data in the window) or failed
   */
  public static String describe(MonitorRun run, Signal... signals) {
    if (run.verdict() == Verdict.NO_DATA || run.verdict() == Verdict.FAILED) {
      throw new IllegalStateException("monitor run " + run.id() + " of " + run.monitor() + " over "
          + Instant.ofEpochMilli(run.windowFrom()) + " - " + Instant.ofEpochMilli(run.windowTo()) + ": "
          + run.verdict() + ": " + run.summary());
    }
    List<Signal> asked = List.of(signals);
    StringBuilder line = new StringBuilder("run " + run.id() + " " + run.verdict() + " (" + run.rows() + " rows)");
    for (SignalResult s : run.signals()) {
      if (asked.contains(s.signal()) || s.alert()) {
        line.append("; ").append(s.signal().id()).append(": ").append(s.summary());
      }
    }
    return line.toString();
  }

  /** The features a signal found drifting (empty when it did not alert). */
  public static List<String> breached(MonitorRun run, Signal signal) {
    return run.signals().stream().filter(s -> s.signal() == signal).findFirst()
        .map(SignalResult::breachedFeatures).orElse(List.of());
  }

  @Override
  public void close() {
    ws.close();
  }

  private static void waitUntil(long millis) {
    long now = System.currentTimeMillis();
    if (now < millis) {
      sleep(millis - now);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MloopException.invalid("interrupted while waiting for production data");
    }
  }
}
