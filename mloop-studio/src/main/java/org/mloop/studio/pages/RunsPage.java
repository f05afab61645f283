package org.mloop.studio.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.ExperimentSearch;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.ViewType;
import org.mloop.core.workspace.Workspace;

/**
 * Runs of one experiment or all, newest first, a page of {@link #PAGE_SIZE} at a time, searched with
 * MLflow's filter syntax ({@code metrics.auc > 0.8 and params.reg_rate = '0.1'}); the columns are the
 * first {@link #METRIC_COLUMNS} metric keys and {@link #PARAM_COLUMNS} param keys of the page, by name.
 * A filter the search refuses is {@code problem} (with no rows), not an error page.
 */
public record RunsPage(List<Experiment> experiments, String experimentId, String filter, List<String> metricKeys,
    List<String> paramKeys, List<Row> rows, String nextHref, String problem) {
  public static final int PAGE_SIZE = 50;
  public static final int METRIC_COLUMNS = 8;
  public static final int PARAM_COLUMNS = 6;
  private static final int MAX_EXPERIMENTS = 1000;

  public record Row(String runId, String runName, String experiment, String status, long startTime,
      Map<String, String> metrics, Map<String, String> params) {}

  public static RunsPage read(Workspace workspace, String experimentId, String filter, String pageToken) {
    List<Experiment> experiments = workspace.tracking().searchExperiments(
        new ExperimentSearch(null, ViewType.ACTIVE_ONLY, MAX_EXPERIMENTS, null, null)).items();
    Map<String, String> names = new LinkedHashMap<>();
    experiments.forEach(e -> names.put(e.experimentId(), e.name()));
    String selected = experimentId == null || experimentId.isBlank() ? null : experimentId;
    List<String> ids = selected == null ? new ArrayList<>(names.keySet()) : List.of(selected);
    String search = filter == null || filter.isBlank() ? null : filter.strip();
    Page<Run> page;
    try {
      page = ids.isEmpty() ? new Page<>(List.of(), null) : workspace.tracking().searchRuns(
          new RunSearch(ids, search, ViewType.ACTIVE_ONLY, PAGE_SIZE, List.of(), pageToken));
    } catch (MloopException e) {
      if (e.code() != ErrorCode.INVALID_PARAMETER_VALUE) {
        throw e;
      }
      return new RunsPage(experiments, selected, search, List.of(), List.of(), List.of(), null, e.getMessage());
    }
    TreeSet<String> metricKeys = new TreeSet<>();
    TreeSet<String> paramKeys = new TreeSet<>();
    for (Run run : page.items()) {
      run.data().metrics().forEach(m -> metricKeys.add(m.key()));
      run.data().params().forEach(p -> paramKeys.add(p.key()));
    }
    List<Row> rows = page.items().stream().map(run -> row(run, names)).toList();
    String next = page.nextPageToken() == null || page.nextPageToken().isEmpty() ? null
        : "/runs?" + query(selected, search, page.nextPageToken());
    return new RunsPage(experiments, selected, search, metricKeys.stream().limit(METRIC_COLUMNS).toList(),
        paramKeys.stream().limit(PARAM_COLUMNS).toList(), rows, next, null);
  }

  private static Row row(Run run, Map<String, String> experimentNames) {
    Map<String, String> metrics = new LinkedHashMap<>();
    for (Metric m : run.data().metrics()) {
      metrics.put(m.key(), Format.metric(m.value()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Param p : run.data().params()) {
      params.put(p.key(), p.value());
    }
    String experiment = experimentNames.getOrDefault(run.info().experimentId(), run.info().experimentId());
    return new Row(run.info().runId(), run.info().runName() == null ? "" : run.info().runName(), experiment,
        run.info().status() == null ? "" : run.info().status().name(), run.info().startTime(), metrics, params);
  }

  private static String query(String experimentId, String filter, String pageToken) {
    List<String> parts = new ArrayList<>();
    if (experimentId != null) {
      parts.add("experiment=" + URLEncoder.encode(experimentId, StandardCharsets.UTF_8));
    }
    if (filter != null) {
      parts.add("filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    }
    parts.add("page=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
    return String.join("&", parts);
  }
}
