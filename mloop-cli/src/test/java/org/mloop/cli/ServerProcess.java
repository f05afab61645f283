package org.mloop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real `mloop server` (or `mloop serve`) in its own JVM on a free loopback port, as a user would
 * start it; its output is kept, for assertions and for failure messages.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");
  private final Process process;
  private final String url;
  private final StringBuilder output;

  private ServerProcess(Process process, String url, StringBuilder output) {
    this.process = process;
    this.url = url;
    this.output = output;
  }

  static ServerProcess start(Path workspace) throws IOException {
    return command("server", "--workspace", workspace.toString(), "--port", "0");
  }

  /** `mloop ARGS` in its own JVM; returns once it prints "at http://127.0.0.1:PORT". */
  static ServerProcess command(String... args) throws IOException {
    return command(java.util.Map.of(), args);
  }

  /** The same, with these environment variables added. */
  static ServerProcess command(java.util.Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "org.mloop.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
      try {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
          seen.append(line).append('\n');
          Matcher m = URL.matcher(line);
          if (m.find()) {
            return m.group(1);
          }
        }
        throw new IllegalStateException("mloop " + args[0] + " exited before listening:\n" + seen);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    StringBuilder output = new StringBuilder();
    try {
      String found = url.get(60, TimeUnit.SECONDS);
      // Keep draining its output so the server never blocks on a full pipe.
      Thread drain = new Thread(() -> lines.lines().forEach(l -> {
        synchronized (output) {
          output.append(l).append('\n');
        }
      }), "server-output");
      drain.setDaemon(true);
      drain.start();
      return new ServerProcess(process, found, output);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("mloop " + args[0] + " did not start: " + e.getMessage(), e);
    }
  }

  String url() {
    return url;
  }

  /** What it printed after its URL line, so far. */
  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** SIGKILL: no shutdown hook runs, as when a machine loses power or the OOM killer strikes. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
