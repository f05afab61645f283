package org.mloop.core.monitoring;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.data.AssetRef;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.endpoints.EndpointStore;
import org.mloop.core.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitors of a local workspace: specs checked, collection turned on for the monitored endpoint,
 * runs computed by the {@link MonitorEngine} and stored with their HTML report under
 * {@code monitoring/NAME/RUNID/report.html}, alerts recorded and handed to the engine for delivery.
 * A computed run is stored before anything that can fail after it (report, alert, webhooks).
 */
public final class LocalMonitorService implements MonitorService {
  static final int MAX_LIST = 1000;
  static final int MAX_LABELS_PER_POST = 100_000;
  static final int MAX_LABEL_TEXT = 256;
  static final Duration MIN_EVERY = Duration.ofMinutes(1);
  private static final int MAX_WEBHOOKS = 10;
  /** An engine gives up on a delivery well within this (retries and the drain on close take under a minute). */
  static final Duration STALLED_DELIVERY = Duration.ofMinutes(2);
  private static final Logger LOG = LoggerFactory.getLogger(LocalMonitorService.class);

  private final Workspace workspace;
  private final MonitorStore store;
  private final EndpointStore endpoints;
  private final ArtifactStore artifacts;
  private final MonitorEngine engine;
  /** The data collectors of this process (a server's scoring host), flushed before a run reads a recent window. */
  private volatile CollectedDataFlush collectors;

  /**
   * {@code workspace} is the one the engine reads (collected data, baselines, models) and checks a
   * monitor's baseline in; {@code engine} may be null: monitors can then be managed but not run in
   * this process.
   */
  public LocalMonitorService(Workspace workspace, MonitorStore store, EndpointStore endpoints, ArtifactStore artifacts,
      MonitorEngine engine) {
    this.workspace = workspace;
    this.store = store;
    this.endpoints = endpoints;
    this.artifacts = artifacts;
    this.engine = engine;
  }

  /** {@code flush} writes what this process's data collectors hold; null when none runs here. */
  public void collectorsInThisProcess(CollectedDataFlush flush) {
    this.collectors = flush;
  }

  // ---- monitors

  @Override
  public MonitorCreation create(MonitorSpec spec) {
    if (spec == null) {
      throw MloopException.invalid("a monitor needs a spec: name, endpoint and signals");
    }
    EndpointRules.checkMonitorName(spec.name());
    if (spec.endpoint() == null || spec.endpoint().isBlank()) {
      throw MloopException.invalid("monitor '" + spec.name() + "' needs an endpoint: the name of the online endpoint it watches");
    }
    Endpoint endpoint = endpoints.getEndpoint(spec.endpoint()).orElseThrow(() -> MloopException.notFound("endpoint '"
        + spec.endpoint() + "' not found; a monitor watches an existing online endpoint"));
    if (spec.baseline() != null) {
      workspace.data().get(AssetRef.parse(spec.baseline()));
    }
    if (spec.signals().isEmpty()) {
      throw MloopException.invalid("monitor '" + spec.name() + "' has no signals: give at least one of "
          + String.join(", ", List.of(Signal.values()).stream().map(Signal::id).toList()));
    }
    if (spec.every() != null && spec.every().compareTo(MIN_EVERY) < 0) {
      throw MloopException.invalid("monitor '" + spec.name() + "': every " + spec.every().toSeconds()
          + "s is too often; run it at most once a minute (every 15m, for example), or leave every out to run it"
          + " on demand");
    }
    if (spec.window().isZero() || spec.window().isNegative()) {
      throw MloopException.invalid("monitor '" + spec.name() + "': the window must be longer than 0, e.g. 24h");
    }
    if (spec.webhooks().size() > MAX_WEBHOOKS) {
      throw MloopException.invalid("monitor '" + spec.name() + "' has " + spec.webhooks().size()
          + " webhooks; the limit is " + MAX_WEBHOOKS);
    }
    spec.webhooks().forEach(LocalMonitorService::checkWebhook);

    Monitor monitor = store.createMonitor(spec, System.currentTimeMillis());
    // Collection is turned on after the monitor is stored, so a refused monitor changes nothing.
    List<String> turnedOn = new ArrayList<>();
    for (Deployment d : endpoints.listDeployments(endpoint.name())) {
      if (!d.dataCollection().enabled()) {
        endpoints.updateDeployment(endpoint.name(), d.name(), x -> x.withDataCollection(DataCollection.ALL));
        turnedOn.add(d.name());
      }
    }
    return new MonitorCreation(monitor, turnedOn);
  }

  @Override
  public Monitor get(String name) {
    return store.getMonitor(name).orElseThrow(() -> MloopException.notFound("monitor '" + name
        + "' not found among the workspace's monitors"));
  }

  @Override
  public List<Monitor> list() {
    return store.listMonitors();
  }

  @Override
  public void delete(String name) {
    if (!store.deleteMonitor(name)) {
      throw MloopException.notFound("monitor '" + name + "' not found among the workspace's monitors");
    }
    artifacts.delete(reportsRoot(name));
  }

  // ---- runs

  @Override
  public MonitorRun run(String name, Long from, Long to) {
    Monitor monitor = get(name);
    if (engine == null) {
      throw new MloopException(ErrorCode.INVALID_STATE, "this process has no monitoring engine, so monitor '" + name
          + "' cannot run here; run it where one runs: on the workspace server, or in a process that opened the"
          + " workspace with one");
    }
    long windowTo = to != null ? to : System.currentTimeMillis();
    long windowFrom = from != null ? from : windowTo - monitor.spec().window().toMillis();
    if (windowFrom >= windowTo) {
      throw MloopException.invalid("monitor '" + name + "': the window start " + windowFrom
          + " must be before its end " + windowTo + " (epoch milliseconds)");
    }
    List<String> lag = CollectionLag.settle(collectors, windowFrom, windowTo, System.currentTimeMillis());
    MonitorRun stored = store.insertMonitorRun(evaluate(monitor, windowFrom, windowTo).withNotes(lag).withId(0));
    List<String> problems = new ArrayList<>();
    try {
      artifacts.write(reportPath(name, stored.id()), new ByteArrayInputStream(engine.report(monitor, stored)));
    } catch (RuntimeException e) {
      LOG.warn("monitor {} run {}: the HTML report could not be written", name, stored.id(), e);
      problems.add("the HTML report could not be written: " + e.getMessage());
    }
    if (stored.verdict() == Verdict.ALERT) {
      try {
        alert(monitor, stored);
      } catch (RuntimeException e) {
        LOG.warn("monitor {} run {}: the alert could not be recorded", name, stored.id(), e);
        problems.add("the alert could not be recorded: " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      return stored;
    }
    return stored.withNotes(problems);
  }

  /** The engine's run; an engine that throws instead of returning FAILED still leaves a FAILED run in the history. */
  private MonitorRun evaluate(Monitor monitor, long from, long to) {
    long started = System.currentTimeMillis();
    try {
      MonitorRun run = engine.evaluate(workspace, monitor, from, to);
      if (run == null || !monitor.name().equals(run.monitor())) {
        throw new IllegalStateException("the monitoring engine returned " + (run == null ? "no run"
            : "a run of monitor '" + run.monitor() + "'"));
      }
      return run;
    } catch (RuntimeException e) {
      LOG.warn("monitor {}: the run failed", monitor.name(), e);
      return new MonitorRun(0, monitor.name(), monitor.spec().endpoint(), started, System.currentTimeMillis(), from,
          to, monitor.spec().baseline(), 0, List.of(), 0, 0, Verdict.FAILED, "run failed: " + e.getMessage(),
          List.of(), List.of(), List.of(), List.of());
    }
  }

  /**
   * Re-sends alerts whose webhook delivery was cut off (still "pending" minutes after they were
   * raised); what a long-running server does when it starts. Returns how many were re-sent.
   */
  public int redeliverStalledAlerts() {
    return redeliverStalledAlerts(STALLED_DELIVERY);
  }

  /**
   * Hands alerts still "pending" for longer than {@code stalled} to the engine again: their sender
   * stopped before delivery finished (a server killed, a `monitor run` interrupted), since a delivery
   * takes well under a minute. Delivery is therefore at least once; receivers tell repeats apart by
   * the payload's alert id. Returns how many were handed over.
   */
  public int redeliverStalledAlerts(Duration stalled) {
    if (engine == null) {
      return 0;
    }
    int handed = 0;
    for (Alert alert : store.listPendingAlerts(System.currentTimeMillis() - stalled.toMillis(), MAX_LIST)) {
      Monitor monitor = store.getMonitor(alert.monitor()).orElse(null);
      MonitorRun run = monitor == null ? null : store.getMonitorRun(alert.monitor(), alert.runId()).orElse(null);
      if (run == null || monitor.spec().webhooks().isEmpty()) {
        recordDelivery(alert, "failed: not re-sent, " + (run == null ? "its run is gone" : "the monitor has no webhooks"));
        continue;
      }
      LOG.info("monitor {} alert {}: re-sending, its delivery was cut off", monitor.name(), alert.id());
      deliver(monitor, alert, run);
      handed++;
    }
    return handed;
  }

  private void alert(Monitor monitor, MonitorRun run) {
    List<Signal> signals = run.signals().stream().filter(SignalResult::alert).map(SignalResult::signal).toList();
    boolean hooks = !monitor.spec().webhooks().isEmpty();
    Alert alert = store.insertAlert(new Alert(0, monitor.name(), run.id(), System.currentTimeMillis(), signals,
        run.summary(), hooks ? Alert.PENDING : Alert.NONE));
    if (hooks) {
      deliver(monitor, alert, run);
    }
  }

  private void deliver(Monitor monitor, Alert alert, MonitorRun run) {
    try {
      engine.deliver(monitor, alert, run, outcome -> recordDelivery(alert, outcome));
    } catch (RuntimeException e) {
      LOG.warn("monitor {} alert {}: delivery could not start", monitor.name(), alert.id(), e);
      recordDelivery(alert, "failed: " + e.getMessage());
    }
  }

  private void recordDelivery(Alert alert, String outcome) {
    try {
      store.updateAlertDelivery(alert.id(), outcome);
    } catch (RuntimeException e) {
      // Runs on the engine's delivery thread; the monitor may have been deleted meanwhile.
      LOG.warn("monitor {} alert {}: delivery '{}' could not be recorded", alert.monitor(), alert.id(), outcome, e);
    }
  }

  @Override
  public MonitorRun getRun(String name, long runId) {
    get(name);
    return store.getMonitorRun(name, runId).orElseThrow(() -> runNotFound(name, runId));
  }

  @Override
  public List<MonitorRun> listRuns(String name, int limit) {
    get(name);
    return store.listMonitorRuns(name, clamp(limit));
  }

  @Override
  public InputStream openReport(String name, long runId) {
    getRun(name, runId);
    String path = reportPath(name, runId);
    if (!artifacts.exists(path)) {
      throw MloopException.notFound("run " + runId + " of monitor '" + name + "' has no HTML report: it could not "
          + "be written when the run was stored (the run's notes and the server log say why)");
    }
    return artifacts.read(path);
  }

  @Override
  public List<Alert> listAlerts(String name, int limit) {
    if (name != null) {
      get(name);
    }
    return store.listAlerts(name, clamp(limit));
  }

  // ---- ground truth

  @Override
  public int postGroundTruth(String endpoint, List<GroundTruth> labels) {
    requireEndpoint(endpoint);
    if (labels == null || labels.isEmpty()) {
      throw MloopException.invalid("no labels given: post [{\"correlation_id\": ..., \"row\": 0, \"label\": ...}, ...]");
    }
    if (labels.size() > MAX_LABELS_PER_POST) {
      throw MloopException.invalid(labels.size() + " labels in one post; the limit is " + MAX_LABELS_PER_POST
          + ": post them in batches");
    }
    for (int i = 0; i < labels.size(); i++) {
      GroundTruth g = labels.get(i);
      if (g == null) {
        throw MloopException.invalid("label " + i + " is empty");
      }
      if (g.correlationId() == null || g.correlationId().isBlank() || g.correlationId().length() > MAX_LABEL_TEXT) {
        throw MloopException.invalid("label " + i + ": correlation_id must be the non-empty id scoring returned "
            + "(at most " + MAX_LABEL_TEXT + " characters), got '" + g.correlationId() + "'");
      }
      if (g.row() < 0) {
        throw MloopException.invalid("label " + i + " (" + g.correlationId() + "): row must be >= 0 (the row's index "
            + "in the scored request, 0 for single rows), got " + g.row());
      }
      if (g.label() == null || g.label().isBlank() || g.label().length() > MAX_LABEL_TEXT) {
        throw MloopException.invalid("label " + i + " (" + g.correlationId() + "): label must be a non-empty class "
            + "name such as 0 or 1 (at most " + MAX_LABEL_TEXT + " characters), got '" + g.label() + "'");
      }
    }
    return store.saveGroundTruth(endpoint, labels, System.currentTimeMillis());
  }

  @Override
  public List<GroundTruth> listGroundTruth(String endpoint, long receivedSince) {
    requireEndpoint(endpoint);
    List<GroundTruth> out = new ArrayList<>();
    store.forEachGroundTruth(endpoint, receivedSince, out::add);
    return out;
  }

  // ---- helpers

  static String reportPath(String monitor, long runId) {
    return reportsRoot(monitor) + "/" + runId + "/report.html";
  }

  private static String reportsRoot(String monitor) {
    return "monitoring/" + EndpointRules.checkMonitorName(monitor);
  }

  private void requireEndpoint(String endpoint) {
    if (endpoint == null || endpoints.getEndpoint(endpoint).isEmpty()) {
      throw MloopException.notFound("endpoint '" + endpoint + "' not found among the workspace's endpoints");
    }
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, MAX_LIST));
  }

  private static MloopException runNotFound(String name, long runId) {
    return MloopException.notFound("monitor '" + name + "' has no run " + runId + "; the monitor's runs list the"
        + " ids it has");
  }

  private static void checkWebhook(String url) {
    URI uri;
    try {
      uri = url == null ? null : new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw MloopException.invalid("bad webhook '" + url + "': use an http:// or https:// URL, e.g. "
          + "https://hooks.example.com/mloop");
    }
  }
}
