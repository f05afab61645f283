package org.mloop.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scoring benchmark's measured cases, the lines of its table: a warm-up and a run at full speed,
 * the latency at about half load, and two servers alternated round after round.
 */
final class ScoringCases {
  private final Wrk wrk;
  private final int seconds;
  private final int warmup;
  private final int connections;
  private final int rounds;
  private final List<Case> cases = new ArrayList<>();

  ScoringCases(Wrk wrk, int seconds, int warmup, int connections, int rounds) {
    this.wrk = wrk;
    this.seconds = seconds;
    this.warmup = warmup;
    this.connections = connections;
    this.rounds = rounds;
  }

  /** One measured line of the table. {@code rowsPerRequest} turns requests into rows. */
  record Case(String key, String description, int rowsPerRequest, Wrk.Result result) {}

  /** One server of an alternated comparison: its case key and description, URL and headers. */
  record Side(String key, String description, String url, Map<String, String> headers) {}

  /**
   * {@code rounds} rounds of {@code a} then {@code b} at full speed, single row; the median
   * round of each goes into the table and each round's ratio b/a into {@code ratios}. Returns b's median.
   */
  Wrk.Result alternated(Side a, Side b, Path body, List<Double> ratios) throws IOException, InterruptedException {
    List<Wrk.Result> as = new ArrayList<>();
    List<Wrk.Result> bs = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      as.add(wrk.run(a.url, body, a.headers, connections, 0, seconds));
      bs.add(wrk.run(b.url, body, b.headers, connections, 0, seconds));
      ratios.add(bs.get(round - 1).perSecond() / as.get(round - 1).perSecond());
      System.out.printf(Locale.ROOT, "  round %d: %s %,.0f req/s, %s %,.0f req/s (%.1f%%)%n", round, a.key,
          as.get(round - 1).perSecond(), b.key, bs.get(round - 1).perSecond(), 100 * ratios.get(round - 1));
    }
    String medians = " (median of " + rounds + " alternated runs)";
    cases.add(new Case(a.key, a.description + medians, 1, median(as)));
    Wrk.Result result = median(bs);
    cases.add(new Case(b.key, b.description + medians, 1, result));
    return result;
  }

  /** Warm-up, then one measured run at full speed; the result goes into the table. */
  Wrk.Result measure(String key, String description, String url, Path body, int rowsPerRequest,
      Map<String, String> headers, int connections) throws IOException, InterruptedException {
    wrk.run(url, body, headers, connections, 0, warmup);
    Wrk.Result result = wrk.run(url, body, headers, connections, 0, seconds);
    System.out.printf(Locale.ROOT, "  %-13s %s%s%n", key, result.summary(),
        rowsPerRequest > 1 ? String.format(Locale.ROOT, " = %,.0f rows/s", result.perSecond() * rowsPerRequest) : "");
    cases.add(new Case(key, description, rowsPerRequest, result));
    return result;
  }

  /**
   * Latency at about half of {@code max} requests/s: every connection pauses 1 ms after each
   * response, and the connection count comes from a short probe (throughput grows with connections
   * until the server saturates).
   */
  Wrk.Result halfLoad(String key, String description, String url, Path body, Map<String, String> headers,
      double max) throws IOException, InterruptedException {
    double target = max / 2;
    int guess = (int) Math.max(1, Math.min(1024, Math.round(target / 800))); // ~800 req/s per paced connection
    Wrk.Result probe = wrk.run(url, body, headers, guess, 1, Math.max(3, warmup));
    int connections = (int) Math.max(1, Math.min(1024, Math.round(guess * target / probe.perSecond())));
    System.out.printf(Locale.ROOT, "  half-load probe: %s -> %d connections for %,.0f req/s%n",
        probe.summary(), connections, target);
    Wrk.Result result = wrk.run(url, body, headers, connections, 1, seconds);
    System.out.printf(Locale.ROOT, "  %-13s %s (%.0f%% of the maximum)%n", key, result.summary(),
        100 * result.perSecond() / max);
    cases.add(new Case(key, description, 1, result));
    return result;
  }

  /** Adds a case measured elsewhere. */
  void add(Case measured) {
    cases.add(measured);
  }

  List<Case> all() {
    return cases;
  }

  Case get(String key) {
    return byKey(cases).get(key);
  }

  static Wrk.Result median(List<Wrk.Result> results) {
    List<Wrk.Result> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingDouble(Wrk.Result::perSecond));
    return sorted.get(sorted.size() / 2);
  }

  static Map<String, Case> byKey(List<Case> cases) {
    Map<String, Case> map = new LinkedHashMap<>();
    cases.forEach(c -> map.put(c.key(), c));
    return map;
  }
}
