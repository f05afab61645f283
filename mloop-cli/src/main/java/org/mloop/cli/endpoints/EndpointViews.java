package org.mloop.cli.endpoints;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mloop.app.Workspaces;
import org.mloop.cli.Printer;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;

/**
 * How endpoints and deployments are shown: the scoring URI (as `az ml online-endpoint show` gives
 * it), traffic as "blue=90, green=10", and JSON views that leave the keys out (get-keys prints them).
 */
public final class EndpointViews {
  /**
   * The port `mloop serve --endpoint NAME` listens on unless told otherwise: next to the server's
   * 5050, and the port of Azure ML's local endpoints and MLflow's examples (5001), so sample
   * scripts work unchanged.
   */
  public static final int DEFAULT_SERVE_PORT = 5001;

  private EndpointViews() {}

  /**
   * A deployment of an endpoint; when the endpoint has no such deployment, the workspace's answer
   * with the command that lists the ones it has.
   */
  static Deployment deployment(Workspace ws, String endpoint, String name) {
    ws.endpoints().get(endpoint);
    try {
      return ws.endpoints().getDeployment(endpoint, name);
    } catch (MloopException e) {
      if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw e;
      }
      throw new MloopException(e.code(), e.getMessage() + "; list them with: mloop deployment list --endpoint "
          + endpoint, e);
    }
  }

  /**
   * Where clients send requests. A server serves every endpoint of its workspace at
   * SERVER/endpoints/NAME/score; a workspace directory has no server, so the URI is the one the
   * standalone scoring host gives once started (see {@link #serveHint}).
   */
  public static String scoringUri(String location, String endpoint) {
    if (Workspaces.isRemote(location)) {
      return location.replaceAll("/+$", "") + "/endpoints/" + endpoint + "/score";
    }
    return "http://127.0.0.1:" + DEFAULT_SERVE_PORT + "/score";
  }

  /** For a workspace directory: the command that serves the endpoint; null for a server, which already does. */
  static String serveHint(String location, String endpoint) {
    return Workspaces.isRemote(location) ? null : "mloop serve --endpoint " + endpoint + " --workspace " + location;
  }

  static String split(Map<String, Integer> split) {
    if (split.isEmpty() || split.values().stream().allMatch(p -> p == 0)) {
      return "(none)";
    }
    return split.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  static String model(Deployment d) {
    return d.modelName() + ":" + d.modelVersion();
  }

  static String collection(Deployment d) {
    double p = d.dataCollection().samplePercent();
    if (p == 0) {
      return "off";
    }
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }

  /** An endpoint for --output json: every field but the keys, with its scoring URI and deployments. */
  static Map<String, Object> json(Endpoint e, String location, List<Deployment> deployments) {
    Map<String, Object> out = Printer.object("name", e.name(), "description", e.description(),
        "authMode", e.authMode().wireName(), "scoringUri", scoringUri(location, e.name()));
    String serve = serveHint(location, e.name());
    if (serve != null) {
      out.put("serveCommand", serve);
    }
    out.put("traffic", e.traffic());
    out.put("mirrorTraffic", e.mirrorTraffic());
    out.put("generation", e.generation());
    out.put("createdAt", e.createdAt());
    out.put("updatedAt", e.updatedAt());
    if (deployments != null) {
      out.put("deployments", deployments);
    }
    return out;
  }

  /** The "key: value" lines of `endpoint show`. */
  static List<String[]> fields(Endpoint e, String location) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"name", e.name()});
    f.add(new String[] {"description", e.description()});
    f.add(new String[] {"auth mode", e.authMode().wireName()
        + (e.authMode() == AuthMode.KEY ? " (keys: mloop endpoint get-keys --name " + e.name() + ")" : "")});
    f.add(new String[] {"scoring uri", scoringUri(location, e.name())});
    String serve = serveHint(location, e.name());
    if (serve != null) {
      f.add(new String[] {"serve it with", serve});
    }
    f.add(new String[] {"traffic", split(e.traffic())});
    f.add(new String[] {"mirror traffic", split(e.mirrorTraffic())});
    f.add(new String[] {"generation", String.valueOf(e.generation())});
    f.add(new String[] {"created", time(e.createdAt())});
    f.add(new String[] {"updated", time(e.updatedAt())});
    return f;
  }

  static List<String> deploymentHeader() {
    return List.of("NAME", "MODEL", "REQUESTED", "TRAFFIC", "MIRROR", "INSTANCES", "DATA COLLECTION", "UPDATED");
  }

  static List<String> deploymentRow(Deployment d, Endpoint e) {
    return List.of(d.name(), model(d), d.requestedModel() == null ? "-" : d.requestedModel(),
        e.trafficOf(d.name()) + "%", e.mirrorOf(d.name()) + "%", String.valueOf(d.instanceCount()), collection(d),
        time(d.updatedAt()));
  }
}
