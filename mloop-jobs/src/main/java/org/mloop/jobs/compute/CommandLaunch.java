package org.mloop.jobs.compute;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link ComputeTarget} is asked to run: one job's command, ready to start.
 *
 * @param jobName the job's name (a target may name its own run after it)
 * @param command the shell command with every ${{inputs.NAME}} and ${{outputs.NAME}} resolved to
 *     local paths and values
 * @param workDir the folder the command runs in, holding a copy of the job's code
 * @param variables the environment variables the command must see wherever it runs: the job's own
 *     and mloop's (MLOOP_JOB_NAME, the run and experiment ids, the tracking URI and token). They
 *     hold a secret: a target passes them without printing them or putting them on a command line.
 * @param log the file the command's standard output and error are appended to as they are produced
 */
public record CommandLaunch(String jobName, String command, Path workDir, Map<String, String> variables, Path log) {

  public CommandLaunch {
    variables = Map.copyOf(variables);
  }
}
