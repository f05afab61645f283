package org.mloop.core.registry;

import java.util.List;
import java.util.Map;

/**
 * Where a model version came from, copied at registration time so it stays true even if the run is
 * later changed: the job and run, the exact data asset versions and hashes the job read, the code
 * snapshot with its git state, and the run's params and (latest) metrics. A version registered from
 * a local folder has no job, so most fields are null or empty.
 */
public record Lineage(
    String jobName,
    String runId,
    String experimentId,
    String experimentName,
    List<DataInput> dataInputs,
    String codeSha256,
    String codePath,
    String gitCommit,
    String gitBranch,
    Boolean gitDirty,
    Map<String, String> params,
    Map<String, Double> metrics) {

  /** One data input of the job: the input's name in job.yml and the asset version it resolved to. */
  public record DataInput(String input, String assetName, Integer assetVersion, String sha256, String artifactPath) {

    /** "mloop:NAME:VERSION", or the artifact path for inputs that were not assets. */
    public String ref() {
      return assetName == null ? artifactPath : "mloop:" + assetName + ":" + assetVersion;
    }
  }

  public static Lineage none() {
    return new Lineage(null, null, null, null, List.of(), null, null, null, null, null, Map.of(), Map.of());
  }
}
