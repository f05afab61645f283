package org.mloop.monitor.report;

import static org.mloop.monitor.report.Html.escape;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;

/**
 * A run as one self-contained HTML page: inline CSS and SVG, no script and nothing fetched, so it
 * reads the same offline, attached to a ticket or opened from an artifact folder. The header says
 * what was compared (window, baseline, models, rows) and the verdict; then each signal has its
 * summary and, per feature, the baseline and production histograms side by side and every metric
 * against its threshold, breaches highlighted; the run's notes close the page.
 */
public final class HtmlReport {
  /** The name whole-dataset figures use as their feature (see {@link MetricResult}). */
  private static final String DATASET = "*";

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;\
      color:#1f2328;background:#fff;line-height:1.45}
      main{max-width:1100px;margin:0 auto;padding:24px}
      h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.3em;margin:32px 0 6px;border-bottom:2px solid #d0d7de;\
      padding-bottom:4px}h3{font-size:1.05em;margin:22px 0 6px}
      table{border-collapse:collapse;margin:6px 0}td,th{padding:4px 10px;text-align:left;\
      border-bottom:1px solid #d0d7de;vertical-align:top}
      th{background:#f6f8fa;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
      table.facts th{background:none;font-weight:600;color:#57606a;width:11em}
      .verdict{display:inline-block;padding:3px 12px;border-radius:12px;font-weight:700;color:#fff}
      .v-ok{background:#1a7f37}.v-alert{background:#cf222e}.v-no_data{background:#9a6700}.v-failed{background:#6e7781}
      .banner{padding:12px 16px;border-radius:6px;margin:16px 0;font-weight:600}
      .banner-no_data{background:#fff8c5;border:1px solid #d4a72c}.banner-failed{background:#ffebe9;\
      border:1px solid #ff8182}
      .badge{display:inline-block;font-size:.8em;padding:1px 8px;border-radius:10px;margin-left:8px;\
      vertical-align:middle}
      .badge-breached{background:#ffebe9;color:#cf222e;border:1px solid #ff8182}
      .badge-ok{background:#dafbe1;color:#1a7f37;border:1px solid #4ac26b}
      .badge-none{background:#f6f8fa;color:#57606a;border:1px solid #d0d7de}
      tr.breached td{background:#ffebe9}tr.breached td.flag{color:#cf222e;font-weight:700}
      .hists{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-size:.9em;color:#57606a}
      svg .bar-baseline{fill:#6b8fb5}svg .bar-production{fill:#e08a3c}svg .grid{stroke:#eaeef2}\
      svg .axis{stroke:#8c959f}
      svg text{font-size:9px;fill:#57606a}svg .empty{font-size:12px}
      .muted{color:#57606a}footer{margin-top:32px;font-size:.85em;color:#57606a}
      """;

  public byte[] render(Monitor monitor, MonitorRun run) {
    return page(monitor, run).getBytes(StandardCharsets.UTF_8);
  }

  String page(Monitor monitor, MonitorRun run) {
    String name = monitor != null ? monitor.name() : run.monitor();
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(escape("Monitor " + name + " run " + run.id() + ": " + verdictText(run.verdict())))
        .append("</title><style>").append(CSS).append("</style></head><body><main>");
    header(h, monitor, name, run);
    switch (run.verdict()) {
      case NO_DATA -> h.append("<p class=\"banner banner-no_data\">No production data in this window: nothing was "
          + "judged. This is not a &quot;no drift&quot; result; check that the endpoint's deployments collect data "
          + "and that traffic reached them.</p>");
      case FAILED -> h.append("<p class=\"banner banner-failed\">This run could not be computed: ")
          .append(escape(run.summary())).append("</p>");
      default -> { }
    }
    for (Signal signal : signals(run)) {
      signal(h, signal, run);
    }
    notes(h, run);
    h.append("<footer>mloop monitoring report &middot; run ").append(run.id()).append(" of ").append(escape(name))
        .append(" &middot; computed ").append(Html.utc(run.finishedAt())).append("</footer>");
    h.append("</main></body></html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, Monitor monitor, String name, MonitorRun run) {
    h.append("<h1>Monitor ").append(escape(name)).append(" &middot; run ").append(run.id()).append("</h1>");
    h.append("<p><span class=\"verdict v-").append(run.verdict().name().toLowerCase(Locale.ROOT))
        .append("\">").append(verdictText(run.verdict())).append("</span> ").append(escape(run.summary()))
        .append("</p>");
    h.append("<table class=\"facts\">");
    fact(h, "Endpoint", escape(run.endpoint()));
    fact(h, "Window", escape(Html.utc(run.windowFrom())) + " &rarr; " + escape(Html.utc(run.windowTo())));
    fact(h, "Baseline", run.baseline() == null || run.baseline().isBlank() ? "<span class=\"muted\">none</span>"
        : escape(run.baseline()) + " <span class=\"muted\">(" + Html.count(run.baselineRows()) + " rows)</span>");
    fact(h, "Model versions", run.models().isEmpty() ? "<span class=\"muted\">none</span>"
        : escape(String.join(", ", run.models())));
    fact(h, "Production rows", Html.count(run.rows()));
    fact(h, "Labeled rows", Html.count(run.labeledRows()));
    if (monitor != null) {
      fact(h, "Signals", escape(monitor.spec().signals().stream().map(Signal::id).collect(Collectors.joining(", "))));
    }
    fact(h, "Computed", escape(Html.utc(run.startedAt())) + " <span class=\"muted\">in "
        + Html.number(Math.max(0, run.finishedAt() - run.startedAt()) / 1000.0) + " s</span>");
    h.append("</table>");
  }

  private static void fact(StringBuilder h, String name, String html) {
    h.append("<tr><th>").append(name).append("</th><td>").append(html).append("</td></tr>");
  }

  /** Signals with a result, metrics or histograms, in {@link Signal} order. */
  private static List<Signal> signals(MonitorRun run) {
    Set<Signal> present = new LinkedHashSet<>();
    run.signals().forEach(s -> present.add(s.signal()));
    run.metrics().forEach(m -> present.add(m.signal()));
    run.histograms().forEach(x -> present.add(x.signal()));
    List<Signal> ordered = new ArrayList<>();
    for (Signal s : Signal.values()) {
      if (present.contains(s)) {
        ordered.add(s);
      }
    }
    return ordered;
  }

  private static void signal(StringBuilder h, Signal signal, MonitorRun run) {
    SignalResult result = run.signals().stream().filter(s -> s.signal() == signal).findFirst().orElse(null);
    boolean judged = run.metrics().stream().anyMatch(m -> m.signal() == signal && m.comparison() != Comparison.REPORTED);
    h.append("<section id=\"").append(signal.id()).append("\"><h2>").append(title(signal));
    if (result != null && result.alert()) {
      h.append("<span class=\"badge badge-breached\">alert</span>");
    } else if (judged) {
      h.append("<span class=\"badge badge-ok\">ok</span>");
    } else if (result != null) {
      h.append("<span class=\"badge badge-none\">not judged</span>");
    }
    h.append("</h2>");
    if (result != null) {
      h.append("<p>").append(escape(result.summary())).append("</p>");
      if (!result.breachedFeatures().isEmpty()) {
        h.append("<p>Breached: <strong>").append(escape(String.join(", ", result.breachedFeatures())))
            .append("</strong></p>");
      }
    }
    // Features in the order the run lists them (the signature's), whole-dataset figures first.
    Map<String, List<MetricResult>> metrics = new LinkedHashMap<>();
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    run.metrics().stream().filter(m -> m.signal() == signal && DATASET.equals(m.feature()))
        .forEach(m -> metrics.computeIfAbsent(m.feature(), k -> new ArrayList<>()).add(m));
    run.metrics().stream().filter(m -> m.signal() == signal && !DATASET.equals(m.feature()))
        .forEach(m -> metrics.computeIfAbsent(m.feature(), k -> new ArrayList<>()).add(m));
    run.histograms().stream().filter(x -> x.signal() == signal).forEach(x -> histograms.putIfAbsent(x.feature(), x));
    if (histograms.isEmpty()) {
      // Nothing to draw (data quality, performance): one table reads better than a heading per feature.
      List<MetricResult> all = new ArrayList<>();
      metrics.values().forEach(all::addAll);
      metricsTable(h, all, true);
    } else {
      Set<String> features = new LinkedHashSet<>(metrics.keySet());
      features.addAll(histograms.keySet());
      for (String feature : features) {
        feature(h, signal, feature, histograms.get(feature), metrics.getOrDefault(feature, List.of()));
      }
    }
    h.append("</section>");
  }

  private static void feature(StringBuilder h, Signal signal, String feature, Histogram histogram,
      List<MetricResult> metrics) {
    boolean breached = metrics.stream().anyMatch(MetricResult::breached);
    boolean judged = metrics.stream().anyMatch(m -> m.comparison() != Comparison.REPORTED);
    h.append("<h3>").append(DATASET.equals(feature) ? "Whole dataset" : escape(feature));
    if (breached) {
      h.append("<span class=\"badge badge-breached\">").append(signal == Signal.DATA_DRIFT
          || signal == Signal.PREDICTION_DRIFT ? "drift" : "breached").append("</span>");
    } else if (judged) {
      h.append("<span class=\"badge badge-ok\">within thresholds</span>");
    }
    h.append("</h3>");
    if (histogram != null) {
      HistogramSvg svg = new HistogramSvg(histogram);
      long baselineRows = HistogramSvg.total(histogram.baseline());
      long productionRows = HistogramSvg.total(histogram.production());
      h.append("<div class=\"hists\"><figure><figcaption>Baseline &middot; ").append(Html.count(baselineRows))
          .append(" rows</figcaption>").append(svg.baselineSvg(feature + " baseline")).append("</figure>")
          .append("<figure><figcaption>Production &middot; ").append(Html.count(productionRows))
          .append(" rows</figcaption>").append(svg.productionSvg(feature + " production")).append("</figure></div>")
          .append("<p class=\"muted\">Bars show each bin's share of its side's rows, on one scale.</p>");
    }
    metricsTable(h, metrics, false);
  }

  /** Each metric against its threshold, breaches highlighted; {@code byFeature} adds a feature column. */
  private static void metricsTable(StringBuilder h, List<MetricResult> metrics, boolean byFeature) {
    if (metrics.isEmpty()) {
      return;
    }
    h.append("<table class=\"metrics\"><thead><tr>").append(byFeature ? "<th>Feature</th>" : "")
        .append("<th>Metric</th><th>Value</th><th>Rule</th><th>Threshold</th><th>Breached</th></tr></thead><tbody>");
    for (MetricResult m : metrics) {
      boolean reported = m.comparison() == Comparison.REPORTED;
      h.append(m.breached() ? "<tr class=\"breached\">" : "<tr>");
      if (byFeature) {
        h.append("<td>").append(DATASET.equals(m.feature()) ? "whole dataset" : escape(m.feature())).append("</td>");
      }
      h.append("<td>").append(escape(m.metric())).append("</td>")
          .append("<td class=\"num\">").append(escape(Html.number(m.value()))).append("</td>")
          .append("<td>").append(reported ? "<span class=\"muted\">reported</span>"
              : escape(m.comparison().symbol())).append("</td>")
          .append("<td class=\"num\">").append(reported ? "&mdash;" : escape(Html.number(m.threshold())))
          .append("</td>")
          .append("<td class=\"flag\">").append(reported ? "&mdash;" : m.breached() ? "yes" : "no").append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static void notes(StringBuilder h, MonitorRun run) {
    h.append("<section id=\"notes\"><h2>Notes</h2>");
    if (run.notes().isEmpty()) {
      h.append("<p class=\"muted\">None.</p>");
    } else {
      h.append("<ul>");
      run.notes().forEach(n -> h.append("<li>").append(escape(n)).append("</li>"));
      h.append("</ul>");
    }
    h.append("</section>");
  }

  private static String title(Signal signal) {
    return switch (signal) {
      case DATA_DRIFT -> "Data drift";
      case PREDICTION_DRIFT -> "Prediction drift";
      case DATA_QUALITY -> "Data quality";
      case MODEL_PERFORMANCE -> "Model performance";
    };
  }

  private static String verdictText(Verdict verdict) {
    return switch (verdict) {
      case OK -> "OK";
      case ALERT -> "ALERT";
      case NO_DATA -> "NO DATA";
      case FAILED -> "FAILED";
    };
  }
}
