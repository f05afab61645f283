package org.mloop.core.endpoints;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.TreeMap;

/**
 * An online endpoint, as Azure ML's managed online endpoint: a stable name and scoring URI, key
 * auth with two keys, and a traffic map that splits live requests between its deployments
 * ({@code {"blue": 90, "green": 10}}). Mirror traffic copies a share of requests to a deployment
 * whose answers are discarded. {@code generation} grows by one with every change to the endpoint or
 * any of its deployments, so scoring hosts notice a change with one cheap read.
 *
 * <p>The keys never travel in JSON (they are left out of every answer about endpoints): a caller with
 * the right reads them with get-keys ({@link EndpointService#getKeys}). An
 * endpoint read from a server therefore has no keys (null).
 */
public record Endpoint(
    String name,
    String description,
    AuthMode authMode,
    @JsonIgnore EndpointKeys keys,
    Map<String, Integer> traffic,
    Map<String, Integer> mirrorTraffic,
    long generation,
    long createdAt,
    long updatedAt) {

  public Endpoint {
    traffic = traffic == null ? Map.of() : unmodifiableSorted(traffic);
    mirrorTraffic = mirrorTraffic == null ? Map.of() : unmodifiableSorted(mirrorTraffic);
  }

  private static Map<String, Integer> unmodifiableSorted(Map<String, Integer> map) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** The live share of a deployment, 0 when it has none. */
  public int trafficOf(String deployment) {
    return traffic.getOrDefault(deployment, 0);
  }

  public int mirrorOf(String deployment) {
    return mirrorTraffic.getOrDefault(deployment, 0);
  }

  public Endpoint withTraffic(Map<String, Integer> newTraffic, Map<String, Integer> newMirror) {
    return new Endpoint(name, description, authMode, keys, newTraffic, newMirror, generation, createdAt, updatedAt);
  }

  public Endpoint withKeys(EndpointKeys newKeys) {
    return new Endpoint(name, description, authMode, newKeys, traffic, mirrorTraffic, generation, createdAt, updatedAt);
  }

  public Endpoint withDescription(String newDescription) {
    return new Endpoint(name, newDescription, authMode, keys, traffic, mirrorTraffic, generation, createdAt, updatedAt);
  }

  /** The generation and times are the store's to set. */
  public Endpoint stamped(long newGeneration, long newUpdatedAt) {
    return new Endpoint(name, description, authMode, keys, traffic, mirrorTraffic, newGeneration, createdAt, newUpdatedAt);
  }
}
