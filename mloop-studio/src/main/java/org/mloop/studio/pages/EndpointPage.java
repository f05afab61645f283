package org.mloop.studio.pages;

import java.util.List;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.workspace.Workspace;

/**
 * One endpoint: its deployments with the model version each serves and its traffic, and its keys only
 * when the viewer asked to reveal them (and may: {@code mayRevealKeys}); null {@code keys} otherwise.
 */
public record EndpointPage(String name, String description, String authMode, long createdAt, List<Row> deployments,
    boolean mayRevealKeys, EndpointKeys keys) {

  /** A deployment as the endpoint's page shows it. */
  public record Row(String name, String model, String requested, int instances, int traffic, int mirror,
      long createdAt) {}

  public static EndpointPage of(Workspace workspace, String name, boolean mayRevealKeys, boolean reveal) {
    Endpoint endpoint = workspace.endpoints().get(name);
    List<Row> rows = workspace.endpoints().listDeployments(name).stream().map(d -> row(endpoint, d)).toList();
    return new EndpointPage(endpoint.name(), endpoint.description(),
        endpoint.authMode().name().toLowerCase(java.util.Locale.ROOT), endpoint.createdAt(), rows, mayRevealKeys,
        reveal ? workspace.endpoints().getKeys(name) : null);
  }

  private static Row row(Endpoint endpoint, Deployment d) {
    return new Row(d.name(), d.model().toString(), d.requestedModel(), d.instanceCount(), endpoint.trafficOf(d.name()),
        endpoint.mirrorOf(d.name()), d.createdAt());
  }
}
