package org.mloop.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;

/**
 * The ceiling of the scoring benchmark: the scoring host's HTTP stack (Vert.x 5, a vertx-web Router,
 * one verticle per core) with a handler that reads the whole body and answers a fixed JSON of a
 * scoring response's size, without parsing or scoring anything.
 */
final class NoopScoringServer implements AutoCloseable {
  /** A one-row answer of the scoring host's shape, so both servers write about the same bytes. */
  static final Buffer ANSWER = Buffer.buffer(
      "{\"predictions\":[0],\"probabilities\":[[0.8512345678901234,0.1487654321098766]],\"classes\":[0,1]}".getBytes(StandardCharsets.UTF_8));

  private final Vertx vertx;
  private final int port;

  private NoopScoringServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  static NoopScoringServer start(int port, int instances) {
    // As the scoring host's server does: as many event loops as verticles.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    DeploymentOptions options = new DeploymentOptions().setInstances(instances);
    vertx.deployVerticle(() -> new Handler(port), options).await();
    return new NoopScoringServer(vertx, port);
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  /** One verticle: its own HttpServer on the shared port, on its own event loop. */
  private static final class Handler extends VerticleBase {
    private final int port;

    Handler(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      router.post("/score").handler(ctx -> ctx.request().body()
          .onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(ANSWER))
          .onFailure(ctx::fail));
      router.get("/health").handler(ctx -> ctx.response().end());
      return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
          .requestHandler(router)
          .listen();
    }
  }
}
