package org.mloop.server;

import io.vertx.ext.web.Router;

/**
 * Web pages served on the server's port beside its APIs (mloop studio), handed to the server in its
 * {@link ServerOptions#withPages options}, so the server does not depend on what it serves. The server
 * calls {@link #mount} once while it builds its router: after its probes, its scoring routes and (on a
 * loopback server that asks no token) the {@link LoopbackGuard}, before the bearer-token check of the
 * APIs. The pages therefore authenticate their own requests, through {@link WebAuth}, and must route
 * only paths of their own: every other request goes on to the APIs unchanged.
 */
@FunctionalInterface
public interface WebPages {
  void mount(Router router, WebAuth auth);

  /** As {@link #mount(Router, WebAuth)}, with the server's own scoring routes for pages that send requests to them. */
  default void mount(Router router, WebAuth auth, WebScoring scoring) {
    mount(router, auth);
  }
}
