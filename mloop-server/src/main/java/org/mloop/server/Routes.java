package org.mloop.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;
import org.mloop.core.json.ApiJson;

/**
 * Registers JSON endpoints: the body (bounded) is read on the event loop, the action runs on a
 * worker thread (it calls the stores, which block), and its result is written as JSON.
 */
final class Routes {
  /** JSON requests are small; files go through the streaming PUT endpoints instead. */
  static final long MAX_JSON_BYTES = 32L * 1024 * 1024;

  @FunctionalInterface
  interface Action {
    Object apply(RoutingContext ctx, Fields fields) throws Exception;
  }

  private final Router router;
  private final BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_JSON_BYTES);

  Routes(Router router) {
    this.router = router;
  }

  Router router() {
    return router;
  }

  BodyHandler bodies() {
    return bodies;
  }

  /** A GET endpoint reading the query string. */
  void get(String path, Action action) {
    router.get(path).handler(bodies).blockingHandler(ctx -> run(ctx, action, () -> Fields.ofQuery(ctx.queryParams())), false);
  }

  /** A POST (or other body-carrying) endpoint reading a JSON object body. */
  void json(HttpMethod method, String path, Action action) {
    router.route(method, path).handler(bodies).blockingHandler(ctx -> run(ctx, action, () -> Fields.ofJson(bodyText(ctx))), false);
  }

  /**
   * An endpoint that reads a JSON body when one is sent and the query string otherwise: MLflow's
   * clients send DELETE parameters either way.
   */
  void bodyOrQuery(HttpMethod method, String path, Action action) {
    router.route(method, path).handler(bodies).blockingHandler(ctx -> run(ctx, action, () -> {
      String body = bodyText(ctx);
      return body == null || body.isBlank() ? Fields.ofQuery(ctx.queryParams()) : Fields.ofJson(body);
    }), false);
  }

  void post(String path, Action action) {
    json(HttpMethod.POST, path, action);
  }

  private static String bodyText(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asString();
  }

  private static void run(RoutingContext ctx, Action action, Supplier<Fields> fields) {
    Object result;
    try {
      result = action.apply(ctx, fields.get());
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
