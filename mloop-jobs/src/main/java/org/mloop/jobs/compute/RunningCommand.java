package org.mloop.jobs.compute;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A command a {@link ComputeTarget} started: wait for its exit status, or stop it. */
public interface RunningCommand {

  /**
   * Waits up to {@code timeout} for the command to end.
   *
   * @return its exit status (0 for success), or empty while it still runs
   */
  OptionalInt waitFor(Duration timeout) throws InterruptedException;

  /**
   * Stops the command and everything it started: asks them to end, and after {@code grace} ends
   * what is left by force. Returns the exit status when the command ended within the grace period.
   */
  OptionalInt stop(Duration grace);

  /**
   * The process on this machine that stands for the command, whose process tree is the command
   * (for a cluster, the local client of the application). The executor records it so that when the
   * executor dies, {@code JobReaper} can stop the command it left. Empty when nothing of the command
   * runs here.
   */
  Optional<ProcessHandle> localProcess();
}
