package org.mloop.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.DataAssetType;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenSpec;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.ExperimentSearch;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunInfo;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;

/**
 * The metadata store on JDBC: SQLite (embedded default) or PostgreSQL, one schema managed by
 * Flyway. Open it with {@link MetadataStores#open(String)}. Thread-safe; several processes may
 * share one SQLite file. Each port is implemented by its own class; this one only delegates.
 */
public final class JdbcMetadataStore implements MetadataStore {
  private final Database db;
  private final JdbcTrackingStore tracking;
  private final JdbcDataAssetStore assets;
  private final JdbcJobStore jobs;
  private final JdbcTokenStore tokens;
  private final JdbcRegistryStore registry;
  private final JdbcEndpointStore endpoints;
  private final JdbcMonitorStore monitors;

  /** The database, for this package's tests of connection settings. */
  Database database() {
    return db;
  }

  JdbcMetadataStore(Database db, SecretBox secrets) {
    this.db = db;
    this.tracking = new JdbcTrackingStore(db);
    this.assets = new JdbcDataAssetStore(db);
    this.jobs = new JdbcJobStore(db);
    this.tokens = new JdbcTokenStore(db);
    this.registry = new JdbcRegistryStore(db);
    this.endpoints = new JdbcEndpointStore(db, secrets);
    this.monitors = new JdbcMonitorStore(db);
  }

  @Override
  public String describe() {
    return db.description();
  }

  @Override
  public void close() {
    db.close();
  }

  @Override
  public String createExperiment(String name, String artifactLocation, Map<String, String> tags) {
    return tracking.createExperiment(name, artifactLocation, tags);
  }

  @Override
  public Optional<Experiment> getExperiment(String experimentId) {
    return tracking.getExperiment(experimentId);
  }

  @Override
  public Optional<Experiment> getExperimentByName(String name) {
    return tracking.getExperimentByName(name);
  }

  @Override
  public Page<Experiment> searchExperiments(ExperimentSearch search) {
    return tracking.searchExperiments(search);
  }

  @Override
  public void renameExperiment(String experimentId, String newName) {
    tracking.renameExperiment(experimentId, newName);
  }

  @Override
  public void deleteExperiment(String experimentId) {
    tracking.deleteExperiment(experimentId);
  }

  @Override
  public void restoreExperiment(String experimentId) {
    tracking.restoreExperiment(experimentId);
  }

  @Override
  public void setExperimentTag(String experimentId, String key, String value) {
    tracking.setExperimentTag(experimentId, key, value);
  }

  @Override
  public Run createRun(String experimentId, String userId, long startTime, String runName, List<RunTag> tags) {
    return tracking.createRun(experimentId, userId, startTime, runName, tags);
  }

  @Override
  public Optional<Run> getRun(String runId) {
    return tracking.getRun(runId);
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    return tracking.updateRun(runId, status, endTime, runName);
  }

  @Override
  public void deleteRun(String runId) {
    tracking.deleteRun(runId);
  }

  @Override
  public void restoreRun(String runId) {
    tracking.restoreRun(runId);
  }

  @Override
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    tracking.logBatch(runId, metrics, params, tags);
  }

  @Override
  public void deleteTag(String runId, String key) {
    tracking.deleteTag(runId, key);
  }

  @Override
  public List<Metric> getMetricHistory(String runId, String metricKey) {
    return tracking.getMetricHistory(runId, metricKey);
  }

  @Override
  public Page<Run> searchRuns(RunSearch search) {
    return tracking.searchRuns(search);
  }

  @Override
  public DataAsset createDataAssetVersion(String name, DataAssetType type, String description, String artifactPath, String sha256, long sizeBytes, int fileCount, Map<String, String> tags) {
    return assets.createDataAssetVersion(name, type, description, artifactPath, sha256, sizeBytes, fileCount, tags);
  }

  @Override
  public Optional<DataAsset> getDataAsset(String name, int version) {
    return assets.getDataAsset(name, version);
  }

  @Override
  public Optional<DataAsset> getLatestDataAsset(String name) {
    return assets.getLatestDataAsset(name);
  }

  @Override
  public List<DataAsset> listDataAssets() {
    return assets.listDataAssets();
  }

  @Override
  public List<DataAsset> listDataAssetVersions(String name) {
    return assets.listDataAssetVersions(name);
  }

  @Override
  public Set<String> listDataAssetArtifactPaths() {
    return assets.listDataAssetArtifactPaths();
  }

  @Override
  public Job createJob(Job job) {
    return jobs.createJob(job);
  }

  @Override
  public Optional<Job> getJob(String name) {
    return jobs.getJob(name);
  }

  @Override
  public List<Job> listJobs(JobQuery query) {
    return jobs.listJobs(query);
  }

  @Override
  public List<Job> listActiveJobs() {
    return jobs.listActiveJobs();
  }

  @Override
  public Job updateJob(String name, UnaryOperator<Job> change) {
    return jobs.updateJob(name, change);
  }

  @Override
  public Token createToken(TokenSpec spec, String sha256) {
    return tokens.createToken(spec, sha256);
  }

  @Override
  public Optional<Token> findTokenBySha256(String sha256) {
    return tokens.findTokenBySha256(sha256);
  }

  @Override
  public List<Token> listTokens() {
    return tokens.listTokens();
  }

  @Override
  public void deleteToken(String id) {
    tokens.deleteToken(id);
  }

  @Override
  public void recordTokenUse(String id, long at) {
    tokens.recordTokenUse(id, at);
  }

  // ---- model registry

  @Override
  public RegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags) {
    return registry.createRegisteredModel(name, description, tags);
  }

  @Override
  public Optional<RegisteredModel> getRegisteredModel(String name) {
    return registry.getRegisteredModel(name);
  }

  @Override
  public List<RegisteredModel> listRegisteredModels(String nameContains) {
    return registry.listRegisteredModels(nameContains);
  }

  @Override
  public RegisteredModel updateRegisteredModelDescription(String name, String description) {
    return registry.updateRegisteredModelDescription(name, description);
  }

  @Override
  public RegisteredModel setRegisteredModelTag(String name, String key, String value) {
    return registry.setRegisteredModelTag(name, key, value);
  }

  @Override
  public RegisteredModel deleteRegisteredModelTag(String name, String key) {
    return registry.deleteRegisteredModelTag(name, key);
  }

  @Override
  public ModelVersion createModelVersion(String name, String source, String sha256, String description,
      Map<String, String> tags, Lineage lineage) {
    return registry.createModelVersion(name, source, sha256, description, tags, lineage);
  }

  @Override
  public Optional<ModelVersion> getModelVersion(String name, int version) {
    return registry.getModelVersion(name, version);
  }

  @Override
  public Optional<ModelVersion> getModelVersionByAlias(String name, String alias) {
    return registry.getModelVersionByAlias(name, alias);
  }

  @Override
  public Optional<ModelVersion> getLatestModelVersion(String name) {
    return registry.getLatestModelVersion(name);
  }

  @Override
  public List<ModelVersion> listModelVersions(String name) {
    return registry.listModelVersions(name);
  }

  @Override
  public Set<String> listModelVersionSources() {
    return registry.listModelVersionSources();
  }

  @Override
  public ModelVersion updateModelVersionDescription(String name, int version, String description) {
    return registry.updateModelVersionDescription(name, version, description);
  }

  @Override
  public ModelVersion setModelVersionTag(String name, int version, String key, String value) {
    return registry.setModelVersionTag(name, version, key, value);
  }

  @Override
  public ModelVersion deleteModelVersionTag(String name, int version, String key) {
    return registry.deleteModelVersionTag(name, version, key);
  }

  @Override
  public ModelVersion archiveModelVersion(String name, int version) {
    return registry.archiveModelVersion(name, version);
  }

  @Override
  public AliasMove setModelAlias(String name, String alias, int version, String who, String reason) {
    return registry.setModelAlias(name, alias, version, who, reason);
  }

  @Override
  public AliasMove deleteModelAlias(String name, String alias, String who, String reason) {
    return registry.deleteModelAlias(name, alias, who, reason);
  }

  @Override
  public List<AliasMove> getAliasHistory(String name, String alias) {
    return registry.getAliasHistory(name, alias);
  }

  @Override
  public void addModelVersionUsage(String name, int version, String usedBy) {
    registry.addModelVersionUsage(name, version, usedBy);
  }

  @Override
  public void removeModelVersionUsage(String name, int version, String usedBy) {
    registry.removeModelVersionUsage(name, version, usedBy);
  }

  @Override
  public List<String> listModelVersionUsages(String name, int version) {
    return registry.listModelVersionUsages(name, version);
  }

  @Override
  public void deleteModelVersion(String name, int version) {
    registry.deleteModelVersion(name, version);
  }

  // ---- online endpoints

  @Override
  public Endpoint createEndpoint(Endpoint endpoint) {
    return endpoints.createEndpoint(endpoint);
  }

  @Override
  public Optional<Endpoint> getEndpoint(String name) {
    return endpoints.getEndpoint(name);
  }

  @Override
  public List<Endpoint> listEndpoints() {
    return endpoints.listEndpoints();
  }

  @Override
  public Endpoint updateEndpoint(String name, UnaryOperator<Endpoint> change) {
    return endpoints.updateEndpoint(name, change);
  }

  @Override
  public void deleteEndpoint(String name) {
    endpoints.deleteEndpoint(name);
  }

  @Override
  public Deployment createDeployment(Deployment deployment) {
    return endpoints.createDeployment(deployment);
  }

  @Override
  public Optional<Deployment> getDeployment(String endpoint, String name) {
    return endpoints.getDeployment(endpoint, name);
  }

  @Override
  public List<Deployment> listDeployments(String endpoint) {
    return endpoints.listDeployments(endpoint);
  }

  @Override
  public Deployment updateDeployment(String endpoint, String name, UnaryOperator<Deployment> change) {
    return endpoints.updateDeployment(endpoint, name, change);
  }

  @Override
  public void deleteDeployment(String endpoint, String name) {
    endpoints.deleteDeployment(endpoint, name);
  }

  @Override
  public DeploymentEvent appendDeploymentEvent(String endpoint, String deployment, String host, String message) {
    return endpoints.appendDeploymentEvent(endpoint, deployment, host, message);
  }

  @Override
  public List<DeploymentEvent> listDeploymentEvents(String endpoint, String deployment, long afterId, int limit) {
    return endpoints.listDeploymentEvents(endpoint, deployment, afterId, limit);
  }

  // ---- monitoring

  @Override
  public Monitor createMonitor(MonitorSpec spec, long now) {
    return monitors.createMonitor(spec, now);
  }

  @Override
  public Optional<Monitor> getMonitor(String name) {
    return monitors.getMonitor(name);
  }

  @Override
  public List<Monitor> listMonitors() {
    return monitors.listMonitors();
  }

  @Override
  public boolean deleteMonitor(String name) {
    return monitors.deleteMonitor(name);
  }

  @Override
  public MonitorRun insertMonitorRun(MonitorRun run) {
    return monitors.insertMonitorRun(run);
  }

  @Override
  public Optional<MonitorRun> getMonitorRun(String monitor, long id) {
    return monitors.getMonitorRun(monitor, id);
  }

  @Override
  public Optional<MonitorRun> latestMonitorRun(String monitor) {
    return monitors.latestMonitorRun(monitor);
  }

  @Override
  public List<MonitorRun> listMonitorRuns(String monitor, int limit) {
    return monitors.listMonitorRuns(monitor, limit);
  }

  @Override
  public Alert insertAlert(Alert alert) {
    return monitors.insertAlert(alert);
  }

  @Override
  public void updateAlertDelivery(long alertId, String delivery) {
    monitors.updateAlertDelivery(alertId, delivery);
  }

  @Override
  public List<Alert> listAlerts(String monitor, int limit) {
    return monitors.listAlerts(monitor, limit);
  }

  @Override
  public List<Alert> listPendingAlerts(long createdBefore, int limit) {
    return monitors.listPendingAlerts(createdBefore, limit);
  }

  @Override
  public int saveGroundTruth(String endpoint, List<GroundTruth> labels, long receivedAt) {
    return monitors.saveGroundTruth(endpoint, labels, receivedAt);
  }

  @Override
  public void forEachGroundTruth(String endpoint, long receivedSince, Consumer<GroundTruth> action) {
    monitors.forEachGroundTruth(endpoint, receivedSince, action);
  }
}
