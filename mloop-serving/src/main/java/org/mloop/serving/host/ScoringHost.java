package org.mloop.serving.host;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.serving.collect.DataCollector;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringException;

/**
 * Serves the online endpoints of a workspace in-process: either every endpoint (what
 * {@code mloop server} mounts) or one (what {@code mloop serve --endpoint NAME} runs as a replica).
 *
 * <p>The host is its parts, wired here: {@link ServedTables} holds one immutable {@link RoutingTable}
 * per endpoint, which {@link TableRefresher}'s background thread replaces when the endpoint's
 * generation changed (models loaded first, so no request fails during a change); a request is let in
 * by {@link Admission} (endpoint served, key valid), routed by its table, and scored by
 * {@link RequestScorer} (which hands sampled requests to the data collector and copies mirrored ones
 * to {@link Mirroring}).
 *
 * <pre>{@code
 * ScoringHost host = ScoringHost.allEndpoints(new WorkspaceCatalog(ws, cache), collector, HostOptions.defaults());
 * host.start();
 * host.mount(router);            // or ScoringServer.start(host, "127.0.0.1", 8080, cores)
 * ...
 * host.close();
 * }</pre>
 */
public final class ScoringHost implements AutoCloseable {
  private final String onlyEndpoint;
  private final Codecs codecs;
  private final DataCollector collector;
  private final HostOptions options;
  private final HostMetrics metrics = new HostMetrics();
  private final ServedTables tables = new ServedTables();
  private final Admission admission;
  private final TableRefresher refresher;
  private final Mirroring mirroring;
  private final RequestScorer scorer;

  private ScoringHost(EndpointCatalog catalog, String onlyEndpoint, Codecs codecs, DataCollector collector,
      HostOptions options) {
    this.onlyEndpoint = onlyEndpoint;
    this.codecs = codecs;
    this.collector = collector;
    this.options = options;
    this.admission = new Admission(tables, onlyEndpoint, metrics);
    this.refresher = new TableRefresher(catalog, onlyEndpoint, tables, metrics, options.hostId());
    this.mirroring = new Mirroring(options.mirrorQueue(), options.limits());
    this.scorer = new RequestScorer(codecs, options.limits(), collector, mirroring);
  }

  /** A host for every endpoint of the catalog speaking the standard protocols; {@code collector} may be null. */
  public static ScoringHost allEndpoints(EndpointCatalog catalog, DataCollector collector, HostOptions options) {
    return allEndpoints(catalog, Codecs.standard(), collector, options);
  }

  /** A host for one endpoint speaking the standard protocols, a replica of {@code mloop serve --endpoint NAME}. */
  public static ScoringHost singleEndpoint(String endpoint, EndpointCatalog catalog, DataCollector collector,
      HostOptions options) {
    return singleEndpoint(endpoint, catalog, Codecs.standard(), collector, options);
  }

  /** A host for every endpoint of the catalog. {@code collector} may be null (no data collection). */
  public static ScoringHost allEndpoints(EndpointCatalog catalog, Codecs codecs, DataCollector collector,
      HostOptions options) {
    return new ScoringHost(catalog, null, codecs, collector, options);
  }

  /** A host for one endpoint, a replica of {@code mloop serve --endpoint NAME}. */
  public static ScoringHost singleEndpoint(String endpoint, EndpointCatalog catalog, Codecs codecs,
      DataCollector collector, HostOptions options) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("a single-endpoint host needs the endpoint's name");
    }
    return new ScoringHost(catalog, endpoint, codecs, collector, options);
  }

  /** Starts polling the catalog; the first refresh runs at once, in the background. */
  public ScoringHost start() {
    refresher.start(options.pollInterval().toMillis());
    return this;
  }

  /** The endpoint this host serves alone, or null when it serves them all. */
  public String onlyEndpoint() {
    return onlyEndpoint;
  }

  public Codecs codecs() {
    return codecs;
  }

  public HostOptions options() {
    return options;
  }

  /** Re-reads the catalog now, without waiting for the next poll (after a change made in this process). */
  public CompletableFuture<Void> refreshSoon() {
    return refresher.refreshSoon();
  }

  /**
   * Re-reads the catalog and waits until the new tables are in place (models loaded). Blocks: never
   * call it on an event loop (use {@link #refreshSoon}). Works without {@link #start}, so a one-shot
   * {@code mloop endpoint invoke} can read once and score without a polling thread.
   */
  public void refreshNow() {
    refresher.refreshNow();
  }

  /** The generation of the endpoint this host routes by now, or -1 when it does not serve it (yet). */
  public long servedGeneration(String endpoint) {
    return tables.servedGeneration(endpoint);
  }

  /** True once every deployment of the endpoint with live traffic has its model loaded. */
  public boolean ready(String endpoint) {
    return tables.ready(endpoint);
  }

  /** True once the host has read its workspace at least once. */
  boolean refreshedOnce() {
    return tables.refreshedOnce();
  }

  /** True when this host serves the endpoint (it exists and has been read at least once). */
  public boolean serves(String endpoint) {
    return tables.get(endpoint) != null;
  }

  /** Why the endpoint is not ready, for probes: deployments still loading or failed; empty when ready. */
  public List<String> waitingFor(String endpoint) {
    return tables.waitingFor(endpoint);
  }

  /** Prometheus text exposition of the host's metrics. */
  public String metricsText() {
    return metrics.scrape();
  }

  /** The Micrometer registry, for a server that exposes more metrics beside these. */
  public io.micrometer.prometheusmetrics.PrometheusMeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /** Mounts the scoring routes on a router (see {@link HostRoutes} for the paths). */
  public void mount(Router router) {
    new HostRoutes(this).mount(router);
  }

  /** A router with the scoring routes alone, for a standalone server. */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    mount(router);
    return router;
  }

  /**
   * Scores one request without HTTP ({@code mloop endpoint invoke} on a local workspace): the same
   * auth, routing, validation, metrics and collection as over HTTP. {@code deployment} targets one
   * deployment (null routes by traffic); {@code key} is the endpoint key (null when none).
   */
  public ScoringResult score(String endpoint, String deployment, Protocol protocol, String contentType, byte[] body,
      String key) {
    return score(admit(endpoint, protocol, key, null), deployment, null, contentType, body);
  }

  /**
   * Admission, before the body is read: the refusal of a request to an unknown endpoint or without a
   * valid key, or the ticket to score it with.
   */
  Admission.Admitted admit(String endpoint, Protocol protocol, String key, String requestId) {
    return admission.admit(endpoint, protocol, key, requestId);
  }

  /**
   * The rest of the request path once the body is read: admission again if the endpoint's table
   * changed meanwhile, routing, scoring. {@code v2} is the model (and version) of an Open Inference
   * path, null elsewhere; errors are written in the protocol's shape.
   */
  ScoringResult score(Admission.Admitted admitted, String key, String deployment, V2Target v2, String contentType,
      byte[] body) {
    Admission.Admitted now = admission.recheck(admitted, key);
    return score(now, deployment, v2, contentType, body);
  }

  private ScoringResult score(Admission.Admitted admitted, String deployment, V2Target v2, String contentType,
      byte[] body) {
    if (admitted.refused()) {
      return admitted.refusal();
    }
    RoutingTable table = admitted.table();
    LoadedDeployment target;
    try {
      target = table.route(deployment, v2);
    } catch (ScoringException e) {
      return admission.refuse(admitted, e);
    }
    return scorer.score(table, target, admitted.protocol(), contentType, body, admitted.requestId());
  }

  /** Mirrored requests of a deployment so far with this outcome ("scored", "failed", "dropped"); for tests and status. */
  double mirrored(String endpoint, String deployment, String outcome) {
    return metrics.meters(endpoint, deployment).mirrored(outcome);
  }

  RoutingTable table(String endpoint) {
    return tables.get(endpoint);
  }

  /**
   * Has the data collector write every row of the requests answered so far (see
   * {@link DataCollector#flush}); a host without one holds nothing.
   */
  public CollectedDataFlush.Result flushCollectedData(Duration timeout) {
    return collector == null ? new CollectedDataFlush.Result(0, 0, true) : collector.flush(timeout);
  }

  /** Stops polling and mirroring, and closes the data collector (which writes what it holds). */
  @Override
  public void close() {
    refresher.close();
    mirroring.close();
    if (collector != null) {
      collector.close();
    }
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
