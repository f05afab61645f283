package org.mloop.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobLogs;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * A real workspace in a temporary directory (SQLite metadata, file artifact store) served by a real
 * server on 127.0.0.1 and an ephemeral port. Jobs are recorded but never executed here: the runner
 * only remembers what it was asked to start, which is all the HTTP layer needs to be tested.
 */
final class TestWorkspace implements AutoCloseable {
  final Path dir;
  final MetadataStore metadata;
  final ArtifactStore artifacts;
  final RecordingRunner runner = new RecordingRunner();
  final LocalWorkspace workspace;
  MloopServer server;

  private TestWorkspace(Path dir) {
    this.dir = dir;
    this.metadata = MetadataStores.open("jdbc:sqlite:" + dir.resolve("mloop.db"));
    this.artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    this.workspace = new LocalWorkspace(dir.toString(), metadata, artifacts, runner, new StoredLogs(artifacts));
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
    if (server != null) {
      server.stop();
    }
    workspace.close();
  }

  /** Remembers started and canceled jobs; runs nothing. */
  static final class RecordingRunner implements JobRunner {
    final List<String> started = new ArrayList<>();
    final List<String> canceled = new ArrayList<>();

    @Override
    public synchronized void start(Job job) {
      started.add(job.name());
    }

    @Override
    public synchronized void cancel(Job job) {
      canceled.add(job.name());
    }
  }

  /** Logs as the executor leaves them: jobs/NAME/logs/std_log.txt in the artifact store. */
  static final class StoredLogs implements JobLogs {
    private final ArtifactStore artifacts;

    StoredLogs(ArtifactStore artifacts) {
      this.artifacts = artifacts;
    }

    @Override
    public LogChunk read(Job job, long offset, int maxBytes) {
      String path = "jobs/" + job.name() + "/logs/std_log.txt";
      boolean complete = job.status().terminal();
      if (!artifacts.exists(path)) {
        return new LogChunk("", offset, offset, complete);
      }
      try (InputStream in = artifacts.read(path)) {
        in.skipNBytes(offset);
        byte[] bytes = in.readNBytes(maxBytes);
        boolean atEnd = in.read() < 0;
        return new LogChunk(new String(bytes, StandardCharsets.UTF_8), offset, offset + bytes.length, complete && atEnd);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
