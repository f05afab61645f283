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
 * The background process that runs one job of an embedded workspace (started by DetachedJobRunner).
 * It serves the workspace's tracking API on an ephemeral loopback port for the job's command to log
 * to, runs the job, and exits. SIGTERM (job cancel) cancels the job before the process ends.
 */
@Command(name = "execute", hidden = true, description = "Run one Queued job in this process (internal).")
public final class JobExecuteCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = {"-w", "--workspace"}, required = true)
  Path workspace;

  @Override
  public Integer call() throws Exception {
    CountDownLatch finished = new CountDownLatch(1);
    try (LocalWorkspace ws = LocalWorkspaces.open(workspace, null)) {
      MloopServer server = MloopServer.start(ws, "127.0.0.1", 0);
      try {
        JobExecutor executor = new JobExecutor(ws.metadata(), ws.artifacts(),
            LocalWorkspaces.scratchDirectory(workspace), server.url(), null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          if (finished.getCount() > 0) {
            executor.cancel(name);
            try {
              finished.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }, "cancel-on-sigterm"));
        executor.execute(name);
      } finally {
        finished.countDown();
        server.stop();
      }
    }
    return 0;
  }

}
