package org.mloop.serving.host;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.mloop.serving.collect.CollectedBatch;
import org.mloop.serving.collect.DataCollector;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringCodec;
import org.mloop.serving.protocol.ScoringContext;
import org.mloop.serving.protocol.ScoringErrors;
import org.mloop.serving.protocol.ScoringException;
import org.mloop.serving.protocol.ScoringInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the online endpoints of a workspace in-process: either every endpoint (what
 * {@code mloop server} mounts) or one (what {@code mloop serve --endpoint NAME} runs as a replica).
 *
 * <p>Each endpoint is routed by an immutable {@link RoutingTable} held in one volatile map, so a
 * request reads one consistent generation. A background thread polls the catalog; when an
 * endpoint's generation changed it loads the models of new deployments first, then swaps the new
 * table in, so traffic never reaches a deployment that is not loaded and no request fails during
 * a change. Scoring itself ({@link #score}) is plain Java, cheap enough for an event loop.
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
  private static final Logger LOG = LoggerFactory.getLogger(ScoringHost.class);
  private static final long REFRESH_TIMEOUT_SECONDS = 120;

  private final EndpointCatalog catalog;
  private final String onlyEndpoint;
  private final Codecs codecs;
  private final DataCollector collector;
  private final HostOptions options;
  private final HostMetrics metrics = new HostMetrics();
  private final ScheduledExecutorService refresher;
  private final ThreadPoolExecutor mirrors;

  /** Endpoint name to its current table; replaced whole, never mutated. */
  private volatile Map<String, RoutingTable> tables = Map.of();
  private volatile boolean refreshedOnce;
  private volatile boolean started;

  // Touched by the refresh thread only.
  private final Map<String, Predictor> predictors = new HashMap<>();
  private final Set<String> gauges = new HashSet<>();
  private String lastRefreshError;

  private ScoringHost(EndpointCatalog catalog, String onlyEndpoint, Codecs codecs, DataCollector collector,
      HostOptions options) {
    this.catalog = catalog;
    this.onlyEndpoint = onlyEndpoint;
    this.codecs = codecs;
    this.collector = collector;
    this.options = options;
    this.refresher = Executors.newSingleThreadScheduledExecutor(daemon("mloop-host-refresh"));
    // Mirrored requests wait in a bounded queue; when it is full they are dropped and counted.
    this.mirrors = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(options.mirrorQueue()), daemon("mloop-host-mirror"),
        new ThreadPoolExecutor.AbortPolicy());
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
  public synchronized ScoringHost start() {
    if (!started) {
      started = true;
      long every = options.pollInterval().toMillis();
      refresher.scheduleWithFixedDelay(this::pollQuietly, 0, Math.max(1, every), TimeUnit.MILLISECONDS);
    }
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
    return CompletableFuture.runAsync(this::refresh, refresher);
  }

  /**
   * Re-reads the catalog and waits until the new tables are in place (models loaded). Blocks: never
   * call it on an event loop (use {@link #refreshSoon}). Works without {@link #start}, so a one-shot
   * {@code mloop endpoint invoke} can read once and score without a polling thread.
   */
  public void refreshNow() {
    try {
      refreshSoon().get(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while refreshing the scoring host", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the scoring host did not refresh within " + REFRESH_TIMEOUT_SECONDS + " s");
    }
  }

  /** The generation of the endpoint this host routes by now, or -1 when it does not serve it (yet). */
  public long servedGeneration(String endpoint) {
    RoutingTable t = tables.get(endpoint);
    return t == null ? -1 : t.endpoint.generation();
  }

  /** True once every deployment of the endpoint with live traffic has its model loaded. */
  public boolean ready(String endpoint) {
    RoutingTable t = tables.get(endpoint);
    return t != null && t.ready;
  }

  /** True once the host has read its workspace at least once. */
  boolean refreshedOnce() {
    return refreshedOnce;
  }

  /** True when this host serves the endpoint (it exists and has been read at least once). */
  public boolean serves(String endpoint) {
    return tables.containsKey(endpoint);
  }

  /** Why the endpoint is not ready, for probes: deployments still loading or failed; empty when ready. */
  public List<String> waitingFor(String endpoint) {
    RoutingTable t = tables.get(endpoint);
    if (t == null) {
      return List.of(refreshedOnce ? "endpoint '" + endpoint + "' does not exist" : "first read of the workspace");
    }
    return t.notReady().stream()
        .map(d -> t.failed.containsKey(d) ? d + " (failed to load: " + t.failed.get(d) + ")" : d)
        .toList();
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
    return score(endpoint, deployment, null, protocol, contentType, body, key, null);
  }

  /**
   * The refusal of a request to an unknown endpoint or without a valid key, or null when it may be
   * scored. HTTP calls it before reading the body, so a caller without a key cannot make the host read
   * (and buffer) megabytes first.
   */
  ScoringResult admit(String endpoint, Protocol protocol, String key, String requestId) {
    String id = requestId == null || requestId.isEmpty() || requestId.length() > 200 ? newRequestId() : requestId;
    RoutingTable table = tables.get(endpoint);
    if (table == null) {
      return refuse(endpoint, null, protocol, id, unknownEndpoint(endpoint));
    }
    if (table.requiresKey() && !table.accepts(key)) {
      return refuse(endpoint, null, protocol, id, new ScoringException(401, key == null || key.isEmpty()
          ? "endpoint '" + endpoint + "' needs a key: send the header 'Authorization: Bearer <key>' with either key "
            + "of the endpoint (an endpoint's keys are read with its get-keys operation)"
          : "the key sent to endpoint '" + endpoint + "' is not one of its keys (the endpoint's get-keys"
            + " operation returns them)"));
    }
    return null;
  }

  /**
   * The whole request path. {@code v2} is the model (and version) of an Open Inference path, null
   * elsewhere; errors are written in {@code protocol}'s shape.
   */
  ScoringResult score(String endpoint, String deployment, V2Target v2, Protocol protocol, String contentType,
      byte[] body, String key, String requestId) {
    ScoringCodec codec = codecs.of(protocol);
    String id = requestId == null || requestId.isEmpty() || requestId.length() > 200 ? newRequestId() : requestId;
    ScoringResult refused = admit(endpoint, protocol, key, id);
    if (refused != null) {
      return refused;
    }
    RoutingTable table = tables.get(endpoint);
    LoadedDeployment target;
    try {
      target = choose(table, deployment, v2);
    } catch (ScoringException e) {
      return refuse(endpoint, null, protocol, id, e);
    }
    long start = System.nanoTime();
    int status;
    ScoringResult result;
    Deployment d = target.deployment();
    try {
      ScoringInput input = codec.decode(target.signature(), contentType, body, options.limits());
      Predictions predictions = target.predictor().predictRows(input.rows());
      byte[] out = codec.encode(new ScoringContext(endpoint, d.name(), d.modelName(), d.modelVersion(), id),
          input, predictions);
      result = new ScoringResult(200, codec.responseContentType(), out, d.name(), id);
      status = 200;
      if (collector != null && target.sampler().sample()) {
        collect(d, id, input, predictions);
      }
      LoadedDeployment mirror = table.mirror;
      if (mirror != null && mirror != target
          && ThreadLocalRandom.current().nextInt(100) < table.mirrorPercent) {
        mirror(mirror, codec, contentType, body);
      }
    } catch (ScoringException e) {
      status = e.status();
      result = error(status, e.getMessage(), d.name(), id, protocol);
    } catch (MloopException e) {
      boolean caller = e.code() == ErrorCode.INVALID_PARAMETER_VALUE || e.code() == ErrorCode.BAD_REQUEST;
      status = caller ? 400 : 500;
      if (!caller) {
        LOG.error("request {} to endpoint '{}' deployment '{}' failed", id, endpoint, d.name(), e);
      }
      result = error(status, caller ? e.getMessage() : internalMessage(id), d.name(), id, protocol);
    } catch (RuntimeException e) {
      status = 500;
      LOG.error("request {} to endpoint '{}' deployment '{}' failed", id, endpoint, d.name(), e);
      result = error(status, internalMessage(id), d.name(), id, protocol);
    }
    target.meters().request(status, System.nanoTime() - start);
    return result;
  }

  private LoadedDeployment choose(RoutingTable table, String deployment, V2Target v2) {
    String name = table.endpoint.name();
    if ((deployment == null || deployment.isEmpty()) && v2 != null) {
      LoadedDeployment d = v2.choose(table);
      if (d != null) {
        return d;
      }
    }
    if (deployment != null && !deployment.isEmpty()) {
      return byName(table, deployment);
    }
    if (!table.hasLiveTraffic()) {
      throw new ScoringException(503, "endpoint '" + name + "' has no live traffic"
          + (table.notReady().isEmpty() ? "" : " ready (" + String.join(", ", table.notReady()) + " not loaded)")
          + "; give one of its deployments live traffic (the endpoint's traffic), or target a deployment "
          + "with the header '" + ScoringResult.DEPLOYMENT + ": NAME'");
    }
    return table.pick(ThreadLocalRandom.current().nextDouble());
  }

  static LoadedDeployment byName(RoutingTable table, String deployment) {
    LoadedDeployment d = table.loaded.get(deployment);
    if (d != null) {
      return d;
    }
    String name = table.endpoint.name();
    if (table.failed.containsKey(deployment)) {
      throw new ScoringException(503, "deployment '" + deployment + "' of endpoint '" + name
          + "' failed to load its model: " + table.failed.get(deployment) + "; the deployment's logs say more");
    }
    throw new ScoringException(404, "endpoint '" + name + "' has no deployment '" + deployment + "'; its deployments are "
        + (table.deploymentNames.isEmpty() ? "none yet" : String.join(", ", table.deploymentNames)));
  }

  /** An unknown endpoint's answer names it alone: a caller without a key learns no other endpoint's name. */
  private ScoringException unknownEndpoint(String endpoint) {
    boolean another = onlyEndpoint != null && !onlyEndpoint.equals(endpoint);
    if (!another && !refreshedOnce) {
      return new ScoringException(503, "the scoring host is still reading its workspace; retry in a moment");
    }
    return new ScoringException(404, "no endpoint '" + endpoint + "' is served here");
  }

  private ScoringResult refuse(String endpoint, String deployment, Protocol protocol, String id, ScoringException e) {
    metrics.meters(endpoint, HostMetrics.NO_DEPLOYMENT).request(e.status(), -1);
    return error(e.status(), e.getMessage(), deployment, id, protocol);
  }

  private static ScoringResult error(int status, String message, String deployment, String id, Protocol protocol) {
    return new ScoringResult(status, ScoringErrors.CONTENT_TYPE, ScoringErrors.body(protocol, status, message),
        deployment, id);
  }

  private static String internalMessage(String id) {
    return "internal error while scoring request " + id + "; the host's log has the details";
  }

  private void collect(Deployment d, String id, ScoringInput input, Predictions predictions) {
    collector.offer(new CollectedBatch(d.endpointName(), d.name(), d.modelName(), d.modelVersion(), id,
        System.currentTimeMillis(), input.columns(), input.rows(), predictions));
  }

  /** Scores a copy of the request on the mirror deployment, on another thread; only the outcome is counted. */
  private void mirror(LoadedDeployment mirror, ScoringCodec codec, String contentType, byte[] body) {
    try {
      mirrors.execute(() -> {
        long start = System.nanoTime();
        try {
          ScoringInput input = codec.decode(mirror.signature(), contentType, body, options.limits());
          mirror.predictor().predictRows(input.rows());
          mirror.meters().mirror("scored");
        } catch (RuntimeException e) {
          mirror.meters().mirror("failed");
        }
        LOG.trace("mirrored request scored in {} ns", System.nanoTime() - start);
      });
    } catch (RejectedExecutionException e) {
      mirror.meters().mirror("dropped");
    }
  }

  /** Mirrored requests of a deployment so far with this outcome ("scored", "failed", "dropped"); for tests and status. */
  double mirrored(String endpoint, String deployment, String outcome) {
    return metrics.meters(endpoint, deployment).mirrored(outcome);
  }

  RoutingTable table(String endpoint) {
    return tables.get(endpoint);
  }

  static String newRequestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(hi, lo).toString();
  }

  // ---- refresh (refresh thread only)

  private void pollQuietly() {
    try {
      refresh();
      lastRefreshError = null;
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.equals(lastRefreshError)) {
        LOG.warn("cannot read the endpoints of the workspace; still serving the last ones read: {}", message);
        lastRefreshError = message;
      }
    }
  }

  private void refresh() {
    List<Endpoint> current;
    if (onlyEndpoint != null) {
      current = catalog.endpoint(onlyEndpoint).map(List::of).orElse(List.of());
    } else {
      current = catalog.endpoints();
    }
    Map<String, RoutingTable> old = tables;
    Map<String, RoutingTable> next = new HashMap<>();
    boolean changed = current.size() != old.size();
    for (Endpoint e : current) {
      RoutingTable previous = old.get(e.name());
      if (previous != null && previous.endpoint.generation() == e.generation()) {
        next.put(e.name(), previous);
      } else {
        next.put(e.name(), build(e, previous));
        changed = true;
      }
    }
    if (changed) {
      tables = Map.copyOf(next);
      afterSwap(next);
    }
    refreshedOnce = true;
  }

  /** Loads what the endpoint's deployments need (before anything routes to them) and builds its table. */
  private RoutingTable build(Endpoint read, RoutingTable previous) {
    Endpoint endpoint = read.keys() == null && read.authMode() == AuthMode.KEY
        ? read.withKeys(catalog.keys(read.name())) : read;
    List<Deployment> deployments = catalog.deployments(endpoint.name());
    Map<String, LoadedDeployment> loaded = new TreeMap<>();
    Map<String, String> failed = new TreeMap<>();
    List<String> names = new ArrayList<>();
    for (Deployment d : deployments) {
      names.add(d.name());
      LoadedDeployment before = previous == null ? null : previous.loaded.get(d.name());
      if (before != null && before.serves(d)) {
        loaded.put(d.name(), before.with(d));
        continue;
      }
      try {
        Predictor predictor = predictor(d);
        loaded.put(d.name(), new LoadedDeployment(d, predictor, metrics.meters(endpoint.name(), d.name())));
      } catch (RuntimeException e) {
        String reason = String.valueOf(e.getMessage());
        failed.put(d.name(), reason);
        LOG.warn("endpoint '{}' deployment '{}': model {}:{} failed to load: {}", endpoint.name(), d.name(),
            d.modelName(), d.modelVersion(), reason);
        event(d, "model " + d.modelName() + ":" + d.modelVersion() + " failed to load; the deployment gets no "
            + "traffic on this host until it loads: " + reason);
      }
    }
    return new RoutingTable(endpoint, names, loaded, failed);
  }

  private Predictor predictor(Deployment d) {
    String key = d.modelName() + ":" + d.modelVersion();
    Predictor cached = predictors.get(key);
    if (cached != null) {
      return cached;
    }
    long start = System.nanoTime();
    Predictor p = ModelLoader.load(catalog.modelDirectory(d.modelName(), d.modelVersion()));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    predictors.put(key, p);
    LOG.info("endpoint '{}' deployment '{}': model {} loaded in {} ms", d.endpointName(), d.name(), key, ms);
    event(d, "model " + key + " loaded in " + ms + " ms");
    return p;
  }

  private void event(Deployment d, String message) {
    try {
      catalog.log(d.endpointName(), d.name(), options.hostId(), message);
    } catch (RuntimeException e) {
      LOG.warn("cannot write to the log of deployment '{}' of endpoint '{}': {}", d.name(), d.endpointName(),
          e.getMessage());
    }
  }

  /** Drops predictors no table uses and keeps one readiness gauge per deployment served. */
  private void afterSwap(Map<String, RoutingTable> now) {
    Set<String> usedModels = new HashSet<>();
    Set<String> deployments = new HashSet<>();
    for (RoutingTable t : now.values()) {
      for (LoadedDeployment d : t.loaded.values()) {
        usedModels.add(d.deployment().modelName() + ":" + d.deployment().modelVersion());
      }
      for (String d : t.deploymentNames) {
        String endpoint = t.endpoint.name();
        deployments.add(endpoint + '\u0000' + d);
        metrics.readyGauge(endpoint, d, () -> isLoaded(endpoint, d) ? 1 : 0);
      }
    }
    predictors.keySet().retainAll(usedModels);
    for (String gone : new ArrayList<>(gauges)) {
      if (!deployments.contains(gone)) {
        int cut = gone.indexOf('\u0000');
        metrics.removeReadyGauge(gone.substring(0, cut), gone.substring(cut + 1));
      }
    }
    gauges.clear();
    gauges.addAll(deployments);
  }

  private boolean isLoaded(String endpoint, String deployment) {
    RoutingTable t = tables.get(endpoint);
    return t != null && t.loaded.containsKey(deployment);
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
    refresher.shutdownNow();
    mirrors.shutdown();
    try {
      mirrors.awaitTermination(5, TimeUnit.SECONDS);
      refresher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (collector != null) {
      collector.close();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
