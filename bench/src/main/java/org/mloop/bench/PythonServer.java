package org.mloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Python comparator (bench/python/mlflow_like_server.py) as a child process, ready once /health answers. */
final class PythonServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final int port;

  private PythonServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PythonServer start(String python, Path script, Path weights, int port, int workers, Path log)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no Python comparator at " + script.toAbsolutePath()
          + ": run the benchmark from the repository root");
    }
    Process process = new ProcessBuilder(List.of(python, script.toString(), "--model", weights.toString(),
        "--port", Integer.toString(port), "--workers", Integer.toString(workers)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PythonServer server = new PythonServer(process, port);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Python comparator exited with " + process.exitValue() + ":\n"
            + Files.readString(log) + "\n(it needs Debian's python3-fastapi, python3-uvicorn, python3-sklearn and"
            + " python3-pandas for " + python + ")");
      }
      try {
        HttpResponse<Void> health = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException("the Python comparator did not answer /health within " + STARTUP.toSeconds()
        + " s; its log:\n" + Files.readString(log));
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops uvicorn's workers and then its main process (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle worker : workers) {
      if (worker.isAlive()) {
        worker.destroyForcibly();
      }
    }
  }
}
