package org.mloop.core.workspace;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.DataService;
import org.mloop.core.jobs.JobService;
import org.mloop.core.registry.RegistryService;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.KeyType;
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

  // ---- online endpoints

  /** A new endpoint with two fresh keys and no deployments yet. */
  Endpoint createEndpoint(String name, String description, AuthMode authMode);

  /** The endpoint without its keys when read from a server (see {@link #getEndpointKeys}). */
  Endpoint getEndpoint(String name);

  List<Endpoint> listEndpoints();

  /**
   * The endpoint's two keys (Azure's get-keys): the only operation that returns them. On a server it
   * needs the permission endpoints.keys.read (deployer or admin) with the endpoint in the token's scope.
   */
  EndpointKeys getEndpointKeys(String name);

  /**
   * Sets live traffic and/or mirror traffic ({@code null} leaves one as it is; an empty map clears
   * it); refused unless the result follows {@link org.mloop.core.endpoints.EndpointRules}.
   */
  Endpoint updateEndpointTraffic(String name, Map<String, Integer> traffic, Map<String, Integer> mirror);

  Endpoint regenerateEndpointKey(String name, KeyType which);

  /** Deletes the endpoint and all its deployments. */
  void deleteEndpoint(String name);

  /** Resolves the spec's model reference to a fixed version and adds the deployment (see {@link DeploymentSpec}). */
  Deployment createDeployment(DeploymentSpec spec);

  Deployment getDeployment(String endpoint, String name);

  List<Deployment> listDeployments(String endpoint);

  /** Changes the instance count and/or data collection (null leaves one as it is). */
  Deployment updateDeployment(String endpoint, String name, Integer instanceCount, DataCollection dataCollection);

  /** Refused while the deployment has live or mirror traffic: move its traffic away first. */
  void deleteDeployment(String endpoint, String name);

  /** Appends a line to a deployment's log (what scoring hosts report: model loaded, errors). */
  void logDeploymentEvent(String endpoint, String deployment, String host, String message);

  /** A deployment's log lines with ids above {@code afterId}, oldest first, at most {@code limit}. */
  List<DeploymentEvent> deploymentLogs(String endpoint, String deployment, long afterId, int limit);

  // ---- production data collected by endpoints

  /** Stores one file of collected data at {@code collected/ENDPOINT/DEPLOYMENT/PATH}; files are never overwritten. */
  void writeCollectedData(String endpoint, String deployment, String path, byte[] content);

  /** The collected files of a deployment, paths relative to its folder, in path order (which is time order). */
  List<ArtifactFile> listCollectedData(String endpoint, String deployment);

  InputStream openCollectedData(String endpoint, String deployment, String path);

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
