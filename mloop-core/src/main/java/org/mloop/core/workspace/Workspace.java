package org.mloop.core.workspace;

import java.io.InputStream;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.DataService;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.jobs.JobService;
import org.mloop.core.registry.RegistryService;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.tracking.TrackingService;

/**
 * Everything the CLI can do to a workspace. Two implementations, so every command behaves the same
 * in both modes: {@link LocalWorkspace} (a local directory: SQLite + files) and the HTTP client of
 * a running {@code mloop server}.
 */
public interface Workspace extends AutoCloseable {

  /** Where this workspace is, for people: a directory or a URL. */
  String location();

  /** Data assets: versioned files and folders. */
  DataService data();

  /** Jobs: submitted commands with their code, inputs, logs and outputs. */
  JobService jobs();

  /** The model registry: models, versions with lineage, aliases, files. */
  RegistryService registry();

  /** Online endpoints: keys, traffic, deployments, their logs and the data they collect. */
  EndpointService endpoints();

  // ---- CI run artifacts (actions/upload-artifact and download-artifact of `mloop ci run`)

  /**
   * Streams one file of artifact {@code name} of run {@code run} of a CI home into the artifact store
   * ({@code ci/CI/RUN/NAME/PATH}; see {@link CiArtifacts}); {@code ci} is the CI home's key, as
   * "project-3f2a9c1d". Returns the stored file, its path relative to the artifact, with its sha256.
   */
  ArtifactFile writeCiArtifact(String ci, int run, String name, String path, InputStream content);

  /** The names of a CI run's artifacts, sorted (empty when it has none). */
  List<String> listCiArtifacts(String ci, int run);

  /** The files of one artifact, relative to it; NOT_FOUND naming the run's artifacts when it has no such one. */
  List<ArtifactFile> listCiArtifact(String ci, int run, String name);

  InputStream openCiArtifact(String ci, int run, String name, String path);

  /** Deletes an artifact (before an upload that overwrites it); a missing one is no error. */
  void deleteCiArtifact(String ci, int run, String name);

  // ---- monitoring

  /**
   * Stores a monitor of an endpoint. Deployments of the endpoint that collect no data get collection
   * at 100% (listed in the result), so the monitor has input.
   */
  MonitorCreation createMonitor(MonitorSpec spec);

  Monitor getMonitor(String name);

  List<Monitor> listMonitors();

  /** Deletes the monitor with its runs and alerts. */
  void deleteMonitor(String name);

  /**
   * Computes a run now over [from, to) (epoch millis; {@code to} null = now, {@code from} null = to
   * minus the monitor's window), stores it with its HTML report, records an alert when a threshold is
   * breached and posts it to the monitor's webhooks in the background.
   */
  MonitorRun runMonitor(String name, Long from, Long to);

  /** One stored run, with histograms. */
  MonitorRun getMonitorRun(String name, long runId);

  /** Stored runs, newest first, at most {@code limit}, without histograms. */
  List<MonitorRun> listMonitorRuns(String name, int limit);

  /** The stored HTML report of a run. */
  InputStream openMonitorReport(String name, long runId);

  /** Alerts of a monitor (all monitors when null), newest first. */
  List<Alert> listMonitorAlerts(String name, int limit);

  /** Ground truth for rows an endpoint scored (by the correlation ids scoring returned); returns how many were stored. */
  int postGroundTruth(String endpoint, List<GroundTruth> labels);

  /** The labels posted for an endpoint at or after {@code receivedSince} (epoch millis; 0 for all). */
  List<GroundTruth> listGroundTruth(String endpoint, long receivedSince);

  /** Tracking: MLflow's experiments and runs, with the files runs logged. */
  TrackingService tracking();

  @Override
  void close();
}
