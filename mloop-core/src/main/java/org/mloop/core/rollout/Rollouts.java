package org.mloop.core.rollout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegistryService;

/**
 * The one blue/green policy: how a model version reaches an endpoint's traffic and how it is taken
 * back. The CLI, the workflow scripts and the quickstart all call it through
 * {@link EndpointService#rollout} and {@link EndpointService#restore}.
 *
 * <p>Rollout: the endpoint is created when missing; the new deployment starts at 0% beside the live
 * one and is smoke-tested directly; traffic moves to the canary share, then to 100%, smoke-tested
 * through the endpoint each time; then the alias moves. The previous live deployment stays at 0%
 * for a restore; older idle deployments (without mirror traffic) are deleted. Traffic and alias move
 * together: when a step after the first traffic change fails, the previous split comes back and an
 * alias move that happened anyway is undone, so an endpoint never serves one version while the
 * alias names another. The result says what was done and the state left.
 */
public final class Rollouts {
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final EndpointService endpoints;
  private final RegistryService registry;
  private final Supplier<ScoringProbe> probe;

  /** {@code probe} gives the scorer smoke tests use (null inside when this process has none). */
  public Rollouts(EndpointService endpoints, RegistryService registry, Supplier<ScoringProbe> probe) {
    this.endpoints = endpoints;
    this.registry = registry;
    this.probe = probe;
  }

  public RolloutResult rollout(RolloutRequest r) {
    check(r);
    ModelVersion version = registry.getVersion(ModelRef.parse(r.model()));
    String model = version.name() + ":" + version.version();
    Steps steps = new Steps();
    Endpoint before = existing(r.endpoint());
    if (before == null) {
      before = steps.run("create endpoint " + r.endpoint(), () -> endpoints.create(r.endpoint(),
          r.description(), AuthMode.KEY));
    }
    Map<String, Integer> split = live(before);
    String old = largest(split);
    List<Deployment> deployments = endpoints.listDeployments(r.endpoint());
    Integer aliasBefore = r.alias() == null ? null : aliasVersion(version.name(), r.alias());
    String name = r.deployment() != null ? r.deployment() : freeName(version.version(), deployments);
    DataCollection collection = r.collectPercent() != null ? new DataCollection(r.collectPercent())
        : deployments.stream().filter(d -> d.name().equals(old)).map(Deployment::dataCollection).findFirst()
            .orElse(DataCollection.OFF);
    Outcome out = new Outcome("rollout", r.endpoint(), model, name, split, r.alias(), aliasBefore, steps);
    byte[] smoke = bytes(r.smokeTestRequest());
    try {
      steps.run("create deployment " + name + " (" + model + ") at 0%", () -> endpoints.createDeployment(
          new DeploymentSpec(r.endpoint(), name, model, 1, collection, 0)));
      smokeDirect(steps, r.endpoint(), name, smoke);
    } catch (RuntimeException e) {
      return out.failed(e, currentSplit(r.endpoint()), aliasBefore, null, List.of());
    }
    try {
      if (old != null && r.canaryPercent() > 0) {
        Map<String, Integer> canary = zeroed(deployments, name);
        canary.put(old, 100 - r.canaryPercent());
        canary.put(name, r.canaryPercent());
        traffic(steps, r.endpoint(), canary);
        smokeThroughEndpoint(steps, r.endpoint(), smoke);
      }
      Map<String, Integer> all = zeroed(deployments, name);
      all.put(name, 100);
      traffic(steps, r.endpoint(), all);
      smokeThroughEndpoint(steps, r.endpoint(), smoke);
      if (r.alias() != null) {
        steps.run("move " + version.name() + "@" + r.alias() + " to " + version.version(), () -> registry.setAlias(
            version.name(), r.alias(), version.version(), r.who(), reason(r.reason(), "rollout on " + r.endpoint()
                + " as " + name)));
      }
    } catch (RuntimeException e) {
      putBack(steps, r.endpoint(), split, name);
      Integer aliasAfter = r.alias() == null ? null : undoAliasMove(steps, version.name(), r.alias(), aliasBefore,
          version.version(), "rollout of " + model + " on " + r.endpoint() + " failed");
      return out.failed(e, currentSplit(r.endpoint()), aliasAfter, null, List.of());
    }
    String kept = r.keepPrevious() && old != null && !old.equals(name) ? old : null;
    List<String> deleted = prune(steps, r.endpoint(), deployments, name, kept);
    return out.succeeded(currentSplit(r.endpoint()), r.alias() == null ? null : version.version(), kept, deleted);
  }

  public RolloutResult restore(RestoreRequest r) {
    if (r == null) {
      throw MloopException.invalid("a restore needs at least an endpoint");
    }
    EndpointRules.checkEndpointName(r.endpoint());
    if (r.alias() != null) {
      ModelRef.checkAlias(r.alias(), "restore");
    }
    checkProbe(r.smokeTestRequest());
    Endpoint before = endpoints.get(r.endpoint());
    Map<String, Integer> split = live(before);
    String live = largest(split);
    List<Deployment> deployments = endpoints.listDeployments(r.endpoint());
    Deployment liveDeployment = deployments.stream().filter(d -> d.name().equals(live)).findFirst().orElse(null);
    Deployment target = target(r, deployments, liveDeployment, split);
    String model = target.modelName() + ":" + target.modelVersion();
    Integer aliasBefore = r.alias() == null ? null : aliasVersion(target.modelName(), r.alias());
    Steps steps = new Steps();
    Outcome out = new Outcome("restore", r.endpoint(), model, target.name(), split, r.alias(), aliasBefore, steps);
    byte[] smoke = bytes(r.smokeTestRequest());
    try {
      smokeDirect(steps, r.endpoint(), target.name(), smoke);
    } catch (RuntimeException e) {
      return out.failed(e, split, aliasBefore, null, List.of());
    }
    try {
      Map<String, Integer> all = zeroed(deployments, target.name());
      all.put(target.name(), 100);
      traffic(steps, r.endpoint(), all);
      if (r.alias() != null) {
        steps.run("move " + target.modelName() + "@" + r.alias() + " to " + target.modelVersion(),
            () -> registry.setAlias(target.modelName(), r.alias(), target.modelVersion(), r.who(),
                reason(r.reason(), "restore of " + r.endpoint() + " to " + target.name())));
      }
      smokeThroughEndpoint(steps, r.endpoint(), smoke);
    } catch (RuntimeException e) {
      putBack(steps, r.endpoint(), split, target.name());
      Integer aliasAfter = r.alias() == null ? null : undoAliasMove(steps, target.modelName(), r.alias(),
          aliasBefore, target.modelVersion(), "restore of " + r.endpoint() + " to " + target.name() + " failed");
      return out.failed(e, currentSplit(r.endpoint()), aliasAfter, null, List.of());
    }
    return out.succeeded(currentSplit(r.endpoint()), r.alias() == null ? null : target.modelVersion(), live,
        List.of());
  }

  // ---- checks and choices

  private void check(RolloutRequest r) {
    if (r == null) {
      throw MloopException.invalid("a rollout needs an endpoint and a model");
    }
    EndpointRules.checkEndpointName(r.endpoint());
    if (r.model() == null || r.model().isBlank()) {
      throw MloopException.invalid("rollout field 'model' is missing: name the version to roll out, e.g. diabetes:7");
    }
    if (r.canaryPercent() < 0 || r.canaryPercent() > 99) {
      throw MloopException.invalid("rollout field 'canary_percent' is " + r.canaryPercent()
          + ": use 1 to 99 for a canary step, or 0 to move all traffic at once");
    }
    if (r.alias() != null) {
      ModelRef.checkAlias(r.alias(), "rollout");
    }
    if (r.deployment() != null) {
      EndpointRules.checkDeploymentName(r.deployment());
    }
    checkProbe(r.smokeTestRequest());
  }

  private void checkProbe(String smokeTestRequest) {
    if (smokeTestRequest != null && (probe == null || probe.get() == null)) {
      throw new MloopException(ErrorCode.INVALID_STATE, "a smoke test needs a scoring host, and this process has"
          + " none: run the rollout through the workspace server, or from a command that brings its own");
    }
  }

  private Endpoint existing(String name) {
    try {
      return endpoints.get(name);
    } catch (MloopException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return null;
      }
      throw e;
    }
  }

  /**
   * The deployment to restore: the one named, else the newest idle one serving the version the
   * alias named before its last move, else the newest idle one older than the live one. A failed
   * rollout's leftover, newer than the live deployment, is never picked.
   */
  private Deployment target(RestoreRequest r, List<Deployment> deployments, Deployment live,
      Map<String, Integer> split) {
    if (r.target() != null) {
      Deployment named = deployments.stream().filter(d -> d.name().equals(r.target())).findFirst()
          .orElseThrow(() -> MloopException.notFound("endpoint '" + r.endpoint() + "' has no deployment '"
              + r.target() + "'"));
      if (live != null && named.name().equals(live.name()) && split.getOrDefault(live.name(), 0) == 100) {
        throw MloopException.invalid("deployment '" + named.name() + "' already serves all of endpoint '"
            + r.endpoint() + "'");
      }
      return named;
    }
    List<Deployment> idle = deployments.stream().filter(d -> live == null || !d.name().equals(live.name()))
        .sorted(Comparator.comparingLong(Deployment::createdAt)).toList();
    Integer previous = null;
    if (r.alias() != null && live != null) {
      List<AliasMove> moves = registry.aliasHistory(live.modelName(), r.alias());
      previous = moves.isEmpty() ? null : moves.get(moves.size() - 1).fromVersion();
    }
    for (int i = idle.size() - 1; i >= 0; i--) {
      Deployment d = idle.get(i);
      if (previous != null && live != null && d.modelName().equals(live.modelName()) && d.modelVersion() == previous) {
        return d;
      }
    }
    for (int i = idle.size() - 1; i >= 0; i--) {
      if (live == null || idle.get(i).createdAt() < live.createdAt()) {
        return idle.get(i);
      }
    }
    throw new MloopException(ErrorCode.INVALID_STATE, "endpoint '" + r.endpoint() + "' has no earlier deployment"
        + " besides the live one (" + (live == null ? "none" : live.name()) + "): nothing to restore");
  }

  /** "m7-1", or "m7-2", "m7-3"... when taken (deployment names have at least three characters). */
  private static String freeName(int version, List<Deployment> deployments) {
    String name = "m" + version + "-1";
    for (int n = 2; taken(name, deployments); n++) {
      name = "m" + version + "-" + n;
    }
    return name;
  }

  private static boolean taken(String name, List<Deployment> deployments) {
    return deployments.stream().anyMatch(d -> d.name().equals(name));
  }

  private Integer aliasVersion(String model, String alias) {
    List<AliasMove> moves = registry.aliasHistory(model, alias);
    return moves.isEmpty() ? null : moves.get(moves.size() - 1).toVersion();
  }

  // ---- steps

  private void traffic(Steps steps, String endpoint, Map<String, Integer> split) {
    steps.run("traffic " + text(live(split)), () -> endpoints.updateTraffic(endpoint, split, null));
  }

  private void smokeDirect(Steps steps, String endpoint, String deployment, byte[] body) {
    if (body != null) {
      steps.run("smoke test " + deployment + " directly", () -> smoke(endpoint, deployment, body));
    }
  }

  /** One request routed by the split, then one to each deployment with live traffic, through the endpoint. */
  private void smokeThroughEndpoint(Steps steps, String endpoint, byte[] body) {
    if (body == null) {
      return;
    }
    steps.run("smoke test through " + endpoint, () -> {
      List<String> answered = new ArrayList<>();
      answered.add(smoke(endpoint, null, body));
      for (String d : live(endpoints.get(endpoint)).keySet()) {
        answered.add(smoke(endpoint, d, body));
      }
      return "answered by " + String.join(", ", answered);
    });
  }

  /** The deployment that answered; throws when the answer is not 2xx. */
  private String smoke(String endpoint, String deployment, byte[] body) {
    Endpoint e = endpoints.get(endpoint);
    String key = e.authMode() == AuthMode.KEY ? endpoints.getKeys(endpoint).primary() : null;
    ScoringProbe.Answer answer = probe.get().score(endpoint, deployment, key, body);
    if (!answer.ok()) {
      String text = answer.body() == null ? "" : answer.body();
      throw new MloopException(ErrorCode.INVALID_STATE, "smoke test failed: endpoint '" + endpoint + "'"
          + (deployment == null ? "" : " deployment '" + deployment + "'") + " answered HTTP " + answer.status()
          + (text.isEmpty() ? "" : ": " + (text.length() > MAX_BODY_IN_MESSAGE
              ? text.substring(0, MAX_BODY_IN_MESSAGE) + "..." : text)));
    }
    return answer.deployment();
  }

  /** The previous split, the new deployment at 0%; recorded, never thrown: the result reports what is left. */
  private void putBack(Steps steps, String endpoint, Map<String, Integer> split, String added) {
    Map<String, Integer> back = new LinkedHashMap<>();
    for (Deployment d : endpoints.listDeployments(endpoint)) {
      back.put(d.name(), split.getOrDefault(d.name(), 0));
    }
    back.put(added, split.getOrDefault(added, 0));
    steps.tryRun("put the traffic back: " + (split.isEmpty() ? "none" : text(split)),
        () -> endpoints.updateTraffic(endpoint, back, null));
  }

  /**
   * After a failure: an alias move whose answer was lost may still have happened. When the alias
   * names {@code to} and named another version before, it is put back. Returns what it names now.
   */
  private Integer undoAliasMove(Steps steps, String model, String alias, Integer before, int to, String reason) {
    Integer now = aliasVersion(model, alias);
    if (now == null || now != to || (before != null && before == to)) {
      return now;
    }
    steps.tryRun("put " + model + "@" + alias + " back to " + (before == null ? "none" : before), () -> before == null
        ? registry.deleteAlias(model, alias, null, reason) : registry.setAlias(model, alias, before, null, reason));
    return aliasVersion(model, alias);
  }

  /** Deletes the deployments listed before the change that are neither kept nor mirrored to. */
  private List<String> prune(Steps steps, String endpoint, List<Deployment> before, String added, String kept) {
    Endpoint now = endpoints.get(endpoint);
    List<String> deleted = new ArrayList<>();
    for (Deployment d : before) {
      if (d.name().equals(added) || d.name().equals(kept) || now.mirrorOf(d.name()) > 0 || now.trafficOf(d.name()) > 0) {
        continue;
      }
      if (steps.tryRun("delete idle deployment " + d.name(), () -> {
        endpoints.deleteDeployment(endpoint, d.name());
        return null;
      })) {
        deleted.add(d.name());
      }
    }
    return deleted;
  }

  private Map<String, Integer> currentSplit(String endpoint) {
    try {
      return live(endpoints.get(endpoint));
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ---- splits

  private static Map<String, Integer> zeroed(List<Deployment> deployments, String added) {
    Map<String, Integer> split = new LinkedHashMap<>();
    deployments.forEach(d -> split.put(d.name(), 0));
    split.put(added, 0);
    return split;
  }

  private static Map<String, Integer> live(Endpoint e) {
    return live(e.traffic());
  }

  private static Map<String, Integer> live(Map<String, Integer> traffic) {
    Map<String, Integer> split = new LinkedHashMap<>();
    traffic.forEach((d, p) -> {
      if (p != null && p > 0) {
        split.put(d, p);
      }
    });
    return split;
  }

  /** The deployment with the largest live share, null when nothing has traffic. */
  private static String largest(Map<String, Integer> split) {
    return split.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  static String text(Map<String, Integer> split) {
    List<String> parts = new ArrayList<>();
    split.forEach((d, p) -> parts.add(d + "=" + p));
    return String.join(",", parts);
  }

  private static byte[] bytes(String body) {
    return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
  }

  private static String reason(String given, String otherwise) {
    return given == null || given.isBlank() ? otherwise : given;
  }
}
