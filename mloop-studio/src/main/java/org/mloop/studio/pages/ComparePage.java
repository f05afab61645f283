package org.mloop.studio.pages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Run;
import org.mloop.core.workspace.Workspace;

/**
 * {@link #MIN_RUNS} to {@link #MAX_RUNS} runs side by side: every param with the runs' values (rows whose
 * values differ marked), every metric's latest values, and for each metric all the runs logged, at several
 * steps in one of them at least, their step lines overlaid on one chart.
 */
public record ComparePage(List<RunRef> runs, List<Row> params, List<Row> metrics, List<Chart> charts) {
  public static final int MIN_RUNS = 2;
  public static final int MAX_RUNS = 10;

  /** A compared run: its id, shown name and page. */
  public record RunRef(String runId, String name, String href) {}

  /** A param or metric: its values in the runs' order ("" where a run has none), and whether they differ. */
  public record Row(String key, List<String> values, boolean differs) {}

  /**
   * The runs named by {@code ids} (each value one id or several separated by commas, as a form's
   * checkboxes or a typed URL give them; repeats counted once); 400 naming the limit outside it.
   */
  public static ComparePage of(Workspace workspace, List<String> ids) {
    LinkedHashSet<String> wanted = new LinkedHashSet<>();
    for (String value : ids) {
      for (String id : value.split(",")) {
        if (!id.isBlank()) {
          wanted.add(id.strip());
        }
      }
    }
    if (wanted.size() < MIN_RUNS || wanted.size() > MAX_RUNS) {
      throw MloopException.invalid("ids: compare " + MIN_RUNS + " to " + MAX_RUNS + " runs, got " + wanted.size());
    }
    List<Run> runs = wanted.stream().map(id -> workspace.tracking().getRun(id)
        .orElseThrow(() -> MloopException.notFound("run '" + id + "' not found"))).toList();
    List<RunRef> refs = runs.stream().map(r -> new RunRef(r.info().runId(),
        RunPage.name(r.info().runName(), r.info().runId()), "/runs/" + Format.segment(r.info().runId()))).toList();

    TreeSet<String> paramKeys = new TreeSet<>();
    TreeSet<String> metricKeys = new TreeSet<>();
    runs.forEach(r -> r.data().params().forEach(p -> paramKeys.add(p.key())));
    runs.forEach(r -> r.data().metrics().forEach(m -> metricKeys.add(m.key())));
    List<Row> params = paramKeys.stream().map(key -> row(key, runs.stream().map(r -> r.data().param(key)).toList()))
        .toList();
    List<Row> metrics = metricKeys.stream().map(key -> row(key, runs.stream()
        .map(r -> r.data().metric(key) == null ? null : Format.metric(r.data().metric(key))).toList())).toList();

    List<Chart> charts = new ArrayList<>();
    for (String key : metricKeys) {
      if (runs.stream().anyMatch(r -> r.data().metric(key) == null)) {
        continue;
      }
      Map<Integer, List<Metric>> histories = new TreeMap<>();
      for (int i = 0; i < runs.size(); i++) {
        histories.put(i, workspace.tracking().getMetricHistory(runs.get(i).info().runId(), key));
      }
      if (histories.values().stream().allMatch(h -> h.size() < 2)) {
        continue;
      }
      List<Chart.Series> series = new ArrayList<>();
      histories.forEach((i, h) -> series.add(Chart.Series.of(refs.get(i).name(), h)));
      charts.add(new Chart(key, series));
    }
    return new ComparePage(refs, params, metrics, charts);
  }

  private static Row row(String key, List<String> values) {
    boolean differs = values.stream().distinct().count() > 1;
    return new Row(key, values.stream().map(v -> v == null ? "" : v).toList(), differs);
  }
}
