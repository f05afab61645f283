package org.mloop.serving.host;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone HTTP server for a {@link ScoringHost} ({@code mloop serve --endpoint NAME}): one
 * verticle per event loop, all listening on the same port and sharing the host's state.
 *
 * <pre>{@code
 * ScoringServer server = ScoringServer.start(host.start(), "127.0.0.1", 8080, Runtime.getRuntime().availableProcessors());
 * ... server.url() + "/score" ...
 * server.close(); host.close();
 * }</pre>
 */
public final class ScoringServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringServer.class);
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final String host;
  private final int port;

  private ScoringServer(Vertx vertx, String host, int port) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
  }

  /** Listens on {@code host:port} (port 0 picks a free one) with {@code instances} event-loop verticles. */
  public static ScoringServer start(ScoringHost scoring, String host, int port, int instances) {
    int n = Math.max(1, instances);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(n, 1)));
    AtomicInteger bound = new AtomicInteger(port);
    try {
      // One deployment of n instances: Vert.x binds the socket once (even for port 0) and spreads
      // connections over the instances' event loops.
      await(vertx.deployVerticle(() -> new HostVerticle(scoring, host, port, bound),
          new DeploymentOptions().setInstances(n)));
    } catch (RuntimeException e) {
      await(vertx.close());
      throw new MloopException(ErrorCode.INVALID_STATE, "cannot listen on " + host + ":" + port + ": "
          + rootMessage(e) + " (is another process using the port? choose another port)", e);
    }
    ScoringServer server = new ScoringServer(vertx, host, bound.get());
    LOG.info("scoring host listening at {} ({} event loops)", server.url(), n);
    return server;
  }

  public int port() {
    return port;
  }

  /** The base URL, e.g. "http://127.0.0.1:8080"; a wildcard bind is reached through loopback. */
  public String url() {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
  }

  /** Stops listening; the {@link ScoringHost} is closed by its owner. */
  @Override
  public void close() {
    await(vertx.close());
  }

  private static final class HostVerticle extends VerticleBase {
    private final ScoringHost scoring;
    private final String host;
    private final int port;
    private final AtomicInteger bound;

    HostVerticle(ScoringHost scoring, String host, int port, AtomicInteger bound) {
      this.scoring = scoring;
      this.host = host;
      this.port = port;
      this.bound = bound;
    }

    @Override
    public Future<?> start() {
      HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
          .setCompressionSupported(false).setHandle100ContinueAutomatically(true)
          .setIdleTimeout(10).setIdleTimeoutUnit(TimeUnit.MINUTES);
      return vertx.createHttpServer(options).requestHandler(scoring.router(vertx)).listen()
          .onSuccess(server -> bound.set(server.actualPort()));
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + START_TIMEOUT_SECONDS + " s", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
