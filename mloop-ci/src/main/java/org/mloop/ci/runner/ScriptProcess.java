package org.mloop.ci.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** One script process: output lines streamed as they come, a deadline that stops the whole process tree. */
final class ScriptProcess {
  /** How a script ended: its exit code, or -1 when it was stopped ({@code timedOut} or {@code cancelled}). */
  record Result(int exitCode, boolean timedOut, boolean cancelled) {
    boolean succeeded() {
      return !timedOut && !cancelled && exitCode == 0;
    }
  }

  private ScriptProcess() {}

  static Result run(List<String> command, Path directory, Map<String, String> env, Duration timeout,
      BooleanSupplier cancelled, Consumer<String> lines, java.util.Collection<ProcessHandle> spawned)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.accept(line);
        }
      } catch (IOException ignored) {
        // the stream closes when the process tree is stopped
      }
    }, "ci-step-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    boolean finished = false;
    boolean wasCancelled = false;
    try {
      // short waits, so a cancelled run stops its step within a fraction of a second; each wait also
      // notes the script's children, so the ones it leaves running in the background can be stopped
      // when the job ends (the script's exit re-parents them out of its process tree)
      long start = System.nanoTime();
      while (!finished) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        long poll = TimeUnit.MILLISECONDS.toNanos(System.nanoTime() - start < 1_000_000_000L ? 50 : 200);
        process.descendants().forEach(spawned::add);
        finished = process.waitFor(Math.min(left, poll), TimeUnit.NANOSECONDS);
        if (!finished && cancelled.getAsBoolean()) {
          wasCancelled = true;
          break;
        }
      }
    } catch (InterruptedException e) {
      stopTree(process);
      throw e;
    }
    if (!finished) {
      stopTree(process);
    }
    // children that outlive the script (a background job) may hold the output open: do not wait forever
    reader.join(finished ? 1_000 : 5_000);
    if (finished) {
      return new Result(process.exitValue(), false, false);
    }
    return new Result(-1, !wasCancelled, wasCancelled);
  }

  /** Stops the script and everything it started: children first, so none is left behind re-parented. */
  static void stopTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      for (ProcessHandle child : descendants) {
        child.onExit().get(5, TimeUnit.SECONDS); // SIGKILL is asynchronous: be sure they are gone
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // a child that does not go away in 5 s after SIGKILL is beyond our reach; the step fails anyway
    }
  }
}
