package org.mloop.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.store.MetadataStore;
import org.mloop.jobs.compute.ComputeTargets;

/**
 * Runs each job in its own detached process (the CLI on a local workspace): {@code launcher}
 * followed by the job name, for example {@code java -cp ... org.mloop.cli.Main job execute
 * --workspace DIR} + NAME, where that command calls {@link JobExecutor#execute}. The process is
 * started in a new session when {@code setsid} exists, so closing the terminal or pressing Ctrl-C
 * in the CLI does not stop the job. What the process itself prints goes to
 * {@link JobScratch#executorLog}.
 */
public final class LocalProcessJobRunner implements JobRunner {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final MetadataStore store;
  private final JobScratch scratch;
  private final Supplier<List<String>> launcher;

  public LocalProcessJobRunner(MetadataStore store, JobScratch scratch, List<String> launcher) {
    this(store, scratch, constant(List.copyOf(launcher)));
  }

  /** With a launcher decided anew for each job (its JVM options may change, see {@link ExecutorClassArchive}). */
  public LocalProcessJobRunner(MetadataStore store, JobScratch scratch, Supplier<List<String>> launcher) {
    this.store = store;
    this.scratch = scratch;
    this.launcher = launcher;
  }

  private static Supplier<List<String>> constant(List<String> launcher) {
    return () -> launcher;
  }

  /**
   * The command that starts {@code mainClass} in a new JVM like this one (same java, same class
   * path), with {@code args}; a launcher for this runner.
   */
  public static List<String> javaLauncher(String mainClass, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** Starts the executor process and returns its handle (the job itself is not waited for). */
  public ProcessHandle launch(String jobName) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.addAll(launcher.get());
    command.add(jobName);
    Path log = scratch.executorLog(jobName);
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      process.getOutputStream().close();
      return process.toHandle();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the executor of job " + jobName + ": " + String.join(" ", command), e);
    }
  }

  @Override
  public void start(Job job) {
    launch(job.name());
  }

  /**
   * The standard compute targets ({@link ComputeTargets#standard()}): the executor processes it
   * starts ({@code mloop job execute}) run commands on those.
   */
  @Override
  public List<String> computeTargets() {
    return ComputeTargets.standard().names();
  }

  /** Marks the job Canceled; its executor process sees it within a second and stops the command. */
  @Override
  public void cancel(String jobName) {
    JobExecutor.requestCancel(store, jobName);
  }
}
