package org.mloop.core.workspace;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.data.LocalDataService;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.core.endpoints.LocalEndpointService;
import org.mloop.core.jobs.JobLogs;
import org.mloop.core.jobs.LocalJobService;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorEngine;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.registry.LocalRegistryService;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.LocalTrackingService;

/**
 * The workspace as the embedded default runs it: metadata in a {@link MetadataStore}, files in an
 * {@link ArtifactStore}, jobs started by a {@link JobRunner}. The server serves exactly this
 * object over HTTP, so local and remote commands share one behaviour.
 */
public final class LocalWorkspace implements Workspace {
  private final String location;
  private final MetadataStore metadata;
  private final ArtifactStore artifacts;
  private final LocalTrackingService tracking;
  private final LocalJobService jobs;
  private final LocalRegistryService registry;
  private final LocalEndpointService endpoints;
  private final MonitorAdmin monitors;
  private final MonitorEngine monitoring;
  private final CiArtifacts ciArtifacts;
  private final LocalDataService data;
  private final List<AutoCloseable> resources = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A workspace that manages monitors but cannot run them (no monitoring engine in this process). */
  public LocalWorkspace(String location, MetadataStore metadata, ArtifactStore artifacts, JobRunner runner, JobLogs logs) {
    this(location, metadata, artifacts, runner, logs, null);
  }

  /** {@code monitoring} computes monitor runs ({@code org.mloop.monitor.Monitoring}); null when this process runs none. */
  public LocalWorkspace(String location, MetadataStore metadata, ArtifactStore artifacts, JobRunner runner, JobLogs logs,
      MonitorEngine monitoring) {
    this.location = location;
    this.metadata = metadata;
    this.artifacts = artifacts;
    this.tracking = new LocalTrackingService(metadata.tracking(), artifacts);
    this.jobs = new LocalJobService(metadata.jobs(), metadata.data(), tracking, artifacts, runner, logs);
    this.registry = new LocalRegistryService(metadata.registry(), metadata.tracking(), metadata.jobs(), artifacts);
    this.endpoints = new LocalEndpointService(metadata.endpoints(), registry, artifacts);
    this.monitors = new MonitorAdmin(this, metadata, artifacts, monitoring);
    this.monitoring = monitoring;
    this.ciArtifacts = new CiArtifacts(artifacts);
    this.data = new LocalDataService(metadata.data(), artifacts);
  }

  public MetadataStore metadata() {
    return metadata;
  }

  /**
   * Closes {@code resource} when this workspace closes, after its stores (the process's hold on its
   * artifact folder, for example); returns this workspace.
   */
  public LocalWorkspace closing(AutoCloseable resource) {
    resources.add(resource);
    return this;
  }

  public ArtifactStore artifacts() {
    return artifacts;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public LocalDataService data() {
    return data;
  }

  @Override
  public LocalJobService jobs() {
    return jobs;
  }

  @Override
  public LocalRegistryService registry() {
    return registry;
  }

  @Override
  public LocalEndpointService endpoints() {
    return endpoints;
  }

  // ---- CI run artifacts

  @Override
  public ArtifactFile writeCiArtifact(String ci, int run, String name, String path, InputStream content) {
    return ciArtifacts.write(ci, run, name, path, content);
  }

  @Override
  public List<String> listCiArtifacts(String ci, int run) {
    return ciArtifacts.names(ci, run);
  }

  @Override
  public List<ArtifactFile> listCiArtifact(String ci, int run, String name) {
    return ciArtifacts.files(ci, run, name);
  }

  @Override
  public InputStream openCiArtifact(String ci, int run, String name, String path) {
    return ciArtifacts.open(ci, run, name, path);
  }

  @Override
  public void deleteCiArtifact(String ci, int run, String name) {
    ciArtifacts.delete(ci, run, name);
  }

  @Override
  public LocalTrackingService tracking() {
    return tracking;
  }

  @Override
  public void close() {
    try {
      if (monitoring != null) {
        monitoring.close(); // first: pending alert deliveries record their outcome in the store
      }
    } finally {
      try {
        metadata.close();
      } finally {
        for (AutoCloseable resource : resources) {
          try {
            resource.close();
          } catch (Exception e) {
            // Released by the process's end at the latest; closing the workspace goes on.
          }
        }
      }
    }
  }

  // ---- monitoring

  @Override
  public MonitorCreation createMonitor(MonitorSpec spec) {
    return monitors.create(spec);
  }

  @Override
  public Monitor getMonitor(String name) {
    return monitors.get(name);
  }

  @Override
  public List<Monitor> listMonitors() {
    return monitors.list();
  }

  @Override
  public void deleteMonitor(String name) {
    monitors.delete(name);
  }

  /**
   * Gives monitor runs the data collectors of this process (a server's scoring host), so a run whose
   * window ends now first has them write what they hold; null when none runs here (the default: runs
   * then note which rows may still be held elsewhere).
   */
  public void collectorsInThisProcess(CollectedDataFlush flush) {
    monitors.collectorsInThisProcess(flush);
  }

  @Override
  public MonitorRun runMonitor(String name, Long from, Long to) {
    return monitors.run(name, from, to);
  }

  @Override
  public MonitorRun getMonitorRun(String name, long runId) {
    return monitors.getRun(name, runId);
  }

  @Override
  public List<MonitorRun> listMonitorRuns(String name, int limit) {
    return monitors.listRuns(name, limit);
  }

  @Override
  public InputStream openMonitorReport(String name, long runId) {
    return monitors.openReport(name, runId);
  }

  @Override
  public List<Alert> listMonitorAlerts(String name, int limit) {
    return monitors.alerts(name, limit);
  }

  /**
   * Re-sends alerts whose webhook delivery was cut off (still "pending" minutes after they were
   * raised); what a long-running server does when it starts. Returns how many were re-sent.
   */
  public int redeliverStalledAlerts() {
    return redeliverStalledAlerts(MonitorAdmin.STALLED_DELIVERY);
  }

  /** As {@link #redeliverStalledAlerts()}, for alerts pending longer than {@code stalled}. */
  public int redeliverStalledAlerts(Duration stalled) {
    return monitors.redeliverStalledAlerts(stalled);
  }

  @Override
  public int postGroundTruth(String endpoint, List<GroundTruth> labels) {
    return monitors.postGroundTruth(endpoint, labels);
  }

  @Override
  public List<GroundTruth> listGroundTruth(String endpoint, long receivedSince) {
    return monitors.listGroundTruth(endpoint, receivedSince);
  }
}
