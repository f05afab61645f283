package org.mloop.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.JobExecutor;
import org.mloop.server.MloopServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the background process that runs one job of an embedded workspace does (started by the
 * workspace's job runner, see {@link LocalWorkspaces#executorProcesses}; entered through
 * {@link ExecutorMain} or `mloop job execute`). It serves the workspace's tracking API on an
 * ephemeral loopback port for the job's command to log to, runs the job, and returns. SIGTERM stops
 * the command and fails the job with a message saying so; `mloop job cancel` goes through the
 * database instead and ends it Canceled.
 *
 * <p>Every job waits for this process to start, so the tracking server starts on another thread
 * while the job is prepared (marked Starting, code copied, inputs materialized): the command needs
 * the server's URL only when it is spawned.
 */
public final class ExecutorProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorProcess.class);

  private ExecutorProcess() {}

  /** Runs the Queued job {@code name} of the workspace directory {@code workspace}; 0 once it ended. */
  public static int execute(Path workspace, String name) {
    long entered = System.currentTimeMillis();
    CountDownLatch finished = new CountDownLatch(1);
    try (LocalWorkspace ws = LocalWorkspaces.open(workspace, null)) {
      long opened = System.currentTimeMillis();
      AtomicLong listening = new AtomicLong();
      CompletableFuture<MloopServer> server = new CompletableFuture<>();
      Thread starter = new Thread(() -> {
        try {
          MloopServer started = MloopServer.start(ws, "127.0.0.1", 0);
          listening.set(System.currentTimeMillis());
          server.complete(started);
        } catch (Throwable e) {
          server.completeExceptionally(e);
        }
      }, "tracking-server-start");
      starter.start();
      try {
        JobExecutor executor = new JobExecutor(ws.metadata(), ws.artifacts(), LocalWorkspaces.scratch(workspace), () -> {
          MloopServer s = await(server);
          return new JobExecutor.Tracking(s.url(), s.internalToken());
        });
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
        try {
          await(server).stop();
        } catch (RuntimeException e) {
          LOG.warn("job {}: the tracking server failed: {}", name, e.toString());
        }
      }
      if (LOG.isDebugEnabled()) {
        // Where the time to the command's first line went (read by bench/JobOverheadBench).
        LOG.debug("job {} executor phases (epoch ms): jvm {} command {} workspace {} server {}", name,
            ManagementFactory.getRuntimeMXBean().getStartTime(), entered, opened, listening.get());
      }
    }
    return 0;
  }

  private static MloopServer await(CompletableFuture<MloopServer> server) {
    try {
      return server.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
