package org.mloop.core.tracking;

import java.io.InputStream;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;

/**
 * The tracking stage: MLflow's experiments, runs, params, metrics and tags (the operations of
 * {@link TrackingStore}, checked with {@link TrackingRules}), and the files runs logged. Local
 * ({@link LocalTrackingService}) and over HTTP (the client's {@code RemoteTrackingService}, which
 * speaks MLflow's REST API) alike.
 */
public interface TrackingService extends TrackingStore {

  /** A run's artifacts under {@code path} ("" for the root), recursively; paths relative to the run's artifact root. */
  List<ArtifactFile> listArtifacts(String runId, String path);

  InputStream openArtifact(String runId, String path);
}
