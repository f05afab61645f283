package org.mloop.cli.jobs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mloop.cli.LocalWorkspaces;
import org.mloop.core.MloopException;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;

/**
 * Runs each job of an embedded workspace in its own background process (`mloop job execute NAME`),
 * so the job outlives the command that submitted it, as a job submitted to a cloud workspace does.
 * The process is started in a new session (setsid) so that Ctrl-C on the submitting terminal stops
 * log streaming, not the job. Cancel sends it SIGTERM; it then cancels the job and records that.
 */
public final class DetachedJobRunner implements JobRunner {
  private final Path workspace;

  public DetachedJobRunner(Path workspace) {
    this.workspace = workspace;
  }

  @Override
  public void start(Job job) {
    Path dir = LocalWorkspaces.scratchDirectory(workspace).resolve(job.name());
    List<String> command = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      command.add("/usr/bin/setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.mloop.cli.Main");
    command.addAll(List.of("job", "execute", job.name(), "--workspace", workspace.toString()));
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve("executor.log");
      new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the executor process for job " + job.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void cancel(Job job) {
    if (job.executor() == null) {
      throw new MloopException(org.mloop.core.ErrorCode.INVALID_STATE,
          "job '" + job.name() + "' has no executor process yet; try again in a moment");
    }
    ProcessHandle.of(job.executor().pid())
        .filter(p -> p.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - job.executor().processStartMillis()) < 1000)
            .orElse(true))
        .ifPresent(ProcessHandle::destroy);
    // The executor's shutdown hook records Canceled; give it a moment so the caller sees the new state.
    for (int i = 0; i < 50 && ProcessHandle.of(job.executor().pid()).map(ProcessHandle::isAlive).orElse(false); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
