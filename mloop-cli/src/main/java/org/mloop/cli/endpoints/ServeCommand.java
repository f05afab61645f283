package org.mloop.cli.endpoints;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mloop.app.LocalWorkspaces;
import org.mloop.app.Workspaces;
import org.mloop.core.workspace.Workspace;
import org.mloop.server.EndpointScoring;
import org.mloop.serving.host.ScoringHost;
import org.mloop.serving.host.ScoringServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"Run a standalone scoring host for one endpoint: a replica that follows the workspace's deployments,"
        + " traffic split and keys (it re-reads them every 500 ms), so several can run behind a load balancer.",
        "It answers POST /score (Azure ML), POST /invocations (MLflow), POST /v2/models/NAME/infer (Open Inference"
            + " V2), GET /ready and GET /metrics (Prometheus; open to whoever reaches the port, so bind beyond"
            + " loopback only on a network you trust). Scoring needs one of the endpoint's keys."
            + " Against a server it reads them through get-keys, so its MLOOP_TOKEN must be a deployer or admin whose"
            + " scope names the endpoint. Runs until Ctrl-C."},
    footer = {"", "Examples:",
        "  mloop serve --endpoint diabetes-prod",
        "  mloop serve --endpoint diabetes-prod --workspace http://mloop.internal:5050 --host 0.0.0.0 --port 8080",
        "  curl -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' \\",
        "       -d @model/sample-request.json http://127.0.0.1:5001/score"})
public final class ServeCommand implements Callable<Integer> {
  private static final long READY_WAIT_SECONDS = 300;

  @Option(names = "--endpoint", required = true, paramLabel = "NAME", description = "The endpoint to serve.")
  String endpoint;

  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR|URL",
      description = "Workspace directory or server URL (default: $MLOOP_WORKSPACE, else ./.mloop).")
  String workspace;

  @Option(names = {"-p", "--port"}, defaultValue = "" + EndpointViews.DEFAULT_SERVE_PORT,
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--instances", paramLabel = "N",
      description = "Event loops serving requests (default: the number of processors).")
  Integer instances;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    String location = Workspaces.location(workspace);
    boolean remote = Workspaces.isRemote(location);
    Workspace ws = remote ? Workspaces.open(location)
        : LocalWorkspaces.open(Path.of(location).toAbsolutePath().normalize(), null);
    ScoringHost scoring = null;
    ScoringServer server = null;
    try {
      ws.endpoints().get(endpoint); // refuses a name the workspace lacks, with its message
      scoring = EndpointScoring.singleEndpoint(endpoint, ws, modelCache(location, remote)).start();
      server = ScoringServer.start(scoring, host, port,
          instances != null ? instances : Runtime.getRuntime().availableProcessors());
    } catch (RuntimeException e) {
      if (scoring != null) {
        scoring.close();
      }
      ws.close();
      throw e;
    }
    String url = server.url();
    PrintWriter out = spec.commandLine().getOut();
    out.println("mloop serve: endpoint " + endpoint + " of workspace " + ws.location() + " at " + url);
    out.println("  score:       POST " + url + "/score");
    out.println("  invocations: POST " + url + "/invocations");
    out.println("  v2:          POST " + url + "/v2/models/" + endpoint + "/infer");
    out.println("  readiness:   GET  " + url + "/ready, metrics: GET " + url + "/metrics");
    out.println("  keys:        mloop endpoint get-keys --name " + endpoint + " --workspace " + location);

    CountDownLatch stopped = new CountDownLatch(1);
    ScoringHost h = scoring;
    ScoringServer s = server;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      s.close();
      h.close(); // writes the data collected so far
      ws.close();
      stopped.countDown();
    }, "serve-shutdown"));
    waitUntilReady(h, stopped);
    stopped.await();
    return 0;
  }

  /** Prints "ready" once the endpoint's live deployments are loaded, or what it still waits for. */
  private void waitUntilReady(ScoringHost scoring, CountDownLatch stopped) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_WAIT_SECONDS);
    while (!scoring.ready(endpoint)) {
      if (System.nanoTime() > deadline) {
        spec.commandLine().getOut().println("not ready after " + READY_WAIT_SECONDS + " s, waiting for: "
            + String.join(", ", scoring.waitingFor(endpoint)) + " (see mloop deployment logs); still serving");
        return;
      }
      if (stopped.await(50, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
    spec.commandLine().getOut().println("ready: endpoint " + endpoint + " serves traffic");
  }

  /** A workspace directory keeps its own cache; a server's models go to the user's cache, reused across runs. */
  private static Path modelCache(String location, boolean remote) {
    if (!remote) {
      return Path.of(location).toAbsolutePath().normalize().resolve(LocalWorkspaces.MODEL_CACHE);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("mloop").resolve("models");
  }
}
