package org.mloop.cli.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mloop.cli.LocalWorkspaces;
import org.mloop.cli.Workspaces;
import org.mloop.core.MloopException;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.InProcessJobRunner;
import org.mloop.server.MloopServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {"Serve a workspace over HTTP: the MLflow tracking REST API, the mlflow-artifacts proxy and mloop's"
        + " /api/v1 (data assets, jobs). Jobs submitted to it run on this machine, in this process.",
        "Binds 127.0.0.1 unless --host says otherwise; beyond loopback every request needs a token"
            + " (see `mloop token create`)."},
    footer = {"", "Examples:",
        "  mloop server --workspace .mloop --port 5050",
        "  MLOOP_WORKSPACE=http://127.0.0.1:5050 mloop job list"})
public final class ServerCommand implements Callable<Integer> {
  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
      description = "Workspace directory to serve (default: $MLOOP_WORKSPACE, else ./.mloop).")
  String workspace;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = {"-p", "--port"}, defaultValue = "5050", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    String location = Workspaces.location(workspace);
    if (Workspaces.isRemote(location)) {
      throw MloopException.invalid("mloop server serves a workspace directory, not a URL ('" + location + "')");
    }
    Path dir = Path.of(location).toAbsolutePath().normalize();
    InProcessJobRunner runner = new InProcessJobRunner(LocalWorkspaces.scratchDirectory(dir));
    try (LocalWorkspace ws = LocalWorkspaces.open(dir, runner)) {
      MloopServer server = MloopServer.start(ws, host, port);
      runner.attach(ws.metadata(), ws.artifacts(), server.url(), server.internalToken());
      System.out.println("mloop server: workspace " + dir + " at " + server.url()
          + (server.requiresToken() ? " (bearer token required)" : ""));
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.stop();
        runner.close();
        stop.countDown();
      }, "server-shutdown"));
      stop.await();
    }
    return 0;
  }
}
