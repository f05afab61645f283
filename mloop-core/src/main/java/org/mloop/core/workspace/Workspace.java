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
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
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

  // ---- model registry

  /**
   * Registers the next version of a model from a completed job's output or a local folder. The folder
   * must be a valid model (MLmodel, signature, matching checksums); it is copied before the version
   * is recorded, and a job's lineage (run, data asset versions, code, params, metrics) is kept with it.
   */
  ModelVersion registerModel(ModelRegistration registration);

  /** NAME:VERSION, NAME@ALIAS or NAME (the latest READY version). */
  ModelVersion getModelVersion(ModelRef ref);

  RegisteredModel getRegisteredModel(String name);

  List<RegisteredModel> listModels();

  /** Every version of a model, newest first. */
  List<ModelVersion> listModelVersions(String name);

  /** Points an alias at a version, recording who, when, from which version and why; null if it already pointed there. */
  AliasMove setModelAlias(String name, String alias, int version, String who, String reason);

  AliasMove deleteModelAlias(String name, String alias, String who, String reason);

  /** The alias trail of a model (one alias, or all when {@code alias} is null), oldest first. */
  List<AliasMove> modelHistory(String name, String alias);

  ModelVersion archiveModelVersion(String name, int version);

  /** Description (null leaves it as is, "" clears it), tags to set and tag keys to delete. */
  RegisteredModel updateRegisteredModel(String name, String description, Map<String, String> setTags,
      List<String> deleteTags);

  ModelVersion updateModelVersion(String name, int version, String description, Map<String, String> setTags,
      List<String> deleteTags);

  /** Refused while the version is in use (an endpoint) or an alias points at it. */
  void deleteModelVersion(String name, int version);

  /** Files of a model version, relative to its root. */
  List<ArtifactFile> listModelFiles(ModelVersion version);

  InputStream openModelFile(ModelVersion version, String path);

  // ---- tracking

  TrackingStore tracking();

  /** A run's artifacts under {@code path} ("" for the root), recursively; paths relative to the run's artifact root. */
  List<ArtifactFile> listRunArtifacts(String runId, String path);

  InputStream openRunArtifact(String runId, String path);

  @Override
  void close();
}
