package org.mloop.serving.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's refresh thread: polls the catalog and, when an endpoint's generation changed, loads
 * the models of its new deployments first, then swaps its new table in, so traffic never reaches a
 * deployment that is not loaded and no request fails during a change. Keeps one predictor per model
 * version (shared by deployments serving it), one readiness gauge per deployment served, and writes
 * model loads and load failures to the deployment's log.
 */
final class TableRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableRefresher.class);
  private static final long REFRESH_TIMEOUT_SECONDS = 120;

  private final EndpointCatalog catalog;
  private final String onlyEndpoint;
  private final ServedTables tables;
  private final HostMetrics metrics;
  private final String hostId;
  private final ScheduledExecutorService thread;
  private boolean started;

  // Touched by the refresh thread only.
  private final Map<String, Predictor> predictors = new HashMap<>();
  private final Set<String> gauges = new HashSet<>();
  private String lastRefreshError;

  TableRefresher(EndpointCatalog catalog, String onlyEndpoint, ServedTables tables, HostMetrics metrics,
      String hostId) {
    this.catalog = catalog;
    this.onlyEndpoint = onlyEndpoint;
    this.tables = tables;
    this.metrics = metrics;
    this.hostId = hostId;
    this.thread = Executors.newSingleThreadScheduledExecutor(ScoringHost.daemon("mloop-host-refresh"));
  }

  /** Polls every {@code everyMillis}; the first refresh runs at once, in the background. */
  synchronized void start(long everyMillis) {
    if (!started) {
      started = true;
      thread.scheduleWithFixedDelay(this::pollQuietly, 0, Math.max(1, everyMillis), TimeUnit.MILLISECONDS);
    }
  }

  CompletableFuture<Void> refreshSoon() {
    return CompletableFuture.runAsync(this::refresh, thread);
  }

  /** Refreshes and waits for the new tables (models loaded); never on an event loop. */
  void refreshNow() {
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

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- on the refresh thread

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
    Map<String, RoutingTable> old = tables.all();
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
      tables.replace(next);
      afterSwap(next);
    }
    tables.refreshed();
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
      catalog.log(d.endpointName(), d.name(), hostId, message);
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
        metrics.readyGauge(endpoint, d, () -> tables.loaded(endpoint, d) ? 1 : 0);
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
}
