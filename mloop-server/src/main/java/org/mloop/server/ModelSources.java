package org.mloop.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.FileSet;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.Lineages;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegistryStore;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.TrackingStore;
import org.mloop.core.files.FileTrees;

/**
 * Registers a model version from an MLflow "source" URI, as model-versions/create receives it:
 * {@code runs:/RUN_ID/PATH}, {@code mlflow-artifacts:/EXP/RUN_ID/artifacts/PATH} (a folder this
 * server's artifact proxy holds, including a version's own download URI) or {@code models:/NAME/VERSION} / {@code models:/NAME@ALIAS} (a
 * copy of an existing version). The folder must be a valid model (an MLmodel whose checksums match
 * its files, or, as MLflow writes it, without checksums: they are then computed from the files as
 * they arrived and added to the stored MLmodel); its files are copied, content-addressed, to {@code models/NAME/SHA256}, so the
 * version stays immutable whatever later happens to the run's artifacts. Copying before the row is
 * written makes a retried or interrupted create harmless: the files are identical, and no version
 * exists until the row does.
 */
final class ModelSources {
  static final String MODELS_PREFIX = "models/";
  private static final String RUNS = "runs:/";
  private static final String MODELS = "models:/";

  private final RegistryStore registry;
  private final TrackingStore tracking;
  private final ArtifactStore artifacts;

  private final Lineages lineages;

  /** {@code jobs} may be null (a tracking-only server): lineage then comes from the run alone. */
  ModelSources(RegistryStore registry, TrackingStore tracking, JobStore jobs, ArtifactStore artifacts) {
    this.registry = registry;
    this.tracking = tracking;
    this.artifacts = artifacts;
    this.lineages = new Lineages(tracking, jobs);
  }

  ModelVersion register(String name, String source, String runId, String description, Map<String, String> tags) {
    ModelRef.NAME.check(name);
    if (source.startsWith(MODELS)) {
      ModelVersion from = resolve(ModelRef.parse(source));
      Run run = runId == null ? null : run(runId);
      Lineage lineage = run == null ? from.lineage() : lineages.ofRun(run);
      return registry.createModelVersion(name, from.source(), from.sha256(), description, tags, lineage);
    }
    Resolved resolved = resolveFolder(source, runId);
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("mloop-register-");
      List<ArtifactFile> files = artifacts.listRecursive(resolved.storePath());
      if (files.isEmpty()) {
        throw MloopException.invalid("source '" + source + "' holds no files (store path " + resolved.storePath()
            + "): log the model folder (MLmodel and its files) to the run first");
      }
      for (ArtifactFile file : files) {
        Path target = scratch.resolve(file.path().substring(resolved.storePath().length() + 1));
        Files.createDirectories(target.getParent());
        try (InputStream in = artifacts.read(file.path())) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try {
        MlModelFiles.seal(scratch); // MLflow writes no checksums: they are computed here, as the files arrived
      } catch (MloopException e) {
        // Name the source the client sent, not the scratch folder.
        throw MloopException.invalid("source '" + source + "' is not a valid model folder: "
            + e.getMessage().replace(scratch.toString(), "<source>"));
      }
      FileSet fileSet = FileSet.of(scratch);
      String storePath = MODELS_PREFIX + name + "/" + fileSet.sha256();
      fileSet.copyTo(artifacts, storePath);
      Lineage lineage = resolved.run() == null ? Lineage.none() : lineages.ofRun(resolved.run());
      return registry.createModelVersion(name, storePath, fileSet.sha256(), description, tags, lineage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage model files of '" + source + "'", e);
    } finally {
      if (scratch != null) {
        FileTrees.deleteTree(scratch);
      }
    }
  }

  /** A model reference (models:/NAME/3, models:/NAME@alias, NAME:3 ...) as the version it names. */
  ModelVersion resolve(ModelRef ref) {
    if (registry.getRegisteredModel(ref.name()).isEmpty()) {
      throw MloopException.notFound("Registered Model with name=" + ref.name() + " not found");
    }
    if (ref.version() != null) {
      return registry.getModelVersion(ref.name(), ref.version())
          .orElseThrow(() -> ModelStages.missing(ref.name(), ref.version()));
    }
    if (ref.alias() != null) {
      return registry.getModelVersionByAlias(ref.name(), ref.alias()).orElseThrow(() -> MloopException.notFound(
          "Registered model alias " + ref.alias() + " not found for model " + ref.name()));
    }
    return registry.getLatestModelVersion(ref.name()).orElseThrow(() -> MloopException.notFound(
        "Registered model " + ref.name() + " has no version that is not archived"));
  }

  /** The URI MLflow clients download a version from: its files through this server's artifact proxy. */
  static String downloadUri(ModelVersion v) {
    String source = v.source();
    return source.startsWith(MODELS_PREFIX) ? TrackingApi.ARTIFACT_SCHEME + source : source;
  }

  private record Resolved(String storePath, Run run) {}

  private Resolved resolveFolder(String source, String runId) {
    if (source.startsWith(RUNS)) {
      String rest = source.substring(RUNS.length());
      int slash = rest.indexOf('/');
      String id = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "" : ArtifactPath.parse("source path", rest.substring(slash + 1).replaceAll("/+$", ""),
          Allow.TRAILING_SLASH, Allow.ROOT).value();
      Run run = run(id);
      String root = TrackingApi.storeRoot(run.info());
      return new Resolved(path.isEmpty() ? root : root + "/" + path, run);
    }
    if (source.startsWith(TrackingApi.ARTIFACT_SCHEME)) {
      String rest = source.substring(TrackingApi.ARTIFACT_SCHEME.length());
      if (rest.startsWith("/")) {
        // mlflow-artifacts://host:port/path: the authority is this server.
        int slash = rest.indexOf('/', 1);
        rest = slash < 0 ? "" : rest.substring(slash + 1);
      }
      String path = ArtifactPath.parse("source path", rest.replaceAll("/+$", ""), Allow.TRAILING_SLASH).value();
      Run run = runId == null ? null : run(runId);
      return new Resolved(ArtifactsProxyApi.storePath(path), run);
    }
    throw MloopException.invalid("Unsupported model version source '" + source + "': use runs:/RUN_ID/PATH, "
        + "mlflow-artifacts:/EXPERIMENT/RUN_ID/artifacts/PATH (files logged through this server) or models:/NAME/VERSION");
  }

  private Run run(String runId) {
    return tracking.getRun(runId).orElseThrow(() -> MloopException.notFound("Run with id=" + runId + " not found"));
  }

  /** What the run says about itself: ids, job, git state, params and latest metrics. */

}
