package org.mloop.core.workspace;

import org.mloop.core.ci.CiArtifactService;
import org.mloop.core.data.DataService;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.jobs.JobService;
import org.mloop.core.monitoring.MonitorService;
import org.mloop.core.registry.RegistryService;
import org.mloop.core.tracking.TrackingService;

/**
 * A workspace: one service per stage of the loop, reached directly (there is nothing else here).
 * Two implementations, so every caller (CLI, server, scoring host, monitoring engine, UI) behaves the
 * same in both modes: {@link LocalWorkspace} (a local directory or database: each service's local
 * implementation over the stores) and the client's {@code RemoteWorkspace} (each service over the
 * HTTP API of a running {@code mloop server}).
 */
public interface Workspace extends AutoCloseable {

  /** Where this workspace is, for people: a directory or a URL. */
  String location();

  /** Data assets: versioned files and folders. */
  DataService data();

  /** Jobs: submitted commands with their code, inputs, logs and outputs. */
  JobService jobs();

  /** Tracking: MLflow's experiments and runs, with the files runs logged. */
  TrackingService tracking();

  /** The model registry: models, versions with lineage, aliases, files. */
  RegistryService registry();

  /** Online endpoints: keys, traffic, deployments, their logs and the data they collect. */
  EndpointService endpoints();

  /** Monitoring: monitors of endpoints, their runs and alerts, and posted ground truth. */
  MonitorService monitors();

  /** The artifacts of CI runs (upload-artifact and download-artifact of `mloop ci run`). */
  CiArtifactService ciArtifacts();

  @Override
  void close();
}
