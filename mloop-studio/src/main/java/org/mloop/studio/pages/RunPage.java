package org.mloop.studio.pages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.workspace.Workspace;

/**
 * One run: its facts, params, latest metric values with a step chart for each metric logged at several
 * steps, its tags (but those whose key names a secret), the job that produced it ({@code mloop.job.name}),
 * its code snapshot and commit, and its artifacts, images previewed.
 */
public record RunPage(String runId, String runName, String experimentId, String experiment, String status,
    String userId, long startTime, Long endTime, String jobName, String codeSha256, String gitCommit,
    String gitBranch, String gitRepo, List<Param> params, List<MetricRow> metrics, List<RunTag> tags,
    List<Chart> charts, List<Artifact> artifacts) {
  /** Tags not shown: the run's name (the heading) and any whose key names a secret. */
  private static final Pattern HIDDEN_TAG = Pattern.compile("(?i).*(token|secret|password|passwd|api[_.-]?key).*");

  /** A metric's latest value and how many values it has. */
  public record MetricRow(String key, String value, long step, int points) {}

  /** A file the run logged; {@code image}: shown inline (PNG, JPEG). */
  public record Artifact(String path, Long sizeBytes, String href, boolean image) {}

  public static RunPage of(Workspace workspace, String runId) {
    Run run = workspace.tracking().getRun(runId)
        .orElseThrow(() -> MloopException.notFound("run '" + runId + "' not found"));
    var info = run.info();
    var data = run.data();
    String experiment = workspace.tracking().getExperiment(info.experimentId()).map(Experiment::name)
        .orElse(info.experimentId());
    List<MetricRow> metrics = new ArrayList<>();
    List<Chart> charts = new ArrayList<>();
    for (Metric m : data.metrics().stream().sorted(Comparator.comparing(Metric::key)).toList()) {
      List<Metric> history = workspace.tracking().getMetricHistory(runId, m.key());
      metrics.add(new MetricRow(m.key(), Format.metric(m.value()), m.step(), history.size()));
      if (history.size() > 1) {
        charts.add(new Chart(m.key(), List.of(Chart.Series.of(name(info.runName(), runId), history))));
      }
    }
    List<Param> params = data.params().stream().sorted(Comparator.comparing(Param::key)).toList();
    List<RunTag> tags = data.tags().stream()
        .filter(t -> !t.key().equals(RunTag.RUN_NAME) && !HIDDEN_TAG.matcher(t.key()).matches())
        .sorted(Comparator.comparing(RunTag::key)).toList();
    List<Artifact> artifacts = artifacts(workspace, runId);
    return new RunPage(runId, name(info.runName(), runId), info.experimentId(), experiment,
        info.status() == null ? "" : info.status().name(), info.userId(), info.startTime(), info.endTime(),
        data.tag("mloop.job.name"), data.tag("mloop.code.sha256"), data.tag("mlflow.source.git.commit"),
        data.tag("mlflow.source.git.branch"), data.tag("mlflow.source.git.repoURL"), params, metrics, tags, charts,
        artifacts);
  }

  /** A run's shown name: its name, or its id when it has none. */
  static String name(String runName, String runId) {
    return runName == null || runName.isEmpty() ? runId : runName;
  }

  /** Whether the studio shows a file inline as an image (PNG or JPEG, by its name). */
  public static String imageType(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    return null;
  }

  /** The studio URL of one of a run's files. */
  public static String artifactHref(String runId, String path) {
    return "/runs/" + Format.segment(runId) + "/artifact?path=" + Format.segment(path);
  }

  private static List<Artifact> artifacts(Workspace workspace, String runId) {
    List<ArtifactFile> files;
    try {
      files = workspace.tracking().listArtifacts(runId, "");
    } catch (MloopException e) {
      // A run whose artifacts live outside the workspace's store has none to show here.
      return List.of();
    }
    return files.stream().filter(f -> !f.directory()).sorted(Comparator.comparing(ArtifactFile::path))
        .map(f -> new Artifact(f.path(), f.sizeBytes(), artifactHref(runId, f.path()), imageType(f.path()) != null))
        .toList();
  }
}
