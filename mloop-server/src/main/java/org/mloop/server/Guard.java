package org.mloop.server;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;

/**
 * What a route needs: one {@link Permission} and, for changes to aliases and endpoints, the
 * resources it changes (read from the path, or from the request's fields once its body is read). Every
 * route of the server is registered with one; {@link Access} checks it against the caller.
 */
record Guard(Permission permission, Resources resources) {
  static final Guard READ = of(Permission.READ);

  /** The resources a request changes; {@code fields} is null for streamed routes, which read the path only. */
  @FunctionalInterface
  interface Resources {
    List<Resource> of(RoutingContext ctx, Fields fields);
  }

  static Guard of(Permission permission) {
    return new Guard(permission, (ctx, f) -> List.of());
  }

  /** A permission on the endpoint named by the path parameter {@code :endpoint}. */
  static Guard endpoint(Permission permission) {
    return new Guard(permission, (ctx, f) -> List.of(Resource.endpoint(ctx.pathParam("endpoint"))));
  }

  static Guard on(Permission permission, Resources resources) {
    return new Guard(permission, resources);
  }
}
