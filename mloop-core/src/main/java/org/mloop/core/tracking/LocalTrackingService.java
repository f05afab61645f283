package org.mloop.core.tracking;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;

/**
 * Tracking of a local workspace: every write is checked with {@link TrackingRules} (names, keys,
 * value lengths, batch sizes, as MLflow limits them) before the {@link TrackingStore} records it,
 * whatever database is behind it; run artifacts are read from the artifact store at the run's
 * {@code mlflow-artifacts:/} location.
 */
public final class LocalTrackingService implements TrackingService {
  private static final String ARTIFACT_SCHEME = "mlflow-artifacts:/";

  private final TrackingStore store;
  private final ArtifactStore artifacts;

  public LocalTrackingService(TrackingStore store, ArtifactStore artifacts) {
    this.store = store;
    this.artifacts = artifacts;
  }

  // ---- experiments

  @Override
  public String createExperiment(String name, String artifactLocation, Map<String, String> tags) {
    TrackingRules.checkExperimentName(name);
    if (tags != null) {
      tags.forEach(TrackingRules::checkExperimentTag);
    }
    return store.createExperiment(name, artifactLocation, tags);
  }

  @Override
  public Optional<Experiment> getExperiment(String experimentId) {
    return store.getExperiment(experimentId);
  }

  @Override
  public Optional<Experiment> getExperimentByName(String name) {
    return store.getExperimentByName(name);
  }

  @Override
  public Page<Experiment> searchExperiments(ExperimentSearch search) {
    return store.searchExperiments(search);
  }

  @Override
  public void renameExperiment(String experimentId, String newName) {
    TrackingRules.checkExperimentName(newName);
    store.renameExperiment(experimentId, newName);
  }

  @Override
  public void deleteExperiment(String experimentId) {
    store.deleteExperiment(experimentId);
  }

  @Override
  public void restoreExperiment(String experimentId) {
    store.restoreExperiment(experimentId);
  }

  @Override
  public void setExperimentTag(String experimentId, String key, String value) {
    TrackingRules.checkExperimentTag(key, value);
    store.setExperimentTag(experimentId, key, value);
  }

  // ---- runs

  @Override
  public Run createRun(String experimentId, String userId, long startTime, String runName, List<RunTag> tags) {
    if (tags != null) {
      tags.forEach(TrackingRules::checkTag);
    }
    checkRunName(runName);
    return store.createRun(experimentId, userId, startTime, runName, tags);
  }

  @Override
  public Optional<Run> getRun(String runId) {
    return store.getRun(runId);
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    checkRunName(runName);
    return store.updateRun(runId, status, endTime, runName);
  }

  @Override
  public void deleteRun(String runId) {
    store.deleteRun(runId);
  }

  @Override
  public void restoreRun(String runId) {
    store.restoreRun(runId);
  }

  @Override
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    TrackingRules.checkBatch(metrics, params, tags);
    store.logBatch(runId, metrics, params, tags);
  }

  @Override
  public void deleteTag(String runId, String key) {
    store.deleteTag(runId, key);
  }

  @Override
  public List<Metric> getMetricHistory(String runId, String metricKey) {
    return store.getMetricHistory(runId, metricKey);
  }

  @Override
  public Page<Run> searchRuns(RunSearch search) {
    return store.searchRuns(search);
  }

  /** A run's name is its mlflow.runName tag, under the tag's rules. */
  private static void checkRunName(String runName) {
    if (runName != null) {
      TrackingRules.checkTag(new RunTag(RunTag.RUN_NAME, runName));
    }
  }

  // ---- run artifacts

  @Override
  public List<ArtifactFile> listArtifacts(String runId, String path) {
    String root = artifactRoot(runId);
    if (path == null || path.isEmpty()) {
      return artifacts.listUnder(root);
    }
    return artifacts.listUnder(root + "/" + path).stream()
        .map(f -> new ArtifactFile(path + "/" + f.path(), f.directory(), f.sizeBytes(), f.sha256())).toList();
  }

  @Override
  public InputStream openArtifact(String runId, String path) {
    return artifacts.read(artifactRoot(runId) + "/" + path);
  }

  /** The store path of a run's artifacts, from its "mlflow-artifacts:/EXP/RUN/artifacts" URI. */
  private String artifactRoot(String runId) {
    String uri = store.getRun(runId)
        .orElseThrow(() -> MloopException.notFound("run '" + runId + "' not found"))
        .info().artifactUri();
    if (uri == null || !uri.startsWith(ARTIFACT_SCHEME)) {
      throw new MloopException(ErrorCode.INVALID_STATE, "run '" + runId + "' keeps its artifacts at '" + uri
          + "', outside this workspace's artifact store");
    }
    return "mlartifacts/" + uri.substring(ARTIFACT_SCHEME.length()).replaceAll("^/+", "");
  }
}
