package org.mloop.cli.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mloop.cli.LocalWorkspaces;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.JobExecutor;
import org.mloop.server.MloopServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The background process that runs one job of an embedded workspace (started by the CLI's job
 * runner). It serves the workspace's tracking API on an ephemeral loopback port for the job's
 * command to log to, runs the job, and exits. SIGTERM stops the command and fails the job with a
 * message saying so; `mloop job cancel` goes through the database instead and ends it Canceled.
 */
@Command(name = "execute", hidden = true, description = "Run one Queued job in this process (internal).")
public final class JobExecuteCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = {"-w", "--workspace"}, required = true)
  Path workspace;

  @Override
  public Integer call() {
    CountDownLatch finished = new CountDownLatch(1);
    try (LocalWorkspace ws = LocalWorkspaces.open(workspace, null)) {
      MloopServer server = MloopServer.start(ws, "127.0.0.1", 0);
      try {
        JobExecutor executor = new JobExecutor(ws.metadata(), ws.artifacts(), LocalWorkspaces.scratch(workspace),
            server.url(), server.internalToken());
        Thread stopOnSignal = new Thread(() -> {
          executor.stopAll("the job's executor process was stopped (SIGTERM or shutdown)");
          try {
            finished.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "stop-on-sigterm");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        executor.execute(name);
        Runtime.getRuntime().removeShutdownHook(stopOnSignal);
      } finally {
        finished.countDown();
        server.stop();
      }
    }
    return 0;
  }
}
