package org.mloop.cli.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mloop.app.WorkspaceServer;
import org.mloop.app.Workspaces;
import org.mloop.core.MloopException;
import org.mloop.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {"Serve a workspace over HTTP: the MLflow tracking REST API, the mlflow-artifacts proxy and mloop's"
        + " /api/v1 (data assets, jobs, models, endpoints, monitors). Jobs submitted to it run on this machine, inside"
        + " this process, and so do monitors created with --every (checked every 15 seconds, one run at a time).",
        "It also scores every online endpoint of the workspace at /endpoints/NAME/score (Azure ML), "
            + "/endpoints/NAME/invocations (MLflow) and /endpoints/NAME/v2/models/M/infer (Open Inference V2), "
            + "guarded by the endpoint's keys, and serves Prometheus metrics at /metrics.",
        "Binds 127.0.0.1 unless --host says otherwise; beyond loopback every request but scoring needs a token"
            + " (see `mloop token create`), /metrics included. A token's role and scope decide what it may do"
            + " (mloop token --help); without a token on loopback, the machine's own clients may do everything."},
    footer = {"", "Examples:",
        "  mloop server --workspace .mloop --port 5050",
        "  MLOOP_WORKSPACE=http://127.0.0.1:5050 mloop job list",
        "  curl -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' \\",
        "       -d @model/sample-request.json http://127.0.0.1:5050/endpoints/diabetes-staging/score"})
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
      description = "Workspace directory to serve (default: $MLOOP_WORKSPACE, else ./.mloop).")
  String workspace;

  @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST,
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = {"-p", "--port"}, defaultValue = "5050",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--require-token", description = "Require a bearer token even on loopback.")
  boolean requireToken;

  @Option(names = "--protected-alias", paramLabel = "ALIAS", split = ",",
      description = "Aliases only deployer and admin tokens may move (default: production,staging).")
  List<String> protectedAliases;

  @Option(names = "--max-concurrent-jobs", defaultValue = "2",
      description = "Jobs run at once; later ones wait Queued (default: ${DEFAULT-VALUE}).")
  int maxConcurrentJobs;

  @Override
  public Integer call() throws InterruptedException {
    String location = Workspaces.location(workspace);
    if (Workspaces.isRemote(location)) {
      throw MloopException.invalid("mloop server serves a workspace directory, not a URL ('" + location + "')");
    }
    Path dir = Path.of(location).toAbsolutePath().normalize();
    WorkspaceServer server = WorkspaceServer.Options.builder(dir).host(host).port(port).requireTokens(requireToken)
        .protectedAliases(protectedAliases == null ? null : Set.copyOf(protectedAliases))
        .maxConcurrentJobs(maxConcurrentJobs).start();
    int resent = server.resentAlerts();
    PrintWriter out = spec.commandLine().getOut();
    out.println("mloop server: workspace " + dir + " at " + server.url()
        + (server.url().contains("//" + host + ":") ? "" : " (listening on " + host + ":" + server.port() + ")")
        + (server.requiresToken() ? " (bearer token required)" : ""));
    out.println("online endpoints: " + server.url() + "/endpoints/NAME/score (keys: mloop endpoint get-keys"
        + " --name NAME), metrics: " + server.url() + "/metrics");
    out.println("mloop studio: " + server.url() + "/" + (server.requiresToken() ? " (sign in with a token)" : ""));
    if (resent > 0) {
      out.println("monitoring: re-sending " + resent + " alert" + (resent == 1 ? "" : "s")
          + " whose webhook delivery was cut off");
    }
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "server-shutdown"));
    stopped.await();
    return 0;
  }
}
