package org.mloop.server;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;
import org.mloop.core.json.ApiJson;

/**
 * Registers the server's routes, each with the {@link Guard} {@link Access} checks before it acts.
 * JSON endpoints: the body (bounded) is read on the event loop, the guard is checked and the action
 * runs on a worker thread (it calls the stores, which block), and its result is written as JSON.
 * Streamed routes ({@link #stream}) are checked before their body is read.
 */
final class Routes {
  /** JSON requests are small; files go through the streaming PUT endpoints instead. */
  static final long MAX_JSON_BYTES = 32L * 1024 * 1024;
  /**
   * Threads for requests that may wait for something to happen (long polls): a pool of their own,
   * so waiting requests never hold the workers the other routes run on; more waiting requests than
   * threads queue until one ends.
   */
  static final int WAITING_THREADS = 16;

  @FunctionalInterface
  interface Action {
    Object apply(RoutingContext ctx, Fields fields) throws Exception;
  }

  private final Router router;
  private final Access access;
  private final BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_JSON_BYTES);
  private final WorkerExecutor waiting;

  Routes(Vertx vertx, Router router, Access access) {
    this.router = router;
    this.access = access;
    this.waiting = vertx.createSharedWorkerExecutor("mloop-waiting-requests", WAITING_THREADS);
  }

  BodyHandler bodies() {
    return bodies;
  }

  /** A GET endpoint reading the query string; reads need {@link Guard#READ}. */
  void get(String path, Action action) {
    get(path, Guard.READ, action);
  }

  /** A GET endpoint that needs more than reading (endpoint keys). */
  void get(String path, Guard guard, Action action) {
    router.get(path).handler(bodies).blockingHandler(ctx -> run(ctx, guard, action,
        () -> Fields.ofQuery(ctx.queryParams())), false);
  }

  /**
   * A GET endpoint whose action may wait (a bounded long poll): it runs on the pool of
   * {@link #WAITING_THREADS}, never on the event loop nor on the workers of the other routes.
   */
  void getWaiting(String path, Action action) {
    router.get(path).handler(bodies).handler(ctx -> waiting.executeBlocking(() -> {
      run(ctx, Guard.READ, action, () -> Fields.ofQuery(ctx.queryParams()));
      return null;
    }, false));
  }

  /** A POST (or other body-carrying) endpoint reading a JSON object body. */
  void json(HttpMethod method, String path, Guard guard, Action action) {
    router.route(method, path).handler(bodies).blockingHandler(ctx -> run(ctx, guard, action,
        () -> Fields.ofJson(bodyText(ctx))), false);
  }

  /**
   * An endpoint that reads a JSON body when one is sent and the query string otherwise: MLflow's
   * clients send DELETE parameters either way.
   */
  void bodyOrQuery(HttpMethod method, String path, Guard guard, Action action) {
    router.route(method, path).handler(bodies).blockingHandler(ctx -> run(ctx, guard, action, () -> {
      String body = bodyText(ctx);
      return body == null || body.isBlank() ? Fields.ofQuery(ctx.queryParams()) : Fields.ofJson(body);
    }), false);
  }

  void post(String path, Guard guard, Action action) {
    json(HttpMethod.POST, path, guard, action);
  }

  /**
   * A streamed route (file uploads, bodies read by their own handlers): the guard, judged from the
   * path alone, runs before the body is read; add the route's handlers to what this returns.
   */
  Route stream(HttpMethod method, String path, Guard guard) {
    return router.route(method, path).handler(access.handler(guard));
  }

  /** A route whose small body {@code body} reads first (Vert.x runs body handlers before any other), then the guard. */
  Route stream(HttpMethod method, String path, BodyHandler body, Guard guard) {
    return router.route(method, path).handler(body).handler(access.handler(guard));
  }

  private static String bodyText(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asString();
  }

  private void run(RoutingContext ctx, Guard guard, Action action, Supplier<Fields> fields) {
    Object result;
    try {
      Fields f = fields.get();
      access.check(ctx, guard, f);
      result = action.apply(ctx, f);
    } catch (Exception e) {
      ErrorResponses.send(ctx, e);
      return;
    }
    sendJson(ctx, result);
  }

  static void sendJson(RoutingContext ctx, Object result) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(ApiJson.write(result == null ? ApiJson.mapper().createObjectNode() : result));
  }
}
