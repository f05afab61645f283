package org.mloop.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.monitoring.MonitorEngine;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.InProcessJobRunner;
import org.mloop.jobs.JobExecutor;
import org.mloop.jobs.JobLogReader;
import org.mloop.jobs.JobScratch;
import org.mloop.runtime.RuntimeModelEvaluator;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * A real workspace in a temporary directory (SQLite metadata, file artifact store, the jobs
 * module's log reader) served by a real server on 127.0.0.1 and an ephemeral port. By default jobs
 * are recorded but not executed, which keeps the HTTP tests deterministic; {@link #executing}
 * runs them for real, in process, logging back to the server as `mloop server` does.
 */
final class TestWorkspace implements AutoCloseable {
  final Path dir;
  final MetadataStore metadata;
  final ArtifactStore artifacts;
  final JobScratch scratch;
  final RecordingRunner runner;
  final LocalWorkspace workspace;
  MloopServer server;
  private InProcessJobRunner executingRunner;

  private TestWorkspace(Path dir) {
    this(dir, null);
  }

  private TestWorkspace(Path dir, MonitorEngine monitoring) {
    this.dir = dir;
    this.metadata = MetadataStores.open("jdbc:sqlite:" + dir.resolve("mloop.db"));
    this.artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    this.scratch = new JobScratch(dir.resolve("scratch"));
    this.runner = new RecordingRunner(metadata);
    this.workspace = new LocalWorkspace(dir.toString(), metadata, artifacts, runner,
        new JobLogReader(metadata.jobs(), artifacts, scratch), monitoring, new RuntimeModelEvaluator());
  }

  /** The workspace alone with a monitoring engine. */
  static TestWorkspace local(Path dir, MonitorEngine monitoring) {
    return new TestWorkspace(dir, monitoring);
  }

  /** Served, with monitor runs computed by {@code monitoring}. */
  static TestWorkspace served(Path dir, MonitorEngine monitoring) {
    TestWorkspace ws = new TestWorkspace(dir, monitoring);
    ws.server = MloopServer.start(ws.workspace, ServerOptions.ephemeral().withUploadDirectory(dir.resolve("uploads")));
    return ws;
  }

  /** Served with {@code options}, with monitor runs computed by {@code monitoring}. */
  static TestWorkspace served(Path dir, MonitorEngine monitoring, ServerOptions options) {
    TestWorkspace ws = new TestWorkspace(dir, monitoring);
    ws.server = MloopServer.start(ws.workspace, options);
    return ws;
  }

  /** The workspace alone, without a server: the embedded side of a local-versus-remote comparison. */
  static TestWorkspace local(Path dir) {
    return new TestWorkspace(dir);
  }

  static TestWorkspace served(Path dir) {
    return served(dir, ServerOptions.ephemeral().withUploadDirectory(dir.resolve("uploads")));
  }

  static TestWorkspace served(Path dir, ServerOptions options) {
    TestWorkspace ws = new TestWorkspace(dir);
    ws.server = MloopServer.start(ws.workspace, options);
    return ws;
  }

  /** Served, with jobs executed in this process against the server's URL and internal token. */
  static TestWorkspace executing(Path dir, ServerOptions options) {
    TestWorkspace ws = served(dir, options);
    JobExecutor executor = new JobExecutor(ws.metadata, ws.artifacts, ws.scratch, ws.server.url(),
        ws.server.internalToken());
    ws.executingRunner = new InProcessJobRunner(ws.metadata, executor, 1);
    ws.runner.delegate.set(ws.executingRunner);
    return ws;
  }

  String url() {
    return server.url();
  }

  HttpCalls http() {
    return new HttpCalls(url(), null);
  }

  HttpCalls http(String token) {
    return new HttpCalls(url(), token);
  }

  @Override
  public void close() {
    if (executingRunner != null) {
      executingRunner.close();
    }
    if (server != null) {
      server.stop();
    }
    workspace.close();
  }

  /**
   * Remembers started and canceled jobs and passes them on to a real runner when there is one;
   * without one, a cancelation is the jobs module's request (the job ends Canceled, its run KILLED).
   */
  static final class RecordingRunner implements JobRunner {
    final List<String> started = new ArrayList<>();
    final List<String> canceled = new ArrayList<>();
    final AtomicReference<JobRunner> delegate = new AtomicReference<>();
    private final MetadataStore metadata;

    RecordingRunner(MetadataStore metadata) {
      this.metadata = metadata;
    }

    @Override
    public synchronized void start(Job job) {
      started.add(job.name());
      if (delegate.get() != null) {
        delegate.get().start(job);
      }
    }

    @Override
    public synchronized void cancel(String jobName) {
      canceled.add(jobName);
      if (delegate.get() != null) {
        delegate.get().cancel(jobName);
      } else {
        JobExecutor.requestCancel(metadata, jobName);
      }
    }
  }
}
