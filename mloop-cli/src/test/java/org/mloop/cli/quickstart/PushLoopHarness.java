package org.mloop.cli.quickstart;

import java.nio.file.Path;
import java.util.Map;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.JobRecord;

/**
 * What the specs do to a {@link PushLoop} beyond the quickstart's own path: reject an approval, read
 * the runs' job summaries, run `mloop` in this JVM and the git binary with any arguments.
 */
public final class PushLoopHarness {
  private PushLoopHarness() {}

  /** `mloop ci reject N --environment ENV` on the loop's bare repository. */
  public static PushLoop.Captured reject(PushLoop loop, int number, String environment) {
    return mloop("ci", "reject", String.valueOf(number), "--environment", environment, "--repo",
        loop.bare().toString(), "--comment", "not now");
  }

  /** Every job's $GITHUB_STEP_SUMMARY of run {@code number}. */
  public static String summaries(PushLoop loop, int number) {
    CiRuns runs = new CiRuns(loop.ciHome());
    StringBuilder text = new StringBuilder();
    for (JobRecord job : runs.read(number).jobs().values()) {
      text.append(runs.summary(number, job.id()));
    }
    return text.toString();
  }

  /** Runs `mloop ARGS` in this JVM, keeping what it prints. */
  public static PushLoop.Captured mloop(String... args) {
    return PushLoop.mloop(args);
  }

  /** The git binary in {@code dir} with a fixed identity; fails with git's output. */
  public static String git(Path dir, String... args) {
    return PushLoop.git(dir, Map.of(), args);
  }

  /** The same, with extra environment variables for git and its hooks. */
  public static String git(Path dir, Map<String, String> env, String... args) {
    return PushLoop.git(dir, env, args);
  }
}
