package org.mloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.serving.collect.CollectorStats;

/** The scoring benchmark's figures as a dated markdown section: machine, command, table, ratios against the targets. */
record ScoringReport(int seconds, int warmup, int connections, int threads, int batchRows, int batchConnections,
    int workers, List<ScoringCases.Case> cases, double loadBefore, double loadAfter, String versions,
    CollectorStats collected, Double collectorCpuShare, List<Double> noopRatios, List<Double> collectionCosts,
    int rounds) {

  private static final String MISSING = "not measured";

  String markdown(LocalDate date) {
    StringBuilder md = new StringBuilder();
    md.append("## Online scoring over HTTP: single-row and batch requests (run of ").append(date).append(")\n\n");
    md.append("- Date: ").append(date).append('\n');
    md.append(String.format(Locale.ROOT,
        "- Machine: %d cores (%s), %s memory, %s %s; load average %.1f before the run, %.1f after. wrk and the"
            + " servers share the cores, over loopback.%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), memory(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), loadBefore, loadAfter));
    md.append("- Software: ").append(versions).append('\n');
    md.append(String.format(Locale.ROOT,
        "- Command: `bench/run-scoring-bench.sh` (builds `model/` and `bench`, then runs"
            + " `org.mloop.bench.ScoringBench`). Each case: a %d s warm-up, then `wrk -t%d -c%d -d%ds` (batches:"
            + " -c%d) with bench/wrk/post.lua posting the same Azure ML `/score` body; the Python server runs %d"
            + " uvicorn workers. The no-op handler and the host run side by side in one process and are loaded in"
            + " turn, %d rounds; so are collection off and on.%n%n",
        warmup, threads, connections, seconds, batchConnections, workers, rounds));

    md.append("| case | requests/s | rows/s | p50 | p99 | max | errors | connections |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (ScoringCases.Case c : cases) {
      Wrk.Result r = c.result();
      md.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %.2f ms | %.2f ms | %.1f ms | %d | %d%s |%n",
          c.description(), r.perSecond(), c.rowsPerRequest() > 1 ? String.format(Locale.ROOT, "%,.0f",
              r.perSecond() * c.rowsPerRequest()) : "", r.p50Us() / 1e3, r.p99Us() / 1e3, r.maxUs() / 1e3, r.errors(),
          r.connections(), r.delayMs() > 0 ? " (1 ms pause after each response)" : ""));
    }

    Map<String, ScoringCases.Case> by = ScoringCases.byKey(cases);
    md.append("\n| target | measured | met |\n| --- | --- | --- |\n");
    Double noopRatio = median(noopRatios);
    target(md, "single-row scoring throughput >= 90% of the no-op handler", noopRatio == null
            ? ratio(by, "host", "noop", 100, "%.0f%%")
            : String.format(Locale.ROOT, "%.0f%% (median of %d rounds; %s)", 100 * noopRatio, noopRatios.size(),
                spread(noopRatios)),
        noopRatio != null ? noopRatio : ratioValue(by, "host", "noop"), v -> v >= 0.9);
    target(md, "single-row scoring throughput >= 50x the Python server", ratio(by, "host", "python", 1, "%.0fx"),
        ratioValue(by, "host", "python"), v -> v >= 50);
    ScoringCases.Case half = by.get("host-half");
    target(md, "p99 latency < 1.1 ms at half of the maximum throughput", half == null ? MISSING
            : String.format(Locale.ROOT, "%.2f ms at %,.0f req/s", half.result().p99Us() / 1e3, half.result().perSecond()),
        half == null ? null : half.result().p99Us() / 1e3, v -> v < 1.1);
    ScoringCases.Case batch = by.get("host-batch");
    Double rows = batch == null ? null : batch.result().perSecond() * batch.rowsPerRequest();
    target(md, batchRows + "-row batch requests >= 2,000,000 rows/s",
        rows == null ? MISSING : String.format(Locale.ROOT, "%,.0f rows/s", rows), rows, v -> v >= 2_000_000);
    Double cost = median(collectionCosts);
    target(md, "data collection at 100% costs < 5% of throughput",
        cost == null ? MISSING : String.format(Locale.ROOT, "%.1f%% (median of %d rounds; %s)", 100 * cost,
            collectionCosts.size(), spread(collectionCosts)),
        cost, v -> v < 0.05);
    target(md, "data collection drops nothing",
        collected == null ? MISSING : String.format(Locale.ROOT, "%,d of %,d requests dropped, %,d rows",
            collected.droppedBatches(), collected.offeredBatches(), collected.droppedRows()),
        collected == null ? null : (double) collected.droppedRows(), v -> v == 0);
    if (collectorCpuShare != null) {
      md.append(String.format(Locale.ROOT, "%nWhile collecting, the collector's threads (lines, files and store)"
          + " used %.1f%% of the host process's CPU time (thread CPU time against process CPU time).%n",
          100 * collectorCpuShare));
    }
    if (collected != null) {
      md.append(String.format(Locale.ROOT, "%nData collector during the run: %,d requests offered, %,d dropped (buffer"
              + " full), %,d rows written in %,d files, %,d rows dropped, %d sink failures.%n",
          collected.offeredBatches(), collected.droppedBatches(), collected.writtenRows(), collected.writtenFiles(),
          collected.droppedRows(), collected.sinkFailures()));
    }
    return md.toString();
  }

  private static void target(StringBuilder md, String what, String measured, Double value,
      java.util.function.DoublePredicate met) {
    md.append("| ").append(what).append(" | ").append(measured).append(" | ")
        .append(value == null ? "-" : met.test(value) ? "yes" : "**no**").append(" |\n");
  }

  private static Double median(List<Double> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** "rounds 88%, 91%, 93%". */
  private static String spread(List<Double> values) {
    return "rounds " + String.join(", ", values.stream()
        .map(v -> String.format(Locale.ROOT, "%.1f%%", 100 * v)).toList());
  }

  private static Double ratioValue(Map<String, ScoringCases.Case> by, String a, String b) {
    if (!by.containsKey(a) || !by.containsKey(b)) {
      return null;
    }
    return by.get(a).result().perSecond() / by.get(b).result().perSecond();
  }

  private static String ratio(Map<String, ScoringCases.Case> by, String a, String b, double scale, String format) {
    Double v = ratioValue(by, a, b);
    return v == null ? MISSING : String.format(Locale.ROOT, format, v * scale);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
          .findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
