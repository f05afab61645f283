package org.mloop.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.FileSet;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.files.FileTrees;

/**
 * Registers model versions: verifies the folder (MLmodel, signature, checksums), copies it to the
 * content-addressed prefix models/NAME/SHA256, and only then inserts the version row, so a crash
 * at any point leaves no half-registered version visible (at most files no row points to, which a
 * retry reuses).
 */
final class ModelRegistrar {
  private final MetadataStore metadata;
  private final ArtifactStore artifacts;

  ModelRegistrar(MetadataStore metadata, ArtifactStore artifacts) {
    this.metadata = metadata;
    this.artifacts = artifacts;
  }

  ModelVersion register(ModelRegistration r) {
    ModelRef.checkName(r.name(), "--name");
    boolean fromJob = r.fromJob() != null;
    if (fromJob == (r.localPath() != null)) {
      throw MloopException.invalid("register model '" + r.name() + "' either from a job output (--from-job JOB "
          + "--output-name OUTPUT) or from a local folder (--path DIR), not both and not neither");
    }
    if (fromJob) {
      return fromJob(r);
    }
    Path dir = r.localPath();
    if (!Files.isDirectory(dir)) {
      throw MloopException.invalid("cannot register model '" + r.name() + "': folder '" + dir + "' does not exist");
    }
    MlModel model = MlModelFiles.read(dir);
    Lineage lineage = model.runId() == null ? Lineage.none()
        : metadata.getRun(model.runId()).map(run -> lineage(null, run)).orElse(Lineage.none());
    return store(r, dir, lineage);
  }

  private ModelVersion fromJob(ModelRegistration r) {
    Job job = metadata.getJob(r.fromJob()).orElseThrow(() -> MloopException.notFound(
        "job '" + r.fromJob() + "' not found: `mloop job list` shows the workspace's jobs"));
    String output = r.outputName() == null ? "model_output" : r.outputName();
    if (!job.spec().outputs().containsKey(output)) {
      throw MloopException.invalid("job '" + job.name() + "' has no output '" + output + "'; its outputs are "
          + job.spec().outputs().keySet() + " (choose one with --output-name)");
    }
    if (job.status() != JobStatus.Completed) {
      throw new MloopException(ErrorCode.INVALID_STATE, "job '" + job.name() + "' is " + job.status()
          + "; only a Completed job's output can be registered as a model");
    }
    Path cache;
    try {
      cache = Files.createTempDirectory("mloop-model-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the job output", e);
    }
    try {
      Path dir = artifacts.materialize(JobPaths.output(job.name(), output), cache);
      try {
        MlModelFiles.read(dir);
      } catch (MloopException e) {
        throw MloopException.invalid("output '" + output + "' of job '" + job.name() + "' is not a model folder: "
            + e.getMessage());
      }
      Run run = metadata.getRun(job.runId()).orElse(null);
      return store(r, dir, lineage(job, run));
    } finally {
      try {
        FileTrees.deleteTree(cache);
      } catch (UncheckedIOException leftover) {
        // A leftover temporary folder is harmless; the registration's own outcome matters.
      }
    }
  }

  private ModelVersion store(ModelRegistration r, Path dir, Lineage lineage) {
    FileSet files = FileSet.of(dir);
    // Verify again what is about to be copied: the folder must not change between check and copy.
    MlModelFiles.read(dir);
    String prefix = "models/" + r.name() + "/" + files.sha256();
    files.copyTo(artifacts, prefix);
    return metadata.createModelVersion(r.name(), prefix, files.sha256(), r.description(),
        r.tags() == null ? Map.of() : r.tags(), lineage);
  }

  /** The lineage of a job's run: everything a reviewer needs, copied now so it cannot drift. */
  private Lineage lineage(Job job, Run run) {
    List<Lineage.DataInput> data = new ArrayList<>();
    String codeSha = null;
    String codePath = null;
    String commit = null;
    String branch = null;
    Boolean dirty = null;
    String experimentId = run == null ? null : run.info().experimentId();
    String experimentName = null;
    if (job != null) {
      experimentId = job.experimentId();
      experimentName = job.experimentName();
      if (job.inputs() != null) {
        new TreeMap<>(job.inputs()).forEach((input, resolved) -> {
          if (resolved.isData()) {
            data.add(dataInput(input, resolved));
          }
        });
      }
      CodeSnapshot code = job.code();
      if (code != null) {
        codeSha = code.sha256();
        codePath = code.artifactPath();
        if (code.git() != null) {
          commit = code.git().commit();
          branch = code.git().branch();
          dirty = code.git().dirty();
        }
      }
    } else if (experimentId != null) {
      experimentName = metadata.getExperiment(experimentId).map(Experiment::name).orElse(null);
    }
    Map<String, String> params = new TreeMap<>();
    Map<String, Double> metrics = new TreeMap<>();
    if (run != null) {
      for (Param p : run.data().params()) {
        params.put(p.key(), p.value());
      }
      for (Metric m : run.data().metrics()) {
        metrics.put(m.key(), m.value());
      }
    }
    return new Lineage(job == null ? null : job.name(), run == null ? (job == null ? null : job.runId())
        : run.info().runId(), experimentId, experimentName, data, codeSha, codePath, commit, branch, dirty, params,
        metrics);
  }

  private static Lineage.DataInput dataInput(String input, ResolvedInput r) {
    return new Lineage.DataInput(input, r.assetName(), r.assetVersion(), r.sha256(), r.artifactPath());
  }

}
