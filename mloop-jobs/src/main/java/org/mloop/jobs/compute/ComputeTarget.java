package org.mloop.jobs.compute;

import java.io.IOException;

/**
 * Where a job's command runs: the extension point behind a job's {@code compute} field, found by
 * name in {@link ComputeTargets}. The executor keeps the job's lifecycle (status, inputs, outputs,
 * log, tracking run); a target only starts the command it is given and hands back a handle to wait
 * for it and to stop it.
 *
 * <p>{@link LocalCompute} ({@code local}) runs the command with {@code bash -c} on this machine. A
 * cluster target is one more class: a Spark target, for example, would start {@code spark-submit
 * --master spark://HOST:7077} with the launch's variables passed to the driver, append what
 * spark-submit prints to the launch's log, and return a {@link LocalProcess} for it (stopping
 * spark-submit in client mode stops the application), registered with
 * {@code ComputeTargets.standard().with(new SparkCompute(master))}.
 */
public interface ComputeTarget {

  /** The name a job's {@code compute} gives to run on this target (see {@code ComputeNames.NAME}). */
  String name();

  /**
   * Starts {@code launch}'s command and returns at once. The command's output must go to
   * {@link CommandLaunch#log()} while it runs (users follow it there), and the handle must stop
   * everything the command started.
   *
   * @throws IOException when the command could not be started; the job then fails with its message
   */
  RunningCommand launch(CommandLaunch launch) throws IOException;
}
