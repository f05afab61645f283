package org.mloop.serving.host;

import java.util.List;
import java.util.Map;

/**
 * The routing tables a host serves, one per endpoint, replaced whole (never mutated) by the
 * refresh thread and read by every request: a request sees one consistent generation.
 */
final class ServedTables {
  private volatile Map<String, RoutingTable> tables = Map.of();
  private volatile boolean refreshedOnce;

  /** The endpoint's current table, or null when it is not served (yet). */
  RoutingTable get(String endpoint) {
    return tables.get(endpoint);
  }

  Map<String, RoutingTable> all() {
    return tables;
  }

  void replace(Map<String, RoutingTable> next) {
    tables = Map.copyOf(next);
  }

  /** True once the host has read its workspace at least once. */
  boolean refreshedOnce() {
    return refreshedOnce;
  }

  void refreshed() {
    refreshedOnce = true;
  }

  /** The generation of the endpoint routed by now, or -1 when it is not served (yet). */
  long servedGeneration(String endpoint) {
    RoutingTable t = tables.get(endpoint);
    return t == null ? -1 : t.endpoint.generation();
  }

  /** True once every deployment of the endpoint with live traffic has its model loaded. */
  boolean ready(String endpoint) {
    RoutingTable t = tables.get(endpoint);
    return t != null && t.ready;
  }

  /** True when the deployment's model is loaded and routable (the readiness gauge). */
  boolean loaded(String endpoint, String deployment) {
    RoutingTable t = tables.get(endpoint);
    return t != null && t.loaded.containsKey(deployment);
  }

  /** Why the endpoint is not ready, for probes: deployments still loading or failed; empty when ready. */
  List<String> waitingFor(String endpoint) {
    RoutingTable t = tables.get(endpoint);
    if (t == null) {
      return List.of(refreshedOnce ? "endpoint '" + endpoint + "' does not exist" : "first read of the workspace");
    }
    return t.notReady().stream()
        .map(d -> t.failed.containsKey(d) ? d + " (failed to load: " + t.failed.get(d) + ")" : d)
        .toList();
  }
}
