package org.mloop.core.workspace;

import java.io.InputStream;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.DataService;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.jobs.JobService;
import org.mloop.core.monitoring.MonitorService;
import org.mloop.core.registry.RegistryService;
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

  /** Monitoring: monitors of endpoints, their runs and alerts, and posted ground truth. */
  MonitorService monitors();

  /** Tracking: MLflow's experiments and runs, with the files runs logged. */
  TrackingService tracking();

  @Override
  void close();
}
