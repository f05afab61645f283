package org.mloop.serving.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.endpoints.KeyType;

/**
 * An in-memory stand-in for the workspace behind the {@link EndpointCatalog} port, following the
 * store's contract: every change bumps the endpoint's generation, traffic follows EndpointRules.
 * {@link #holdLoads} makes model loading wait, to observe a host before its models are in.
 */
final class MemoryCatalog implements EndpointCatalog {
  record Event(String endpoint, String deployment, String host, String message) {}

  private final Map<String, Endpoint> endpoints = new TreeMap<>();
  private final Map<String, Map<String, Deployment>> deployments = new HashMap<>();
  private final Map<String, Path> models = new HashMap<>();
  private final List<Event> events = new ArrayList<>();
  private volatile CountDownLatch loadGate;

  synchronized void model(String name, int version, Path dir) {
    models.put(name + ":" + version, dir);
  }

  synchronized Endpoint createEndpoint(String name, AuthMode auth) {
    Endpoint e = new Endpoint(EndpointRules.checkEndpointName(name), "", auth, EndpointKeys.generate(), Map.of(),
        Map.of(), 1, System.currentTimeMillis(), System.currentTimeMillis());
    endpoints.put(name, e);
    deployments.put(name, new TreeMap<>());
    return e;
  }

  /** Adds a deployment of model NAME:VERSION with the given live share (0 or 100, as deployment create). */
  synchronized void addDeployment(String endpoint, String name, String model, int version, int traffic,
      DataCollection collection) {
    long now = System.currentTimeMillis();
    deployments.get(endpoint).put(name, new Deployment(endpoint, name, model, version, model + ":" + version, 1,
        collection, now, now));
    if (traffic == 100) {
      change(endpoint, e -> e.withTraffic(Map.of(name, 100), e.mirrorTraffic()));
    } else {
      change(endpoint, e -> e);
    }
  }

  synchronized void traffic(String endpoint, String split, String mirror) {
    Map<String, Integer> t = EndpointRules.parseSplit(split, "--traffic");
    Map<String, Integer> m = EndpointRules.parseSplit(mirror, "--mirror");
    EndpointRules.checkTraffic(endpoint, t, m, deployments.get(endpoint).keySet());
    change(endpoint, e -> e.withTraffic(t, m));
  }

  synchronized Endpoint regenerate(String endpoint, KeyType which) {
    return change(endpoint, e -> e.withKeys(e.keys().regenerate(which)));
  }

  synchronized void collection(String endpoint, String deployment, DataCollection collection) {
    deployments.get(endpoint).computeIfPresent(deployment, (k, d) -> d.withDataCollection(collection));
    change(endpoint, e -> e);
  }

  synchronized void deleteDeployment(String endpoint, String name) {
    Endpoint e = endpoints.get(endpoint);
    if (e.trafficOf(name) > 0 || e.mirrorOf(name) > 0) {
      throw new IllegalStateException("deployment " + name + " still has traffic");
    }
    deployments.get(endpoint).remove(name);
    change(endpoint, x -> x);
  }

  synchronized void deleteEndpoint(String name) {
    endpoints.remove(name);
    deployments.remove(name);
  }

  synchronized Endpoint get(String name) {
    return endpoints.get(name);
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  void holdLoads() {
    loadGate = new CountDownLatch(1);
  }

  void releaseLoads() {
    loadGate.countDown();
  }

  private Endpoint change(String name, UnaryOperator<Endpoint> f) {
    Endpoint e = f.apply(endpoints.get(name));
    Endpoint stamped = e.stamped(e.generation() + 1, System.currentTimeMillis());
    endpoints.put(name, stamped);
    return stamped;
  }

  @Override
  public synchronized Optional<Endpoint> endpoint(String name) {
    return Optional.ofNullable(endpoints.get(name));
  }

  @Override
  public synchronized List<Endpoint> endpoints() {
    return List.copyOf(endpoints.values());
  }

  @Override
  public synchronized List<Deployment> deployments(String endpoint) {
    return List.copyOf(deployments.getOrDefault(endpoint, new LinkedHashMap<>()).values());
  }

  @Override
  public Path modelDirectory(String modelName, int modelVersion) {
    CountDownLatch gate = loadGate;
    if (gate != null) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      Path dir = models.get(modelName + ":" + modelVersion);
      if (dir == null) {
        throw new IllegalArgumentException("no model version " + modelName + ":" + modelVersion);
      }
      return dir;
    }
  }

  @Override
  public synchronized void log(String endpoint, String deployment, String host, String message) {
    events.add(new Event(endpoint, deployment, host, message));
  }
}
