package org.mloop.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.auth.AccessPolicy;
import org.mloop.core.json.MlflowJson;
import org.mloop.core.registry.RegistryStore;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.store.TokenStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.monitor.metrics.MonitorGauges;
import org.mloop.serving.host.ScoringHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace server: MLflow's tracking REST API 2.0 (/api/2.0/mlflow), MLflow's artifact proxy
 * (/api/2.0/mlflow-artifacts) and mloop's own resources (/api/v1), plus GET /health and GET /version.
 *
 * <p>Vert.x serves HTTP on its event loop; every store and workspace call runs on worker threads.
 * It binds 127.0.0.1 unless told otherwise. Beyond loopback every request needs a bearer token
 * known to the {@link TokenStore} (or the server's {@link #internalToken()}); /health stays open
 * for probes. Every route names the permission it needs ({@link Guard}); the token's role and scope
 * must grant it ({@link Access}, {@link AccessPolicy}).
 *
 * <p>With {@link ServerOptions#withEndpoints} it also serves every online endpoint of the workspace
 * through a {@link ScoringHost}: /endpoints/NAME/score, /invocations and /v2/..., and GET /metrics.
 * Scoring requests are authenticated by the endpoint's own keys, not by workspace tokens, so those
 * routes sit before the token check. /metrics is open when the server asks no token (loopback) and
 * needs a workspace token when it does (beyond loopback or --require-token), as Prometheus can send;
 * beside the scoring metrics it carries the latest run of each monitor as gauges ({@link MonitorGauges}).
 *
 * <p>With {@link ServerOptions#withPages} it also serves web pages (mloop studio) on the same port
 * ({@link WebPages}); they authenticate their requests through {@link WebAuth}.
 *
 * <pre>{@code
 * MloopServer server = MloopServer.start(localWorkspace, "127.0.0.1", 5050);
 * ... server.url() ...
 * server.stop();
 * }</pre>
 */
public final class MloopServer {
  private static final Logger LOG = LoggerFactory.getLogger(MloopServer.class);
  private static final int TRANSFER_THREADS = 8;
  private static final int WORKER_THREADS = 32;
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final long REFRESH_WAIT_SECONDS = 10;

  private final Vertx vertx;
  private final HttpServer http;
  private final Transfers transfers;
  private final ServerOptions options;
  private final boolean requiresToken;
  private final String internalToken;
  private final Uploads uploads;
  private final ScoringHost scoring;
  private final LocalWorkspace workspace;

  private MloopServer(Vertx vertx, HttpServer http, Transfers transfers, ServerOptions options, boolean requiresToken,
      String internalToken, Uploads uploads, ScoringHost scoring, LocalWorkspace workspace) {
    this.vertx = vertx;
    this.http = http;
    this.transfers = transfers;
    this.options = options;
    this.requiresToken = requiresToken;
    this.internalToken = internalToken;
    this.uploads = uploads;
    this.scoring = scoring;
    this.workspace = workspace;
  }

  /** Serves a local workspace (the CLI's `mloop server`); port 0 picks a free port. */
  public static MloopServer start(LocalWorkspace workspace, String host, int port) {
    return start(workspace, ServerOptions.of(host, port));
  }

  /**
   * Serves the workspace's services over HTTP, one API per stage, beside what MLflow's API reaches
   * directly: the registry and job stores (MLflow's model registry), the tokens and the artifact
   * store (MLflow's artifact proxy).
   */
  public static MloopServer start(LocalWorkspace workspace, ServerOptions options) {
    MetadataStore metadata = workspace.metadata();
    ArtifactStore artifacts = workspace.artifacts();
    boolean requiresToken = options.requireTokens() || !isLoopback(options.host());
    String internalToken = newInternalToken();
    // Removes what an earlier server left in the staging folder, if no other server uses it.
    Uploads uploads = options.uploadDirectory() == null ? Uploads.temporary() : new Uploads(options.uploadDirectory());

    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(WORKER_THREADS));
    Transfers transfers = new Transfers(vertx, TRANSFER_THREADS);
    AccessPolicy policy = new AccessPolicy(options.protectedAliases());
    Access access = new Access(policy);
    Router router = Router.router(vertx);
    router.route().handler(MloopServer::pauseAndCheckPath);
    router.get("/health").handler(ctx -> {
      ctx.request().resume();
      Routes.sendJson(ctx, health());
    });
    BearerAuth auth = new BearerAuth(vertx, metadata.tokens(), requiresToken, internalToken);
    ScoringHost scoring = null;
    if (options.servesEndpoints()) {
      scoring = EndpointScoring.allEndpoints(workspace, options.endpointModelCache()).start();
      // monitor runs of this workspace read what this host collected up to the moment they start
      workspace.monitors().collectorsInThisProcess(scoring::flushCollectedData);
      // rollouts through this server smoke-test on the host that serves the endpoints
      workspace.endpoints().scoringInThisProcess(EndpointScoring.probe(scoring));
      if (requiresToken) {
        router.get("/metrics").handler(auth);
      }
      // Ahead of the host's own /metrics: its scoring metrics followed by the monitors' gauges.
      router.get("/metrics").handler(metrics(scoring, new MonitorGauges(workspace, scoring.meterRegistry())));
      // Before the token check: endpoint keys, not workspace tokens, guard scoring.
      scoring.mount(router);
    }
    if (!requiresToken) {
      // Token-less is for the machine's own clients; a browser's cross-site or DNS-rebound request is not one.
      router.route().handler(new LoopbackGuard());
    }
    if (options.pages() != null) {
      // Pages check their own sessions; every path they do not route goes on to the token check below.
      options.pages().mount(router, new WebAuth(auth, requiresToken, policy), new WebScoring(scoring));
    }
    router.route().handler(auth);

    // As an MLflow server answers its own release: clients that check it see the API mloop follows.
    router.get("/version").handler(ctx -> {
      ctx.request().resume();
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(TrackingApi.MLFLOW_VERSION);
    });

    Routes routes = new Routes(vertx, router, access);
    Runnable endpointsChanged = endpointsChanged(scoring);
    new TrackingApi(workspace.tracking(), artifacts).register(routes, transfers);
    RegistryStore registry = metadata.registry();
    ModelSources sources = new ModelSources(registry, workspace.tracking(), metadata.jobs(), artifacts);
    new RegisteredModelsApi(registry, sources).register(routes);
    new ModelVersionsApi(registry, sources).register(routes);
    new ArtifactsProxyApi(artifacts).register(routes, transfers);
    new UploadsApi(uploads).register(routes, transfers);
    new DataAssetsApi(workspace.data(), uploads).register(routes, transfers);
    new JobsApi(workspace.jobs(), uploads).register(routes, transfers);
    new ModelsApi(workspace.registry(), uploads).register(routes, transfers);
    new EndpointsApi(workspace.endpoints(), endpointsChanged).register(routes, transfers);
    new MonitorsApi(workspace.monitors(), endpointsChanged).register(routes, transfers);
    new CiArtifactsApi(workspace.ciArtifacts()).register(routes, transfers);
    router.route().failureHandler(ErrorResponses::handleFailure);
    router.errorHandler(404, ErrorResponses::handleFailure);
    router.errorHandler(405, ErrorResponses::handleFailure);
    router.errorHandler(413, ErrorResponses::handleFailure);
    router.errorHandler(500, ErrorResponses::handleFailure);

    HttpServerOptions httpOptions = new HttpServerOptions()
        .setHost(options.host())
        .setPort(options.port())
        .setHandle100ContinueAutomatically(true)
        .setCompressionSupported(false)
        // Clients that vanish mid-upload would otherwise hold a transfer thread forever.
        .setIdleTimeout(10)
        .setIdleTimeoutUnit(TimeUnit.MINUTES);
    HttpServer http = vertx.createHttpServer(httpOptions).requestHandler(router);
    try {
      await(http.listen());
    } catch (RuntimeException e) {
      transfers.close();
      await(vertx.close());
      uploads.close();
      if (scoring != null) {
        workspace.monitors().collectorsInThisProcess(null);
        workspace.endpoints().scoringInThisProcess(null);
        scoring.close();
      }
      throw new MloopException(ErrorCode.INVALID_STATE, "cannot listen on " + options.host() + ":" + options.port()
          + ": " + rootMessage(e) + " (is another server using the port? choose another port)", e);
    }
    MloopServer server = new MloopServer(vertx, http, transfers, options, requiresToken, internalToken, uploads,
        scoring, workspace);
    LOG.info("mloop server listening at {}{}", server.url(), requiresToken ? " (bearer token required)" : "");
    return server;
  }

  /**
   * After a change made through /api/v1, the host re-reads the endpoints at once and the answer
   * waits (briefly) until the new routing is in place, so a client that changes traffic or adds a
   * deployment and then scores sees its change. Changes made by other processes are picked up by
   * the host's poll.
   */
  private static Runnable endpointsChanged(ScoringHost scoring) {
    if (scoring == null) {
      return null;
    }
    return () -> {
      try {
        scoring.refreshSoon().get(REFRESH_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // The change is stored; the host's next poll applies it.
        LOG.warn("the scoring host did not re-read the endpoints at once: {}", rootMessage(e));
      }
    };
  }

  /**
   * GET /metrics: the scoring host's registry, which holds the scoring metrics and the latest monitor
   * runs as gauges. The gauges read the workspace (at most every few seconds), so they are refreshed
   * on a worker thread before the registry is rendered.
   */
  private static Handler<RoutingContext> metrics(ScoringHost scoring, MonitorGauges gauges) {
    return ctx -> {
      ctx.request().resume();
      ctx.vertx().executeBlocking(() -> {
        gauges.refresh();
        return null;
      }, false).onComplete(refreshed -> ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
          .end(scoring.metricsText()));
    };
  }

  /** The scoring host serving the workspace's endpoints; null when this server does not serve them. */
  public ScoringHost scoringHost() {
    return scoring;
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return http.actualPort();
  }

  public String host() {
    return options.host();
  }

  /**
   * The base URL, such as "http://127.0.0.1:5050". A wildcard bind (0.0.0.0, ::) is reached
   * through loopback, which is what the jobs this server runs need.
   */
  public String url() {
    String host = options.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** True when every request needs a bearer token. */
  public boolean requiresToken() {
    return requiresToken;
  }

  /**
   * A token this server accepts for as long as it runs, never stored: hand it to the jobs it
   * runs (MLOOP_TOKEN) so they can log even when tokens are required.
   */
  public String internalToken() {
    return internalToken;
  }

  /** Stops listening, waits for in-flight requests to finish their current step, releases threads. */
  public void stop() {
    try {
      await(http.close());
    } finally {
      transfers.close();
      await(vertx.close());
      uploads.close();
      if (scoring != null) {
        workspace.monitors().collectorsInThisProcess(null);
        workspace.endpoints().scoringInThisProcess(null);
        scoring.close(); // also writes the data collected so far
      }
    }
  }

  // ---- request plumbing

  /**
   * First handler of every request: pauses the body (later handlers may do async work, such as
   * the token lookup, before reading it), refuses a malformed Authorization header on every route
   * (scoring, probes and metrics included: an empty header is never "no header"), and refuses paths
   * that try to climb out of their root, before the router's normalization would silently resolve them.
   */
  private static void pauseAndCheckPath(RoutingContext ctx) {
    ctx.request().pause();
    try {
      BearerHeader.token(ctx.request());
    } catch (MloopException e) {
      ErrorResponses.send(ctx, e);
      return;
    }
    String raw = ctx.request().path();
    String decoded;
    try {
      decoded = RelativePaths.decode(raw == null ? "/" : raw);
    } catch (MloopException e) {
      ErrorResponses.send(ctx, e);
      return;
    }
    if (ArtifactPath.climbsOut(decoded)) {
      ErrorResponses.send(ctx, ErrorCode.INVALID_PARAMETER_VALUE, "invalid path '" + raw
          + "': paths must not contain '.' or '..' segments or backslashes");
      return;
    }
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    ctx.next();
  }

  private static Object health() {
    return MlflowJson.object().put("status", "ok");
  }

  private static boolean isLoopback(String host) {
    try {
      String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      // Unknown names are treated as public: better to ask for a token than to expose a workspace.
      return false;
    }
  }

  private static String newInternalToken() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return "mloop_internal_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the HTTP server", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the HTTP server did not respond within " + START_TIMEOUT_SECONDS + " s", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

}
