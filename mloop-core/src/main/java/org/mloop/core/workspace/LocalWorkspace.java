package org.mloop.core.workspace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.ci.LocalCiArtifactService;
import org.mloop.core.data.LocalDataService;
import org.mloop.core.endpoints.LocalEndpointService;
import org.mloop.core.jobs.JobLogs;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.jobs.LocalJobService;
import org.mloop.core.monitoring.LocalMonitorService;
import org.mloop.core.monitoring.MonitorEngine;
import org.mloop.core.registry.LocalRegistryService;
import org.mloop.core.registry.ModelEvaluator;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.LocalTrackingService;

/**
 * The workspace as the embedded default runs it: each stage's local service over its ports of a
 * {@link MetadataStore} and the {@link ArtifactStore}, jobs started by a {@link JobRunner}. The
 * server serves exactly these services over HTTP, so local and remote commands share one behaviour.
 */
public final class LocalWorkspace implements Workspace {
  private final String location;
  private final MetadataStore metadata;
  private final ArtifactStore artifacts;
  private final MonitorEngine monitoring;
  private final LocalDataService data;
  private final LocalTrackingService tracking;
  private final LocalJobService jobs;
  private final LocalRegistryService registry;
  private final LocalEndpointService endpoints;
  private final LocalMonitorService monitors;
  private final LocalCiArtifactService ciArtifacts;
  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

  /** A workspace that manages monitors but cannot run them (no monitoring engine in this process). */
  public LocalWorkspace(String location, MetadataStore metadata, ArtifactStore artifacts, JobRunner runner, JobLogs logs) {
    this(location, metadata, artifacts, runner, logs, null);
  }

  /** {@code monitoring} computes monitor runs ({@code org.mloop.monitor.Monitoring}); null when this process runs none. */
  public LocalWorkspace(String location, MetadataStore metadata, ArtifactStore artifacts, JobRunner runner, JobLogs logs,
      MonitorEngine monitoring) {
    this(location, metadata, artifacts, runner, logs, monitoring, null);
  }

  /**
   * {@code evaluator} scores models for the champion gate ({@code org.mloop.runtime.RuntimeModelEvaluator});
   * null when this process scores none.
   */
  public LocalWorkspace(String location, MetadataStore metadata, ArtifactStore artifacts, JobRunner runner, JobLogs logs,
      MonitorEngine monitoring, ModelEvaluator evaluator) {
    this.location = location;
    this.metadata = metadata;
    this.artifacts = artifacts;
    this.monitoring = monitoring;
    this.data = new LocalDataService(metadata.data(), artifacts);
    this.tracking = new LocalTrackingService(metadata.tracking(), artifacts);
    this.jobs = new LocalJobService(metadata.jobs(), metadata.data(), tracking, artifacts, runner, logs);
    this.registry = new LocalRegistryService(metadata.registry(), metadata.tracking(), metadata.jobs(), artifacts,
        data, evaluator);
    this.endpoints = new LocalEndpointService(metadata.endpoints(), registry, artifacts);
    this.monitors = new LocalMonitorService(this, metadata.monitors(), metadata.endpoints(), artifacts, monitoring);
    this.ciArtifacts = new LocalCiArtifactService(artifacts);
  }

  /** The stores, for what serves them beside the services (MLflow's registry API, tokens, leftovers). */
  public MetadataStore metadata() {
    return metadata;
  }

  public ArtifactStore artifacts() {
    return artifacts;
  }

  /**
   * Closes {@code resource} when this workspace closes, after its stores (the process's hold on its
   * artifact folder, for example); returns this workspace.
   */
  public LocalWorkspace closing(AutoCloseable resource) {
    resources.add(resource);
    return this;
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
  public LocalTrackingService tracking() {
    return tracking;
  }

  @Override
  public LocalRegistryService registry() {
    return registry;
  }

  @Override
  public LocalEndpointService endpoints() {
    return endpoints;
  }

  @Override
  public LocalMonitorService monitors() {
    return monitors;
  }

  @Override
  public LocalCiArtifactService ciArtifacts() {
    return ciArtifacts;
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
}
