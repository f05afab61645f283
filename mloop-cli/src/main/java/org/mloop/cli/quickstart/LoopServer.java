package org.mloop.cli.quickstart;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.mloop.cli.LocalWorkspaces;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.store.TokenStore;
import org.mloop.jobs.InProcessJobRunner;
import org.mloop.jobs.JobExecutor;
import org.mloop.monitor.schedule.MonitorScheduler;
import org.mloop.server.MloopServer;
import org.mloop.server.ServerOptions;
import org.mloop.core.workspace.LocalWorkspace;

/**
 * A workspace server inside this JVM on a free loopback port, wired as `mloop server` wires it
 * (jobs run by the server, endpoints served by it), for the quickstart and the end-to-end specs.
 */
public final class LoopServer implements AutoCloseable {
  private final LocalWorkspace workspace;
  private final MloopServer server;
  private final InProcessJobRunner runner;
  private final MonitorScheduler monitors;

  private LoopServer(LocalWorkspace workspace, MloopServer server, InProcessJobRunner runner,
      MonitorScheduler monitors) {
    this.workspace = workspace;
    this.server = server;
    this.runner = runner;
    this.monitors = monitors;
  }

  /** A server that asks no token of this machine's clients (the end-to-end specs). */
  public static LoopServer start(Path dir) {
    return start(dir, false);
  }

  /** With {@code requireTokens}, every request needs a token, so each token's role is what it may do. */
  public static LoopServer start(Path dir, boolean requireTokens) {
    Path ws = dir.toAbsolutePath().normalize();
    // jobs log to this server, whose URL is known once it is bound: the runner is set right after
    AtomicReference<InProcessJobRunner> runner = new AtomicReference<>();
    JobRunner deferred = new JobRunner() {
      @Override
      public void start(Job job) {
        runner.get().start(job);
      }

      @Override
      public void cancel(String jobName) {
        runner.get().cancel(jobName);
      }
    };
    LocalWorkspace workspace = LocalWorkspaces.open(ws, metadata -> deferred);
    ServerOptions options = ServerOptions.of("127.0.0.1", 0).withRequireTokens(requireTokens)
        .withUploadDirectory(ws.resolve("uploads"))
        .withEndpoints(ws.resolve(LocalWorkspaces.MODEL_CACHE));
    MloopServer server = MloopServer.start(workspace, options);
    JobExecutor executor = new JobExecutor(workspace.metadata(), workspace.artifacts(), LocalWorkspaces.scratch(ws),
        server.url(), server.internalToken());
    runner.set(new InProcessJobRunner(workspace.metadata(), executor, 2));
    return new LoopServer(workspace, server, runner.get(), MonitorScheduler.start(workspace));
  }

  public String url() {
    return server.url();
  }

  /** The served workspace's tokens (created here, on its directory, as `mloop token create` does). */
  public TokenStore tokens() {
    return workspace.metadata().tokens();
  }

  @Override
  public void close() {
    monitors.close();
    runner.close();
    server.stop();
    workspace.close();
  }
}
