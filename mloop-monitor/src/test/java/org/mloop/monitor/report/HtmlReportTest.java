package org.mloop.monitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;

/** The HTML report: one page a person can read offline, with every metric against its threshold. */
class HtmlReportTest {
  private static final long FROM = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
  private static final long TO = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
  private static final String ODD = "<b>\"odd\" & 'name'</b>";

  private final HtmlReport report = new HtmlReport();

  static Monitor monitor() {
    return new Monitor(new MonitorSpec("diabetes-prod-monitor", "diabetes-prod", null,
        List.of(Signal.DATA_DRIFT, Signal.DATA_QUALITY), Thresholds.defaults(), null, Duration.ofHours(24),
        List.of()), FROM, FROM);
  }

  static MonitorRun alertRun() {
    List<MetricResult> metrics = List.of(
        MetricResult.judged(Signal.DATA_DRIFT, "*", "drifted_share", 0.25, 0.5, Comparison.AT_LEAST),
        MetricResult.judged(Signal.DATA_DRIFT, "PlasmaGlucose", "normalized_wasserstein", 0.412345, 0.1,
            Comparison.AT_LEAST),
        MetricResult.reported(Signal.DATA_DRIFT, "PlasmaGlucose", "psi", 0.9876),
        MetricResult.judged(Signal.DATA_DRIFT, "Age", "normalized_wasserstein", 0.0213, 0.1, Comparison.AT_LEAST),
        MetricResult.judged(Signal.DATA_DRIFT, "Age", "ks_p_value", 0.0000123, 0.05, Comparison.BELOW),
        MetricResult.judged(Signal.DATA_DRIFT, ODD, "jensen_shannon", 0.05, 0.1, Comparison.AT_LEAST),
        MetricResult.judged(Signal.DATA_QUALITY, "BMI", "null_rate", 0.002, 0, Comparison.ABOVE));
    List<Histogram> histograms = List.of(
        new Histogram(Signal.DATA_DRIFT, "PlasmaGlucose", List.of("", "", ""), List.of(40.0, 80.0, 120.0, 190.0),
            List.of(300L, 500L, 200L), List.of(10L, 40L, 50L)),
        new Histogram(Signal.DATA_DRIFT, "Age", List.of("young", "old"), List.of(), List.of(1000L, 3000L),
            List.of(100L, 300L)),
        new Histogram(Signal.DATA_DRIFT, ODD, List.of("<a>", "b"), List.of(), List.of(5L, 5L), List.of(4L, 6L)));
    return new MonitorRun(7, "diabetes-prod-monitor", "diabetes-prod", TO + 1000, TO + 3500, FROM, TO,
        "mloop:diabetes-prod-folder:3", 10_000, List.of("diabetes:2"), 1_234_567, 321, Verdict.ALERT,
        "data drift on 1 of 3 features: PlasmaGlucose; data quality: BMI",
        List.of(new SignalResult(Signal.DATA_DRIFT, true, List.of("PlasmaGlucose"), "1 of 3 features drift: PlasmaGlucose"),
            new SignalResult(Signal.DATA_QUALITY, true, List.of("BMI"), "null rate above 0 on BMI")),
        metrics, histograms, List.of("12 malformed lines skipped <script>alert(1)</script>"));
  }

  private String render(MonitorRun run) {
    return new String(report.render(monitor(), run), StandardCharsets.UTF_8);
  }

  @Test
  void headerSaysWhatWasComparedAndTheVerdict() {
    String page = render(alertRun());
    assertThat(page).startsWith("<!DOCTYPE html>")
        .contains("diabetes-prod-monitor", "diabetes-prod", "2026-11-25 00:00:00 UTC", "2026-11-26 00:00:00 UTC",
            "mloop:diabetes-prod-folder:3", "10,000 rows", "diabetes:2", "1,234,567", "321", "ALERT",
            "data drift on 1 of 3 features: PlasmaGlucose");
  }

  @Test
  void everyFeatureHasItsMetricsAgainstTheirThresholdsAndBreachesAreMarked() {
    String page = render(alertRun());
    assertThat(page).contains("<h2>Data drift", "<h2>Data quality", ">PlasmaGlucose<", ">Age<", ">BMI<",
        "Whole dataset", "<td>drifted_share</td><td class=\"num\">0.25</td>");
    assertThat(row(page, "PlasmaGlucose", "normalized_wasserstein"))
        .startsWith("<tr class=\"breached\">").contains(">0.4123<", ">&gt;=<", ">0.1<", ">yes<");
    assertThat(row(page, "Age", "normalized_wasserstein")).startsWith("<tr>").contains(">0.0213<", ">no<");
    assertThat(row(page, "Age", "ks_p_value")).contains(">1.23e-05<", ">&lt;<", ">0.05<");
    assertThat(row(page, "PlasmaGlucose", "psi")).contains(">0.9876<", "reported").doesNotContain(">yes<", ">no<");
    // Data quality has nothing to draw: one table, a row per feature and metric.
    assertThat(tableRow(page, "<td>BMI</td><td>null_rate</td>")).startsWith("<tr class=\"breached\">")
        .contains(">0.002<", ">&gt;<", ">0<", ">yes<");
  }

  @Test
  void histogramsAreDrawnSideBySideAsSharesOfTheirOwnRows() {
    String page = render(alertRun());
    assertThat(count(page, "<svg")).isEqualTo(6);
    assertThat(page).contains("Baseline &middot; 1,000 rows", "Production &middot; 100 rows")
        .contains("[40, 80): 300 rows (30.0%)", "[120, 190]: 50 rows (50.0%)", "young: 1,000 rows (25.0%)");
    // Age: 1,000/3,000 against 100/300 rows, the same shares, so the same bars on both sides.
    String age = section(page, ">Age<", "</table>");
    List<String> heights = heights(age);
    assertThat(heights).hasSize(4);
    assertThat(heights.subList(0, 2)).isEqualTo(heights.subList(2, 4));
    assertThat(heights.get(0)).isNotEqualTo(heights.get(1));
  }

  @Test
  void everyStringIsEscapedAndThePageNeedsNothingElse() {
    String page = render(alertRun());
    assertThat(page).contains("&lt;b&gt;&quot;odd&quot; &amp; &#39;name&#39;&lt;/b&gt;", "&lt;a&gt;",
        "&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(page).doesNotContain(ODD, "<script", "<a>", "<link", "src=", "href=", "@import", "url(");
  }

  @Test
  void aWindowWithoutDataSaysSoAndNeverNoDrift() {
    MonitorRun run = new MonitorRun(8, "diabetes-prod-monitor", "diabetes-prod", TO, TO, FROM, TO,
        "mloop:diabetes-prod-folder:3", 10_000, List.of(), 0, 0, Verdict.NO_DATA,
        "no production data between 2026-11-25 and 2026-11-26", List.of(), List.of(), List.of(), List.of());
    String page = render(run);
    assertThat(page).contains("NO DATA", "No production data in this window", "not a &quot;no drift&quot; result",
        "Model versions", "none").doesNotContain("<svg", "within thresholds", "verdict v-ok");
  }

  @Test
  void aFailedRunShowsWhy() {
    MonitorRun run = new MonitorRun(9, "diabetes-prod-monitor", "diabetes-prod", TO, TO, FROM, TO, null, 0,
        List.of(), 0, 0, Verdict.FAILED, "baseline 'mloop:gone:1' <missing>", List.of(), List.of(), List.of(),
        List.of());
    String page = render(run);
    assertThat(page).contains("FAILED", "could not be computed: baseline &#39;mloop:gone:1&#39; &lt;missing&gt;")
        .doesNotContain("<missing>");
  }

  @Test
  void numbersReadTheSameEverywhere() {
    assertThat(Html.number(0.412345)).isEqualTo("0.4123");
    assertThat(Html.number(12.3456)).isEqualTo("12.35");
    assertThat(Html.number(0.1)).isEqualTo("0.1");
    assertThat(Html.number(3)).isEqualTo("3");
    assertThat(Html.number(0.0000123)).isEqualTo("1.23e-05");
    assertThat(Html.number(Double.NaN)).isEqualTo("n/a");
  }

  @Test
  void aSignalWithNothingJudgedSaysSoRatherThanOk() {
    MonitorRun base = alertRun();
    MonitorRun run = new MonitorRun(10, base.monitor(), base.endpoint(), TO, TO, FROM, TO, base.baseline(),
        base.baselineRows(), base.models(), 500, 0, Verdict.OK, "no drift",
        List.of(new SignalResult(Signal.MODEL_PERFORMANCE, false, List.of(), "no labeled rows in the window")),
        List.of(MetricResult.reported(Signal.MODEL_PERFORMANCE, "*", "labeled_rows", 0)), List.of(), List.of());
    String page = render(run);
    assertThat(page).contains("<h2>Model performance<span class=\"badge badge-none\">not judged</span></h2>",
        "no labeled rows in the window", "<td>whole dataset</td><td>labeled_rows</td>");
  }

  private static String tableRow(String page, String start) {
    Matcher m = Pattern.compile("<tr[^>]*>" + Pattern.quote(start) + ".*?</tr>").matcher(page);
    assertThat(m.find()).as("row starting %s", start).isTrue();
    return m.group();
  }

  /** The table row of a metric of a feature (the first table after the feature's heading). */
  private static String row(String page, String feature, String metric) {
    String table = section(page, ">" + feature + "<", "</table>");
    Matcher m = Pattern.compile("<tr[^>]*><td>" + Pattern.quote(metric) + "</td>.*?</tr>").matcher(table);
    assertThat(m.find()).as("row of %s/%s", feature, metric).isTrue();
    return m.group();
  }

  private static String section(String page, String start, String end) {
    int from = page.indexOf("<h3>" + start.substring(1, start.length() - 1));
    assertThat(from).as("heading %s", start).isNotNegative();
    int to = page.indexOf(end, from);
    return page.substring(from, to + end.length());
  }

  private static List<String> heights(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<rect class=\"bar-[a-z]+\"[^>]* height=\"([0-9.]+)\"").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
