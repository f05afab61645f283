package org.mloop.server;

import java.nio.file.Path;
import org.mloop.core.rollout.ScoringProbe;
import org.mloop.core.workspace.Workspace;
import org.mloop.serving.collect.RollingDataCollector;
import org.mloop.serving.host.HostOptions;
import org.mloop.serving.host.ScoringHost;
import org.mloop.serving.host.ScoringResult;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.host.WorkspaceCatalog;

/**
 * Builds the scoring host of a workspace the same way wherever endpoints are scored: by
 * {@code mloop server} (every endpoint), {@code mloop serve --endpoint NAME} (one, as a replica)
 * and {@code mloop endpoint invoke} on a workspace directory (in-process). Endpoints and models come
 * from the workspace; collected data goes back to it through {@link org.mloop.core.endpoints.EndpointService#writeCollectedData}.
 *
 * <pre>{@code
 * ScoringHost host = EndpointScoring.allEndpoints(workspace, modelCache).start();
 * }</pre>
 */
public final class EndpointScoring {
  private EndpointScoring() {}

  /** A host (not started) for every endpoint of the workspace; closing it closes its data collector. */
  public static ScoringHost allEndpoints(Workspace workspace, Path modelCache) {
    return ScoringHost.allEndpoints(new WorkspaceCatalog(workspace, modelCache), collector(workspace),
        HostOptions.defaults());
  }

  /** A host (not started) for one endpoint of the workspace. */
  public static ScoringHost singleEndpoint(String endpoint, Workspace workspace, Path modelCache) {
    return ScoringHost.singleEndpoint(endpoint, new WorkspaceCatalog(workspace, modelCache), collector(workspace),
        HostOptions.defaults());
  }

  /**
   * Smoke tests of rollouts through {@code host}: each request first has the host re-read the
   * endpoints and load their models (so it sees the change just made), then is scored as a client's
   * /score request, with the same auth, routing and data collection.
   */
  public static ScoringProbe probe(ScoringHost host) {
    return (endpoint, deployment, key, body) -> {
      host.refreshNow();
      ScoringResult r = host.score(endpoint, deployment, Protocol.AZURE_SCORE, "application/json", body, key);
      return new ScoringProbe.Answer(r.status(), r.deployment(), r.bodyText());
    };
  }

  private static RollingDataCollector collector(Workspace workspace) {
    return new RollingDataCollector(workspace.endpoints()::writeCollectedData, RollingDataCollector.localHostId(),
        RollingDataCollector.Settings.defaults());
  }
}
