package org.mloop.core.jobs;

/**
 * Where a job's files live in the artifact store: {@code jobs/<name>/outputs/<output>/...} and
 * {@code jobs/<name>/logs/std_log.txt}.
 */
public final class JobPaths {
  private JobPaths() {}

  public static String outputs(String jobName) {
    return "jobs/" + jobName + "/outputs";
  }

  public static String output(String jobName, String outputName) {
    return outputs(jobName) + "/" + outputName;
  }

  public static String log(String jobName) {
    return "jobs/" + jobName + "/logs/std_log.txt";
  }
}
