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
import java.util.function.Consumer;

/** One script process: output lines streamed as they come, a deadline that stops the whole process tree. */
final class ScriptProcess {
  /** How a script ended: its exit code, or -1 with {@code timedOut}. */
  record Result(int exitCode, boolean timedOut) {
    boolean succeeded() {
      return !timedOut && exitCode == 0;
    }
  }

  private ScriptProcess() {}

  static Result run(List<String> command, Path directory, Map<String, String> env, Duration timeout,
      Consumer<String> lines) throws IOException, InterruptedException {
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
    boolean finished;
    try {
      finished = timeout == null ? waitForever(process) : process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      stopTree(process);
      throw e;
    }
    if (!finished) {
      stopTree(process);
    }
    // children that outlive the script (a background job) may hold the output open: do not wait forever
    reader.join(finished ? 10_000 : 5_000);
    return finished ? new Result(process.exitValue(), false) : new Result(-1, true);
  }

  private static boolean waitForever(Process process) throws InterruptedException {
    process.waitFor();
    return true;
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
