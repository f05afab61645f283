package org.mloop.serving.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.serving.protocol.ScoringException;

/**
 * One endpoint as a host routes it, at one generation: keys, live traffic as cumulative weights
 * over the loaded deployments, the mirror target, and every deployment by name. Immutable; the
 * host swaps whole tables, so a request sees one consistent generation from start to end.
 *
 * <p>A deployment whose model failed to load is not routed to: its share of live traffic goes to
 * the others in proportion (no request is sent where it would fail).
 */
final class RoutingTable {
  final Endpoint endpoint;
  final Map<String, LoadedDeployment> loaded;
  /** Deployment name to the reason its model could not be loaded. */
  final Map<String, String> failed;
  final List<String> deploymentNames;
  private final LoadedDeployment[] live;
  private final int[] cumulative;
  private final int totalWeight;
  final LoadedDeployment mirror;
  final int mirrorPercent;
  final boolean ready;
  private final byte[] primaryKey;
  private final byte[] secondaryKey;

  RoutingTable(Endpoint endpoint, List<String> deploymentNames, Map<String, LoadedDeployment> loaded,
      Map<String, String> failed) {
    this.endpoint = endpoint;
    this.deploymentNames = List.copyOf(deploymentNames);
    this.loaded = Map.copyOf(loaded);
    this.failed = Map.copyOf(failed);
    List<LoadedDeployment> targets = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    boolean allLoaded = true;
    for (Map.Entry<String, Integer> e : endpoint.traffic().entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      LoadedDeployment d = loaded.get(e.getKey());
      if (d == null) {
        allLoaded = false;
        continue;
      }
      targets.add(d);
      weights.add(e.getValue());
    }
    this.live = targets.toArray(LoadedDeployment[]::new);
    this.cumulative = new int[live.length];
    int sum = 0;
    for (int i = 0; i < live.length; i++) {
      sum += weights.get(i);
      cumulative[i] = sum;
    }
    this.totalWeight = sum;
    LoadedDeployment mirrorTarget = null;
    int share = 0;
    for (Map.Entry<String, Integer> e : endpoint.mirrorTraffic().entrySet()) {
      if (e.getValue() > 0 && loaded.containsKey(e.getKey())) {
        mirrorTarget = loaded.get(e.getKey());
        share = e.getValue();
      }
    }
    this.mirror = mirrorTarget;
    this.mirrorPercent = share;
    this.ready = allLoaded;
    this.primaryKey = endpoint.keys() == null ? new byte[0] : endpoint.keys().primary().getBytes(StandardCharsets.UTF_8);
    this.secondaryKey = endpoint.keys() == null ? new byte[0]
        : endpoint.keys().secondary().getBytes(StandardCharsets.UTF_8);
  }

  boolean requiresKey() {
    return endpoint.authMode() == AuthMode.KEY;
  }

  /** Either key, compared in constant time; the keys' bytes are computed once per table, not per request. */
  boolean accepts(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    boolean a = MessageDigest.isEqual(p, primaryKey);
    boolean b = MessageDigest.isEqual(p, secondaryKey);
    return a | b;
  }

  boolean hasLiveTraffic() {
    return totalWeight > 0;
  }

  /** The deployment for a uniformly random {@code draw} in [0, 1): weighted by live traffic. */
  LoadedDeployment pick(double draw) {
    int point = (int) (draw * totalWeight);
    for (int i = 0; i < cumulative.length; i++) {
      if (point < cumulative[i]) {
        return live[i];
      }
    }
    return live[live.length - 1];
  }

  /**
   * The deployment a request goes to: the one named by {@code deployment} (a header), else the one
   * an Open Inference path names, else one drawn by live traffic.
   */
  LoadedDeployment route(String deployment, V2Target v2) {
    if ((deployment == null || deployment.isEmpty()) && v2 != null) {
      LoadedDeployment d = v2.choose(this);
      if (d != null) {
        return d;
      }
    }
    if (deployment != null && !deployment.isEmpty()) {
      return byName(deployment);
    }
    if (!hasLiveTraffic()) {
      String name = endpoint.name();
      throw new ScoringException(503, "endpoint '" + name + "' has no live traffic"
          + (notReady().isEmpty() ? "" : " ready (" + String.join(", ", notReady()) + " not loaded)")
          + "; give one of its deployments live traffic (the endpoint's traffic), or target a deployment "
          + "with the header '" + ScoringResult.DEPLOYMENT + ": NAME'");
    }
    return live.length == 1 ? live[0] : pick(ThreadLocalRandom.current().nextDouble());
  }

  /** A deployment by name: 404 when the endpoint has none of that name, 503 when its model failed to load. */
  LoadedDeployment byName(String deployment) {
    LoadedDeployment d = loaded.get(deployment);
    if (d != null) {
      return d;
    }
    String name = endpoint.name();
    if (failed.containsKey(deployment)) {
      throw new ScoringException(503, "deployment '" + deployment + "' of endpoint '" + name
          + "' failed to load its model: " + failed.get(deployment) + "; the deployment's logs say more");
    }
    throw new ScoringException(404, "endpoint '" + name + "' has no deployment '" + deployment + "'; its deployments are "
        + (deploymentNames.isEmpty() ? "none yet" : String.join(", ", deploymentNames)));
  }

  /** Deployments with live traffic whose models are not (yet) loaded. */
  List<String> notReady() {
    return endpoint.traffic().entrySet().stream()
        .filter(e -> e.getValue() > 0 && !loaded.containsKey(e.getKey()))
        .map(Map.Entry::getKey).toList();
  }
}
