package org.mloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the wrk load generator with bench/wrk/post.lua (POST of one body file) and reads the RESULT
 * line the script prints: request count, errors and latency percentiles.
 */
final class Wrk {
  private final Path script;
  private final int threads;

  Wrk(Path script, int threads) {
    this.script = script;
    this.threads = threads;
  }

  /** One run's figures; latencies in microseconds. {@code errors} counts non-2xx/3xx answers, socket errors and timeouts. */
  record Result(int connections, int delayMs, long requests, long durationUs, long errors, long p50Us, long p90Us,
      long p99Us, long p999Us, long maxUs) {
    double perSecond() {
      return requests / (durationUs / 1e6);
    }

    String summary() {
      return String.format(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d errors (c=%d%s)",
          perSecond(), p50Us / 1e3, p99Us / 1e3, maxUs / 1e3, errors, connections,
          delayMs > 0 ? ", " + delayMs + " ms pause per connection" : "");
    }
  }

  /**
   * Loads {@code url} for {@code seconds} with {@code connections} connections, each pausing
   * {@code delayMs} between a response and its next request (0: none, full speed).
   */
  Result run(String url, Path body, Map<String, String> headers, int connections, int delayMs, int seconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(threads, connections), "-c" + connections,
        "-d" + seconds + "s", "--timeout", "5s", "-s", script.toString()));
    headers.forEach((name, value) -> {
      command.add("-H");
      command.add(name + ": " + value);
    });
    command.add(url);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("WRK_BODY_FILE", body.toAbsolutePath().toString());
    pb.environment().put("WRK_DELAY_MS", Integer.toString(delayMs));
    Process process = pb.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
    if (exit != 0 || line == null) {
      throw new IllegalStateException("wrk " + String.join(" ", command) + " failed (exit " + exit + "):\n" + out);
    }
    Map<String, String> f = new HashMap<>();
    for (String pair : line.substring("RESULT ".length()).trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      f.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    long errors = 0;
    for (String key : List.of("connect", "read", "write", "status", "timeout")) {
      errors += Long.parseLong(f.get(key));
    }
    return new Result(connections, delayMs, Long.parseLong(f.get("requests")), Long.parseLong(f.get("duration_us")),
        errors, Long.parseLong(f.get("p50_us")), Long.parseLong(f.get("p90_us")), Long.parseLong(f.get("p99_us")),
        Long.parseLong(f.get("p999_us")), Long.parseLong(f.get("max_us")));
  }
}
