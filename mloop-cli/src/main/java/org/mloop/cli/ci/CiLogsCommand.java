package org.mloop.cli.ci;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.RunStatus;
import org.mloop.core.MloopException;
import org.mloop.core.files.FolderWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {"Print a CI run's job logs (secrets masked), each job under a header, then its summary; --job for "
        + "one job. --follow prints lines as they come until the run completes (for runs a push hook started)."},
    footer = {"", "Examples:", "  mloop ci logs 3", "  mloop ci logs 3 --job production",
        "  mloop ci logs 3 --follow --repo /srv/git/project.git"})
public final class CiLogsCommand implements Callable<Integer> {
  @Mixin CiOptions options;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run number (see `mloop ci list`).")
  int number;

  @Option(names = "--job", paramLabel = "JOB", description = "Only this job's log (its id in the workflow).")
  String job;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the run completes.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = options.out();
    CiRuns runs = options.runs();
    RunRecord run = runs.read(number);
    if (job != null && !run.jobs().containsKey(job)) {
      throw MloopException.notFound("run " + number + " has no job '" + job + "'; its jobs: "
          + String.join(", ", run.jobs().keySet()));
    }
    if (follow) {
      return follow(runs, out);
    }
    if (job != null) {
      out.print(runs.log(number, job));
      return 0;
    }
    if (run.invalidWorkflowFile()) {
      out.println("Run " + number + " has no job log: its workflow file is invalid.");
      out.println(run.error());
      return 0;
    }
    for (String id : List.copyOf(run.jobs().keySet())) {
      out.println("==> job " + id + " (" + run.job(id).status()
          + (run.job(id).conclusion() == null ? "" : "/" + run.job(id).conclusion()) + ") <==");
      out.print(runs.log(number, id));
      String summary = runs.summary(number, id);
      if (!summary.isBlank()) {
        out.println("--- summary ---");
        out.print(summary.endsWith("\n") ? summary : summary + "\n");
      }
    }
    return 0;
  }

  /**
   * Prints what each job log gained, "job | line", each time the run's folder or a job's folder
   * changes, until the run completes; exits 1 when the run did not succeed.
   */
  private int follow(CiRuns runs, PrintWriter out) throws InterruptedException {
    Map<String, Long> printed = new HashMap<>();
    RunRecord done = FolderWatch.await(Duration.ofDays(365), () -> watched(runs), () -> {
      RunRecord run = runs.read(number); // read first: a completed run's logs are complete
      for (String id : run.jobs().keySet()) {
        if (job == null || job.equals(id)) {
          printed.put(id, printNew(out, runs.logFile(number, id), id, printed.getOrDefault(id, 0L)));
        }
      }
      out.flush();
      return run.status() == RunStatus.COMPLETED ? Optional.of(run) : Optional.<RunRecord>empty();
    }).orElseThrow();
    out.println("Run " + number + ": " + done.conclusion()
        + (done.error() == null ? "" : System.lineSeparator() + done.error()));
    return done.conclusion() == org.mloop.ci.runner.Conclusion.SUCCESS ? 0 : 1;
  }

  /** The run's folder (its record) and the folders of the jobs followed (their logs). */
  private List<Path> watched(CiRuns runs) {
    List<Path> folders = new ArrayList<>(List.of(runs.runDirectory(number)));
    for (String id : runs.read(number).jobs().keySet()) {
      if (job == null || job.equals(id)) {
        folders.add(runs.jobDirectory(number, id));
      }
    }
    return folders;
  }

  /** Prints the complete lines after {@code offset}; returns the new offset. */
  private static long printNew(PrintWriter out, Path file, String jobId, long offset) {
    try {
      if (!Files.exists(file) || Files.size(file) <= offset) {
        return offset;
      }
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        in.seek(offset);
        byte[] bytes = new byte[(int) Math.min(in.length() - offset, 1 << 20)];
        in.readFully(bytes);
        int end = lastNewline(bytes);
        if (end < 0) {
          return offset;
        }
        new String(bytes, 0, end + 1, StandardCharsets.UTF_8).lines()
            .forEach(line -> out.println("  " + jobId + " | " + line));
        return offset + end + 1;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
