/**
 * The scoring host: serves a workspace's online endpoints in-process.
 *
 * <p>{@link org.mloop.serving.host.ScoringHost} holds one immutable routing table per endpoint and
 * swaps it when the endpoint's generation changes (models of new deployments are loaded first, on
 * the host's refresh thread). It reads the workspace through {@link org.mloop.serving.host.EndpointCatalog}
 * ({@link org.mloop.serving.host.WorkspaceCatalog} over a Workspace).
 *
 * <ul>
 *   <li>Workspace server ({@code mloop server}): {@code ScoringHost.allEndpoints(catalog, collector, options).start()},
 *       then {@code host.mount(router)} <em>before</em> the server's own token check, since scoring
 *       routes check endpoint keys themselves; call {@code host.refreshSoon()} after endpoint changes
 *       made through the server, and {@code host.close()} on stop.</li>
 *   <li>Replica ({@code mloop serve --endpoint NAME}): {@code ScoringHost.singleEndpoint(...)} and
 *       {@code ScoringServer.start(host, "127.0.0.1", port, cores)}.</li>
 *   <li>In-process invoke ({@code mloop endpoint invoke} on a local workspace):
 *       {@code singleEndpoint(...)}, {@code refreshNow()}, {@code score(...)}, {@code close()}.</li>
 * </ul>
 */
package org.mloop.serving.host;
