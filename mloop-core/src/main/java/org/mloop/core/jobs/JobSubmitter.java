package org.mloop.core.jobs;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.DataAssetStore;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.tracking.TrackingStore;

/**
 * Turns a submission into a Queued job: every input resolved to an exact data asset version (so the
 * job is reproducible even after new versions appear), the code stored content-addressed (or found
 * stored, see {@link CodeSnapshots}), and a
 * tracking run created in the job's experiment. Everything is checked before anything is written,
 * including that the compute target the job names is one the workspace's runner has.
 */
final class JobSubmitter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String[] ADJECTIVES = {"amber", "brave", "calm", "eager", "gentle", "honest", "jolly", "keen",
      "lucid", "mellow", "nimble", "plucky", "quiet", "rapid", "sunny", "tidy", "upbeat", "vivid", "witty", "zesty"};
  private static final String[] NOUNS = {"badger", "cactus", "dolphin", "ember", "falcon", "glacier", "harbor",
      "iris", "juniper", "kernel", "lantern", "meadow", "nectar", "orchid", "pepper", "quartz", "river", "summit",
      "tulip", "walnut"};

  private final JobStore jobs;
  private final DataAssetStore data;
  private final TrackingStore tracking;
  private final CodeSnapshots codeSnapshots;
  private final Supplier<List<String>> computeTargets;

  /** {@code computeTargets}: the names of the compute targets a job may name, asked at each submission. */
  JobSubmitter(JobStore jobs, DataAssetStore data, TrackingStore tracking, ArtifactStore artifacts,
      Supplier<List<String>> computeTargets) {
    this.jobs = jobs;
    this.data = data;
    this.tracking = tracking;
    this.codeSnapshots = new CodeSnapshots(artifacts);
    this.computeTargets = computeTargets;
  }

  Job submit(JobSubmission submission) {
    JobSpec spec = submission.spec();
    ComputeNames.check(ComputeNames.of(spec), computeTargets.get());
    String name = submission.name() != null ? checkJobName(submission.name())
        : spec.name() != null ? checkJobName(spec.name()) : generateName();
    if (jobs.getJob(name).isPresent()) {
      throw MloopException.alreadyExists("a job named '" + name + "' already exists; give the job another name");
    }
    Map<String, ResolvedInput> inputs = resolveInputs(spec);

    CodeSnapshot code = submission.code() == null ? null : codeSnapshots.store(submission.code());

    String experimentName = spec.experimentName() != null ? spec.experimentName() : Experiment.DEFAULT_NAME;
    String experimentId = experimentId(experimentName);
    long now = System.currentTimeMillis();
    String displayName = spec.displayName() != null ? spec.displayName() : name;
    Run run = tracking.createRun(experimentId, System.getProperty("user.name"), now, displayName,
        runTags(name, spec, code));
    tracking.updateRun(run.info().runId(), RunStatus.SCHEDULED, null, null);

    Job job = Job.builder().name(name).displayName(displayName).experimentId(experimentId)
        .experimentName(experimentName).runId(run.info().runId()).description(spec.description())
        .status(JobStatus.Queued).spec(spec).inputs(inputs).code(code).createdAt(now).build();
    return jobs.createJob(job);
  }

  private Map<String, ResolvedInput> resolveInputs(JobSpec spec) {
    Map<String, ResolvedInput> resolved = new LinkedHashMap<>();
    if (spec.inputs() == null) {
      return resolved;
    }
    for (Map.Entry<String, JobInput> e : spec.inputs().entrySet()) {
      JobInput input = e.getValue();
      if (!input.isData()) {
        if (input.value() == null) {
          throw MloopException.invalid("input '" + e.getKey() + "' has no value: give inputs." + e.getKey()
              + " a value in the job spec");
        }
        resolved.put(e.getKey(), new ResolvedInput(input.type(), null, null, null, null, input.value()));
        continue;
      }
      if (input.path() == null || !AssetRef.isAssetRef(input.path())) {
        throw MloopException.invalid("input '" + e.getKey() + "' has path '" + input.path()
            + "': data inputs must name a data asset, as mloop:NAME@latest or mloop:NAME:VERSION "
            + "(create a data asset from the files first)");
      }
      AssetRef ref = AssetRef.parse(input.path());
      DataAsset asset = (ref.version() == null ? data.getLatestDataAsset(ref.name())
          : data.getDataAsset(ref.name(), ref.version()))
          .orElseThrow(() -> MloopException.notFound("input '" + e.getKey() + "': data asset " + ref
              + " not found among the workspace's data assets"));
      if (!input.type().equals(asset.type().name())) {
        throw MloopException.invalid("input '" + e.getKey() + "' is " + input.type() + " but data asset "
            + asset.ref() + " is " + asset.type() + "; change the input's type or the asset");
      }
      resolved.put(e.getKey(), new ResolvedInput(asset.type().name(), asset.name(), asset.version(), asset.sha256(),
          asset.artifactPath(), null));
    }
    return resolved;
  }

  private String experimentId(String name) {
    return tracking.getExperimentByName(name).map(Experiment::experimentId).orElseGet(() -> {
      try {
        return tracking.createExperiment(name, null, Map.of());
      } catch (MloopException raced) {
        // Another submitter created it first.
        return tracking.getExperimentByName(name).map(Experiment::experimentId).orElseThrow(() -> raced);
      }
    });
  }

  private static List<RunTag> runTags(String jobName, JobSpec spec, CodeSnapshot code) {
    List<RunTag> tags = new ArrayList<>();
    tags.add(new RunTag("mloop.job.name", jobName));
    tags.add(new RunTag("mlflow.source.type", "JOB"));
    tags.add(new RunTag("mlflow.source.name", jobName));
    tags.add(new RunTag("mlflow.user", System.getProperty("user.name")));
    if (code != null) {
      tags.add(new RunTag("mloop.code.sha256", code.sha256()));
      GitState git = code.git();
      if (git != null) {
        if (git.commit() != null) {
          tags.add(new RunTag("mlflow.source.git.commit", git.commit()));
        }
        if (git.branch() != null) {
          tags.add(new RunTag("mlflow.source.git.branch", git.branch()));
        }
        if (git.remoteUrl() != null) {
          tags.add(new RunTag("mlflow.source.git.repoURL", git.remoteUrl()));
        }
        tags.add(new RunTag("mloop.source.git.dirty", String.valueOf(git.dirty())));
      }
    }
    if (spec.tags() != null) {
      spec.tags().forEach((k, v) -> tags.add(new RunTag(k, v)));
    }
    return tags;
  }

  static String checkJobName(String name) {
    return JobSpecParser.JOB_NAME.check(name);
  }

  /** Azure-style names such as "plucky_orchid_4k2n9x": readable in logs, unique enough with the suffix. */
  static String generateName() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return ADJECTIVES[RANDOM.nextInt(ADJECTIVES.length)] + "_" + NOUNS[RANDOM.nextInt(NOUNS.length)] + "_" + suffix;
  }
}
