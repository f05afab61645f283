package org.mloop.app;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.store.TokenStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.InProcessJobRunner;
import org.mloop.jobs.JobExecutor;
import org.mloop.monitor.schedule.MonitorScheduler;
import org.mloop.server.MloopServer;
import org.mloop.server.ServerOptions;
import org.mloop.studio.Studio;

/**
 * The one start-up of a workspace server (`mloop server`, the quickstart, the end-to-end specs and
 * the job benchmark): the workspace directory opened by {@link LocalWorkspaces}, {@link MloopServer}
 * serving its APIs, mloop studio (the web UI at /) and its online endpoints (model files cached under {@link LocalWorkspaces#MODEL_CACHE},
 * uploads staged in DIR/uploads, beside the artifacts they become), jobs run inside this process by an
 * {@link InProcessJobRunner} whose executors log to this server, monitors created with an interval
 * run by a {@link MonitorScheduler}, and alerts whose webhook delivery an earlier process left
 * unfinished handed over again.
 */
public final class WorkspaceServer implements AutoCloseable {
  private final Path directory;
  private final LocalWorkspace workspace;
  private final MloopServer server;
  private final InProcessJobRunner runner;
  private final MonitorScheduler monitors;
  private final int resentAlerts;

  private WorkspaceServer(Path directory, LocalWorkspace workspace, MloopServer server, InProcessJobRunner runner,
      MonitorScheduler monitors, int resentAlerts) {
    this.directory = directory;
    this.workspace = workspace;
    this.server = server;
    this.runner = runner;
    this.monitors = monitors;
    this.resentAlerts = resentAlerts;
  }

  /**
   * How a workspace server starts: the workspace directory, the address it binds ({@code port} 0
   * picks a free one), whether loopback clients need a token too, the aliases only deployer and
   * admin tokens may move (null: {@code production} and {@code staging}), how many jobs run at once,
   * and {@code jobRunner}, which may wrap the runner the workspace hands jobs to (e.g. to time it).
   */
  public record Options(Path workspace, String host, int port, boolean requireTokens, Set<String> protectedAliases,
      int maxConcurrentJobs, UnaryOperator<JobRunner> jobRunner) {
    public static final int DEFAULT_MAX_CONCURRENT_JOBS = 2;

    public Options {
      if (workspace == null) {
        throw new IllegalArgumentException("a workspace server needs a workspace directory");
      }
      workspace = workspace.toAbsolutePath().normalize();
      host = host == null || host.isBlank() ? ServerOptions.DEFAULT_HOST : host;
      if (maxConcurrentJobs < 1) {
        throw new IllegalArgumentException("max concurrent jobs must be at least 1, not " + maxConcurrentJobs);
      }
      protectedAliases = protectedAliases == null ? null : Set.copyOf(protectedAliases);
      jobRunner = jobRunner == null ? UnaryOperator.identity() : jobRunner;
    }

    /** Loopback, a free port, no token asked of this machine's clients, two jobs at once. */
    public static Builder builder(Path workspace) {
      return new Builder(workspace);
    }

    /** Builds {@link Options}; each setting starts at the default {@link Options#builder} names. */
    public static final class Builder {
      private final Path workspace;
      private String host = ServerOptions.DEFAULT_HOST;
      private int port;
      private boolean requireTokens;
      private Set<String> protectedAliases;
      private int maxConcurrentJobs = DEFAULT_MAX_CONCURRENT_JOBS;
      private UnaryOperator<JobRunner> jobRunner;

      private Builder(Path workspace) {
        this.workspace = workspace;
      }

      public Builder host(String host) {
        this.host = host;
        return this;
      }

      public Builder port(int port) {
        this.port = port;
        return this;
      }

      public Builder requireTokens(boolean requireTokens) {
        this.requireTokens = requireTokens;
        return this;
      }

      public Builder protectedAliases(Set<String> protectedAliases) {
        this.protectedAliases = protectedAliases;
        return this;
      }

      public Builder maxConcurrentJobs(int maxConcurrentJobs) {
        this.maxConcurrentJobs = maxConcurrentJobs;
        return this;
      }

      public Builder jobRunner(UnaryOperator<JobRunner> jobRunner) {
        this.jobRunner = jobRunner;
        return this;
      }

      public Options build() {
        return new Options(workspace, host, port, requireTokens, protectedAliases, maxConcurrentJobs, jobRunner);
      }

      /** Starts the server these options describe. */
      public WorkspaceServer start() {
        return WorkspaceServer.start(build());
      }
    }
  }

  /** A server of the directory with the defaults of {@link Options#builder} (the end-to-end specs). */
  public static WorkspaceServer start(Path workspace) {
    return Options.builder(workspace).start();
  }

  public static WorkspaceServer start(Options options) {
    Path dir = options.workspace();
    // Jobs log to this server, whose URL is known only once it is bound: the runner is set right after.
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
    LocalWorkspace ws = LocalWorkspaces.open(dir, metadata -> options.jobRunner().apply(deferred));
    MloopServer server;
    try {
      ServerOptions serverOptions = ServerOptions.of(options.host(), options.port())
          .withRequireTokens(options.requireTokens())
          .withUploadDirectory(dir.resolve("uploads"))
          .withEndpoints(dir.resolve(LocalWorkspaces.MODEL_CACHE))
          .withProtectedAliases(options.protectedAliases())
          // mloop studio, the web UI, at / on the same port
          .withPages(new Studio(ws));
      server = MloopServer.start(ws, serverOptions);
    } catch (RuntimeException e) {
      ws.close();
      throw e;
    }
    MonitorScheduler monitors = null;
    try {
      JobExecutor executor = new JobExecutor(ws.metadata(), ws.artifacts(), LocalWorkspaces.scratch(dir), server.url(),
          server.internalToken());
      runner.set(new InProcessJobRunner(ws.metadata(), executor, options.maxConcurrentJobs()));
      // Monitors created with an interval run here, one at a time, due-ness read from their stored runs.
      monitors = MonitorScheduler.start(ws);
      // Alerts whose webhook posts a previous run of the server (or a killed CLI) left unfinished.
      int resent = ws.monitors().redeliverStalledAlerts();
      return new WorkspaceServer(dir, ws, server, runner.get(), monitors, resent);
    } catch (RuntimeException e) {
      if (monitors != null) {
        monitors.close();
      }
      if (runner.get() != null) {
        runner.get().close();
      }
      server.stop();
      ws.close();
      throw e;
    }
  }

  /** The workspace directory served (absolute). */
  public Path directory() {
    return directory;
  }

  public String url() {
    return server.url();
  }

  public String host() {
    return server.host();
  }

  public int port() {
    return server.port();
  }

  public boolean requiresToken() {
    return server.requiresToken();
  }

  /** How many alerts were handed to their webhooks again at start (see {@code redeliverStalledAlerts}). */
  public int resentAlerts() {
    return resentAlerts;
  }

  /** The served workspace's tokens (created here, on its directory, as `mloop token create` does). */
  public TokenStore tokens() {
    return workspace.metadata().tokens();
  }

  /** The served workspace itself, for callers in this JVM that skip HTTP (the job benchmark). */
  public LocalWorkspace workspace() {
    return workspace;
  }

  /** Stops monitors, jobs, the server, then closes the workspace. */
  @Override
  public void close() {
    monitors.close();
    runner.close();
    server.stop();
    workspace.close();
  }
}
