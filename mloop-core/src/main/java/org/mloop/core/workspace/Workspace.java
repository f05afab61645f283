package org.mloop.core.workspace;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.tracking.TrackingStore;

/**
 * Everything the CLI can do to a workspace. Two implementations, so every command behaves the same
 * in both modes: {@link LocalWorkspace} (a local directory: SQLite + files) and the HTTP client of
 * a running {@code mloop server}.
 */
public interface Workspace extends AutoCloseable {

  /** Where this workspace is, for people: a directory or a URL. */
  String location();

  // ---- data assets

  /** Copies a local file or folder into the workspace as the next version of {@code name}. */
  DataAsset createDataAsset(String name, Path source, String description, Map<String, String> tags);

  DataAsset getDataAsset(AssetRef ref);

  /** With a name: every version of it, newest first; with null: the latest version of every asset. */
  List<DataAsset> listDataAssets(String name);

  /** Streams one file of a data asset version ({@code path} relative to the asset's root). */
  InputStream openDataAssetFile(DataAsset asset, String path);

  List<ArtifactFile> listDataAssetFiles(DataAsset asset);

  // ---- jobs

  /** Validates, snapshots the code, records the job as Queued and starts it. Nothing runs if validation fails. */
  Job createJob(JobSubmission submission);

  Job getJob(String name);

  List<Job> listJobs(JobQuery query);

  Job cancelJob(String name);

  LogChunk readJobLog(String name, long offset, int maxBytes);

  /** Files of a job output, relative to the output's root. */
  List<ArtifactFile> listJobOutput(String jobName, String outputName);

  InputStream openJobOutputFile(String jobName, String outputName, String path);

  // ---- tracking

  TrackingStore tracking();

  /** A run's artifacts under {@code path} ("" for the root), recursively; paths relative to the run's artifact root. */
  List<ArtifactFile> listRunArtifacts(String runId, String path);

  InputStream openRunArtifact(String runId, String path);

  @Override
  void close();
}
