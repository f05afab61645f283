package org.mloop.core.tracking;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tracking store port, shaped on MLflow's tracking store: experiments, runs, params, metrics
 * and tags. Implemented by the JDBC store; {@link TrackingService} adds the stage's checks
 * ({@link TrackingRules}, applied before a store is called, so every backend has the same limits)
 * and run artifacts.
 */
public interface TrackingStore {

  String createExperiment(String name, String artifactLocation, Map<String, String> tags);

  Optional<Experiment> getExperiment(String experimentId);

  Optional<Experiment> getExperimentByName(String name);

  Page<Experiment> searchExperiments(ExperimentSearch search);

  void renameExperiment(String experimentId, String newName);

  void deleteExperiment(String experimentId);

  void restoreExperiment(String experimentId);

  void setExperimentTag(String experimentId, String key, String value);

  /** Creates a RUNNING run. Tags are logged with it (for example mlflow.runName, mlflow.source.git.commit). */
  Run createRun(String experimentId, String userId, long startTime, String runName, List<RunTag> tags);

  Optional<Run> getRun(String runId);

  /** Updates status, end time and/or name; null arguments are left unchanged. */
  RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName);

  void deleteRun(String runId);

  void restoreRun(String runId);

  /**
   * Logs metrics, params and tags atomically. Re-logging a param with the same value is allowed;
   * a different value is an INVALID_PARAMETER_VALUE error, as in MLflow.
   */
  void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags);

  void deleteTag(String runId, String key);

  List<Metric> getMetricHistory(String runId, String metricKey);

  Page<Run> searchRuns(RunSearch search);
}
