package org.mloop.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.FileSet;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.tracking.TrackingStore;
import org.mloop.core.tracking.Run;
import org.mloop.core.files.FileTrees;

/**
 * Registers model versions: verifies the folder (MLmodel, signature, checksums; a folder saved by MLflow,
 * whose MLmodel lists none, has them added in a copy), copies it to the
 * content-addressed prefix models/NAME/SHA256, and only then inserts the version row, so a crash
 * at any point leaves no half-registered version visible (at most files no row points to, which a
 * retry reuses, or the next start of the workspace without other users removes).
 */
final class ModelRegistrar {
  private final RegistryStore registry;
  private final TrackingStore tracking;
  private final JobStore jobs;
  private final ArtifactStore artifacts;
  private final Lineages lineages;

  ModelRegistrar(RegistryStore registry, TrackingStore tracking, JobStore jobs, ArtifactStore artifacts) {
    this.registry = registry;
    this.tracking = tracking;
    this.jobs = jobs;
    this.artifacts = artifacts;
    this.lineages = new Lineages(tracking, jobs);
  }

  ModelVersion register(ModelRegistration r) {
    ModelRef.NAME.check(r.name());
    boolean fromJob = r.fromJob() != null;
    if (fromJob == (r.localPath() != null)) {
      throw MloopException.invalid("register model '" + r.name() + "' either from a job output (a job name and"
          + " an output name) or from a local folder, not both and not neither");
    }
    if (fromJob) {
      return fromJob(r);
    }
    Path dir = r.localPath();
    if (!Files.isDirectory(dir)) {
      throw MloopException.invalid("cannot register model '" + r.name() + "': folder '" + dir + "' does not exist");
    }
    Path scratch = temporaryFolder();
    try {
      Path folder = registrable(dir, scratch);
      MlModel model = MlModelFiles.read(folder);
      Lineage lineage = model.runId() == null ? Lineage.none()
          : tracking.getRun(model.runId()).map(lineages::ofRun).orElse(Lineage.none());
      return store(r, folder, lineage);
    } finally {
      deleteQuietly(scratch);
    }
  }

  /**
   * The folder to store: {@code dir} itself when its MLmodel lists checksums (verified), else, for a
   * folder saved by MLflow (which writes none), a copy in {@code scratch} with them added: the
   * caller's folder, or a store's own job output, is never written to.
   */
  private static Path registrable(Path dir, Path scratch) {
    if (MlModelFiles.listsChecksums(dir)) {
      MlModelFiles.read(dir);
      return dir;
    }
    Path copy = scratch.resolve("sealed");
    MlModelFiles.sealCopy(dir, copy);
    return copy;
  }

  private ModelVersion fromJob(ModelRegistration r) {
    Job job = jobs.getJob(r.fromJob()).orElseThrow(() -> MloopException.notFound(
        "job '" + r.fromJob() + "' not found among the workspace's jobs"));
    String output = r.outputName() == null ? "model_output" : r.outputName();
    if (!job.spec().outputs().containsKey(output)) {
      throw MloopException.invalid("job '" + job.name() + "' has no output '" + output + "'; its outputs are "
          + job.spec().outputs().keySet() + " (name one of them as the output)");
    }
    if (job.status() != JobStatus.Completed) {
      throw new MloopException(ErrorCode.INVALID_STATE, "job '" + job.name() + "' is " + job.status()
          + "; only a Completed job's output can be registered as a model");
    }
    Path cache = temporaryFolder();
    try {
      Path dir;
      try {
        dir = registrable(artifacts.materialize(JobPaths.output(job.name(), output), cache.resolve("output")), cache);
      } catch (MloopException e) {
        throw MloopException.invalid("output '" + output + "' of job '" + job.name() + "' is not a model folder: "
            + e.getMessage());
      }
      Run run = tracking.getRun(job.runId()).orElse(null);
      return store(r, dir, lineages.of(job, run));
    } finally {
      deleteQuietly(cache);
    }
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("mloop-model-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the model files", e);
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      FileTrees.deleteTree(folder);
    } catch (UncheckedIOException leftover) {
      // A leftover temporary folder is harmless; the registration's own outcome matters.
    }
  }

  private ModelVersion store(ModelRegistration r, Path dir, Lineage lineage) {
    FileSet files = FileSet.of(dir);
    // Verify again what is about to be copied: the folder must not change between check and copy.
    MlModelFiles.read(dir);
    String prefix = "models/" + r.name() + "/" + files.sha256();
    files.copyTo(artifacts, prefix);
    return registry.createModelVersion(r.name(), prefix, files.sha256(), r.description(),
        r.tags() == null ? Map.of() : r.tags(), lineage);
  }


}
