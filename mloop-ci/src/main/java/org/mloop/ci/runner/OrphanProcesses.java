package org.mloop.ci.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The processes a job's scripts started. As on GitHub, those a step left running in the background
 * do not outlive their job, unless started with RUNNER_TRACKING_ID cleared (GitHub's way to keep
 * one: {@code RUNNER_TRACKING_ID="" nohup cmd &}).
 */
final class OrphanProcesses {
  private final String trackingId;
  private final Set<ProcessHandle> spawned = new LinkedHashSet<>();

  OrphanProcesses(String trackingId) {
    this.trackingId = trackingId;
  }

  /** Where {@link ScriptProcess} records what it starts. */
  Set<ProcessHandle> spawned() {
    return spawned;
  }

  /** Stops every recorded process still alive and still carrying the job's tracking id, logging each. */
  void stop(Consumer<String> log) {
    for (ProcessHandle process : spawned) {
      if (process.isAlive() && tracked(process)) {
        log.accept("stopping orphan process " + process.pid() + " " + process.info().command().orElse(""));
        process.destroyForcibly();
      }
    }
  }

  /** True when the process still carries this job's RUNNER_TRACKING_ID (true when its environment cannot be read). */
  private boolean tracked(ProcessHandle process) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
      String wanted = "RUNNER_TRACKING_ID=" + trackingId;
      for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
        if (entry.startsWith("RUNNER_TRACKING_ID=")) {
          return entry.equals(wanted);
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }
}
