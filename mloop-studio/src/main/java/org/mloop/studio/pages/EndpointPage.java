package org.mloop.studio.pages;

import java.util.List;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.workspace.Workspace;

/**
 * One endpoint: its deployments with the model version each serves and its traffic, and its keys only
 * when the viewer asked to reveal them (and may: {@code mayRevealKeys}); null {@code keys} otherwise.
 * {@code mayChangeTraffic}: the viewer may change the endpoint's traffic (the form is shown). {@code test}:
 * the Test tab, for viewers who may use the endpoint's key (null for others, or without deployments).
 */
public record EndpointPage(String name, String description, String authMode, long createdAt, List<Row> deployments,
    boolean mayRevealKeys, EndpointKeys keys, boolean mayChangeTraffic, EndpointTest test) {

  /** A deployment as the endpoint's page shows it. */
  public record Row(String name, String model, String requested, int instances, int traffic, int mirror,
      long createdAt) {}

  /** What the viewer may do on the page: reveal the keys, change the traffic. */
  public record Allowed(boolean revealKeys, boolean changeTraffic) {
    /** Testing sends a request with the endpoint's key: it needs the permission to read the keys. */
    public boolean test() {
      return revealKeys;
    }
  }

  public static EndpointPage of(Workspace workspace, String name, Allowed allowed, boolean reveal) {
    Endpoint endpoint = workspace.endpoints().get(name);
    List<Row> rows = workspace.endpoints().listDeployments(name).stream().map(d -> row(endpoint, d)).toList();
    return new EndpointPage(endpoint.name(), endpoint.description(),
        endpoint.authMode().name().toLowerCase(java.util.Locale.ROOT), endpoint.createdAt(), rows,
        allowed.revealKeys(), reveal ? workspace.endpoints().getKeys(name) : null, allowed.changeTraffic(),
        allowed.test() && !rows.isEmpty() ? EndpointTest.start(workspace, name) : null);
  }

  /** The page with the Test tab as sent and answered. */
  public EndpointPage withTest(EndpointTest sent) {
    return new EndpointPage(name, description, authMode, createdAt, deployments, mayRevealKeys, keys, mayChangeTraffic,
        sent);
  }

  /** The traffic form's starting values: each deployment's current shares. */
  public List<TrafficChange.Share> shares() {
    return deployments.stream().map(d -> new TrafficChange.Share(d.name(), d.model(), d.traffic(), d.mirror(),
        Integer.toString(d.traffic()), Integer.toString(d.mirror()))).toList();
  }

  private static Row row(Endpoint endpoint, Deployment d) {
    return new Row(d.name(), d.model().toString(), d.requestedModel(), d.instanceCount(), endpoint.trafficOf(d.name()),
        endpoint.mirrorOf(d.name()), d.createdAt());
  }
}
