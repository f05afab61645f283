package org.mloop.jobs.compute;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A command running as a process of this machine: what {@link LocalCompute} starts, and what a
 * target that drives a cluster through a local client (such as spark-submit) returns too.
 * {@link #stop} stops the process and all its descendants.
 */
public final class LocalProcess implements RunningCommand {
  private final Process process;

  private LocalProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code argv} in {@code workDir}, its standard output and error appended to {@code log}
   * and its standard input closed. {@code environment} edits the environment the process inherits
   * from this one.
   */
  public static LocalProcess start(List<String> argv, Path workDir, Consumer<Map<String, String>> environment, Path log)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    environment.accept(pb.environment());
    Process process = pb.start();
    process.getOutputStream().close(); // the command reads no input
    return new LocalProcess(process);
  }

  @Override
  public OptionalInt waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
        : OptionalInt.empty();
  }

  @Override
  public OptionalInt stop(Duration grace) {
    ProcessTree.destroy(process.toHandle(), grace);
    try {
      return waitFor(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  @Override
  public Optional<ProcessHandle> localProcess() {
    return Optional.of(process.toHandle());
  }
}
