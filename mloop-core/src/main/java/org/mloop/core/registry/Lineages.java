package org.mloop.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobStore;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.TrackingStore;

/**
 * Builds the lineage a model version keeps: from a job and its run, or from a run alone, in which
 * case the job that created the run (its mloop.job.name tag) supplies the data inputs and code.
 * Used by every way of registering (the CLI, /api/v1 and MLflow's model-versions/create).
 */
public final class Lineages {
  private final TrackingStore tracking;
  private final JobStore jobs;

  /** {@code jobs} may be null where no jobs are kept: lineage then comes from the run only. */
  public Lineages(TrackingStore tracking, JobStore jobs) {
    this.tracking = tracking;
    this.jobs = jobs;
  }

  /** The run's lineage, with its job's data inputs and code snapshot when a job created it. */
  public Lineage ofRun(Run run) {
    String jobName = run.data().tag("mloop.job.name");
    Job job = jobName == null || jobs == null ? null
        : jobs.getJob(jobName).filter(j -> run.info().runId().equals(j.runId())).orElse(null);
    return of(job, run);
  }

  /** The lineage of a job's run: everything a reviewer needs, copied now so it cannot drift. */
  public Lineage of(Job job, Run run) {
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
      experimentName = tracking.getExperiment(experimentId).map(Experiment::name).orElse(null);
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
  }}
