package org.mloop.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.mloop.core.MloopException;
import org.mloop.core.auth.AccessPolicy;
import org.mloop.core.auth.Caller;

/**
 * The server's one authorization check: the {@link Guard} a route was registered with, against the
 * {@link Caller} {@link BearerAuth} found, by the {@link AccessPolicy}. A refusal is 403
 * PERMISSION_DENIED naming the missing permission (MLflow's error body on MLflow routes too).
 */
final class Access {
  private final AccessPolicy policy;

  Access(AccessPolicy policy) {
    this.policy = policy;
  }

  /** Throws PERMISSION_DENIED unless the caller may do what {@code guard} names. */
  void check(RoutingContext ctx, Guard guard, Fields fields) {
    policy.check(BearerAuth.caller(ctx), guard.permission(), guard.resources().of(ctx, fields));
  }

  /** The check as a handler, ahead of a streamed route (before its body is read). */
  Handler<RoutingContext> handler(Guard guard) {
    return ctx -> {
      try {
        check(ctx, guard, null);
      } catch (MloopException e) {
        ErrorResponses.send(ctx, e);
        return;
      }
      ctx.next();
    };
  }
}
