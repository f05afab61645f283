package org.mloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mloop.app.LocalWorkspaces;
import org.mloop.app.WorkspaceServer;
import org.mloop.cli.jobs.JobSubmissions;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.files.FileTrees;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.core.workspace.Workspace;

/**
 * Measures the overhead of a job from submit to its command's first line (target: under 500 ms)
 * for the job {@value #COMMAND} with a one-file code folder. The command prints its own clock
 * ({@code date +%s%N}); the overhead is that minus the clock read just before
 * {@code Workspace.createJob}. Jobs run one after another, each after the previous one (and its
 * executor process) ended. In embedded mode the warm-up goes on until executors map their classes
 * from the workspace's class-data sharing archive, which the first executor dumps when it exits.
 *
 * <ul>
 *   <li>{@code server}: a server started as `mloop server` starts it (WorkspaceServer: MloopServer +
 *       InProcessJobRunner in this JVM), jobs submitted over HTTP through {@link RemoteWorkspace}
 *       (code uploaded, as `mloop job create` against a URL does);
 *   <li>{@code server-direct}: the same server's LocalWorkspace called directly (no HTTP), to
 *       separate the transport from the execution;
 *   <li>{@code embedded}: a workspace directory wired as the CLI does (LocalWorkspaces), each job in
 *       a detached `mloop job execute` JVM on this benchmark's class path.
 * </ul>
 *
 * Besides the total it reports where the time goes, from the phase lines executors log at DEBUG
 * (see {@link PhaseLog}): when the runner was called and returned, the executor JVM's start, its
 * command entry, workspace open (metadata store incl. Flyway, job reaper), tracking server start,
 * and the executor's steps (job Starting, code copied and inputs materialized, bash spawned).
 *
 * <p>Options: {@code --jobs N} (default 20), {@code --warmup N} (default 3), {@code --mode
 * server|server-direct|embedded|all} (default all), {@code --dir PATH} (default a temporary
 * folder, deleted afterwards).
 */
public final class JobOverheadBench {
  static final String COMMAND = "echo \"first $(date +%s%N)\"";
  static final double TARGET_MILLIS = 500;
  private static final Pattern FIRST_LINE = Pattern.compile("(?m)^first (\\d+)$");
  private static final long JOB_TIMEOUT_MILLIS = 120_000;

  private JobOverheadBench() {}

  /** One measured job: clocks in epoch nanoseconds, phases in epoch milliseconds. */
  record Sample(String job, long submitNanos, long returnedNanos, long firstLineNanos, Map<String, Long> phases) {
    double totalMillis() {
      return (firstLineNanos - submitNanos) / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    int jobs = BenchArgs.intOption(args, "--jobs", 20);
    int warmup = BenchArgs.intOption(args, "--warmup", 3);
    String mode = Optional.ofNullable(BenchArgs.option(args, "--mode")).orElse("all");
    String dirOption = BenchArgs.option(args, "--dir");
    Path dir = dirOption != null ? Path.of(dirOption).toAbsolutePath() : Files.createTempDirectory("mloop-job-bench-");
    Files.createDirectories(dir);
    System.out.printf(Locale.ROOT, "java %s, %d cores, load average %.2f, folder %s%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), dir);
    System.out.println("command: " + COMMAND + "; " + warmup + " warm-up jobs, then " + jobs + " measured, one at a time");
    if (!"DEBUG".equalsIgnoreCase(System.getenv("MLOOP_LOG_LEVEL"))) {
      System.out.println("note: MLOOP_LOG_LEVEL is not DEBUG, so executor JVMs log no phase timings"
          + " (bench/run-job-bench.sh sets it)");
    }
    PhaseLog phaseLog = PhaseLog.install();
    Path jobFile = codeFolder(dir.resolve("code"));
    boolean ok = true;
    try {
      if (mode.equals("all") || mode.startsWith("server")) {
        ok &= server(dir.resolve("server-ws"), jobFile, phaseLog, warmup, jobs, mode);
      }
      if (mode.equals("all") || mode.equals("embedded")) {
        ok &= embedded(dir.resolve("embedded-ws"), jobFile, warmup, jobs);
      }
    } finally {
      if (dirOption == null) {
        FileTrees.deleteTree(dir);
      }
    }
    System.out.println(ok ? "RESULT: all targets met" : "RESULT: a target was missed");
    System.exit(ok ? 0 : 1);
  }

  /** A code folder holding only its job file. */
  private static Path codeFolder(Path code) throws IOException {
    Files.createDirectories(code);
    Path file = code.resolve("job.yml");
    Files.writeString(file, "type: command\n"
        + "code: .\n"
        + "command: " + COMMAND + "\n"
        + "environment: jvm-17\n"
        + "experiment_name: job-overhead-bench\n"
        + "compute: local\n");
    return file;
  }

  // ---------------------------------------------------------------- modes

  private static boolean server(Path wsDir, Path jobFile, PhaseLog phaseLog, int warmup, int jobs, String mode) {
    Map<String, Long[]> runnerCalls = new ConcurrentHashMap<>();
    WorkspaceServer server = WorkspaceServer.Options.builder(wsDir).jobRunner(runner -> timed(runner, runnerCalls))
        .start();
    LocalWorkspace ws = server.workspace();
    boolean ok = true;
    try (RemoteWorkspace remote = new RemoteWorkspace(server.url(), null)) {
      if (mode.equals("all") || mode.equals("server")) {
        ok &= report("server (HTTP submit through RemoteWorkspace to MloopServer + InProcessJobRunner)",
            series(remote, jobFile, warmup, jobs, name -> merge(phaseLog.phases(name), runnerCalls.get(name)), false,
                () -> true));
      }
      if (mode.equals("all") || mode.equals("server-direct")) {
        ok &= report("server-direct (LocalWorkspace.createJob in the server's JVM, InProcessJobRunner)",
            series(ws, jobFile, warmup, jobs, name -> merge(phaseLog.phases(name), runnerCalls.get(name)), false,
                () -> true));
      }
    } finally {
      server.close();
    }
    return ok;
  }

  private static boolean embedded(Path wsDir, Path jobFile, int warmup, int jobs) {
    Map<String, Long[]> runnerCalls = new ConcurrentHashMap<>();
    try (LocalWorkspace ws = LocalWorkspaces.open(wsDir,
        metadata -> timed(LocalWorkspaces.executorProcesses(wsDir, metadata), runnerCalls))) {
      Function<String, Map<String, Long>> phases = name -> {
        Path log = LocalWorkspaces.scratch(wsDir).executorLog(name);
        try {
          String text = Files.exists(log) ? Files.readString(log) : "";
          return merge(PhaseLog.parseExecutorLog(name, text), runnerCalls.get(name));
        } catch (IOException e) {
          throw new IllegalStateException("cannot read " + log, e);
        }
      };
      return report("embedded (LocalWorkspace + LocalProcessJobRunner, a `mloop job execute` JVM per job)",
          series(ws, jobFile, warmup, jobs, phases, true,
              () -> classArchiveSettled(LocalWorkspaces.scratch(wsDir).executorClassArchives())));
    }
  }

  /** The runner, noting when each start(job) was called and when it returned. */
  private static JobRunner timed(JobRunner runner, Map<String, Long[]> calls) {
    return new JobRunner() {
      @Override
      public void start(Job job) {
        long called = System.currentTimeMillis();
        runner.start(job);
        calls.put(job.name(), new Long[] {called, System.currentTimeMillis()});
      }

      @Override
      public void cancel(String jobName) {
        runner.cancel(jobName);
      }
    };
  }

  private static Map<String, Long> merge(Map<String, Long> phases, Long[] runnerCall) {
    Map<String, Long> all = new LinkedHashMap<>();
    if (runnerCall != null) {
      all.put("runner-called", runnerCall[0]);
      all.put("runner-returned", runnerCall[1]);
    }
    all.putAll(phases);
    return all;
  }

  // ---------------------------------------------------------------- measuring

  private static List<Sample> series(Workspace ws, Path jobFile, int warmup, int jobs,
      Function<String, Map<String, Long>> phases, boolean waitForExecutorExit, BooleanSupplier warmedUp) {
    for (int i = 0; i < warmup; i++) {
      System.out.printf(Locale.ROOT, "  warm-up %s%n", describe(measure(ws, jobFile, phases, waitForExecutorExit)));
    }
    for (int extra = 0; extra < 5 && !warmedUp.getAsBoolean(); extra++) {
      System.out.printf(Locale.ROOT, "  extra warm-up %s%n", describe(measure(ws, jobFile, phases, waitForExecutorExit)));
    }
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      Sample sample = measure(ws, jobFile, phases, waitForExecutorExit);
      samples.add(sample);
      System.out.printf(Locale.ROOT, "  job %s%n", describe(sample));
    }
    return samples;
  }

  private static Sample measure(Workspace ws, Path jobFile, Function<String, Map<String, Long>> phases,
      boolean waitForExecutorExit) {
    // Snapshotting the code folder is the client's work before it submits (not part of the figure).
    JobSubmission submission = JobSubmissions.fromFile(jobFile, null, List.of());
    long submit = epochNanos();
    Job job = ws.jobs().create(submission);
    long returned = epochNanos();
    Job done = awaitEnd(ws, job.name());
    if (waitForExecutorExit && done.executor() != null) {
      ProcessHandle.of(done.executor().pid()).ifPresent(p -> p.onExit().join());
    }
    if (done.status() != JobStatus.Completed) {
      throw new IllegalStateException("job " + done.name() + " ended " + done.status() + ": " + done.error());
    }
    LogChunk log = ws.jobs().readLog(done.name(), 0, 64 * 1024);
    Matcher first = FIRST_LINE.matcher(log.text());
    if (!first.find()) {
      throw new IllegalStateException("job " + done.name() + " logged no 'first <nanos>' line: " + log.text());
    }
    return new Sample(done.name(), submit, returned, Long.parseLong(first.group(1)), phases.apply(done.name()));
  }

  private static String describe(Sample sample) {
    return String.format(Locale.ROOT, "%s %.0f ms", sample.job(), sample.totalMillis());
  }

  /**
   * True once executors map their classes from the workspace's class-data sharing archive, or
   * when they never will (no dump pending: the class path cannot have one). The first executor
   * dumps the archive when it exits and a launch a few seconds later puts it in place, so the
   * warm-up waits for that before measuring.
   */
  private static boolean classArchiveSettled(Path folder) {
    try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      if (names.stream().anyMatch(n -> n.endsWith(".jsa"))) {
        System.out.println("  executors map their classes from " + folder.resolve(
            names.stream().filter(n -> n.endsWith(".jsa")).findFirst().orElseThrow()));
        return true;
      }
      if (names.isEmpty()) {
        System.out.println("  executors run without a class-data sharing archive (see ExecutorClassArchive)");
        return true;
      }
      Thread.sleep(6_000); // a dump is complete once it has not changed for 5 s
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + folder, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Job awaitEnd(Workspace ws, String name) {
    long deadline = System.currentTimeMillis() + JOB_TIMEOUT_MILLIS;
    while (true) {
      Job job = ws.jobs().get(name);
      if (job.status().terminal()) {
        return job;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("job " + name + " still " + job.status() + " after " + JOB_TIMEOUT_MILLIS
            + " ms");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  // ---------------------------------------------------------------- reporting

  private static boolean report(String title, List<Sample> samples) {
    double[] totals = samples.stream().mapToDouble(Sample::totalMillis).sorted().toArray();
    double median = percentile(totals, 50);
    double p90 = percentile(totals, 90);
    boolean ok = median < TARGET_MILLIS;
    System.out.println(title);
    System.out.printf(Locale.ROOT, "  submit -> first line over %d jobs: median %.0f ms, p90 %.0f ms, min %.0f, max %.0f"
        + " (target: under %.0f ms) %s%n", totals.length, median, p90, totals[0], totals[totals.length - 1],
        TARGET_MILLIS, ok ? "OK" : "MISSED");
    // Each phase as the median time since submit, in the order they happen.
    Map<String, List<Double>> sinceSubmit = new LinkedHashMap<>();
    for (Sample s : samples) {
      add(sinceSubmit, "createJob returned", (s.returnedNanos() - s.submitNanos()) / 1e6);
      s.phases().forEach((phase, millis) -> add(sinceSubmit, phase, millis - s.submitNanos() / 1e6));
      add(sinceSubmit, "first line", s.totalMillis());
    }
    System.out.println("  phase (median ms since submit; step from the previous phase):");
    List<Map.Entry<String, Double>> medians = sinceSubmit.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), percentile(e.getValue().stream().mapToDouble(d -> d).sorted().toArray(), 50)))
        .sorted(Comparator.comparingDouble(Map.Entry::getValue))
        .toList();
    double previous = 0;
    for (Map.Entry<String, Double> e : medians) {
      System.out.printf(Locale.ROOT, "    %-20s %7.1f  (+%.1f)  %s%n", e.getKey(), e.getValue(), e.getValue() - previous,
          meaning(e.getKey()));
      previous = e.getValue();
    }
    return ok;
  }

  private static String meaning(String phase) {
    return switch (phase) {
      case "runner-called" -> "job recorded Queued (snapshot stored, run created); JobRunner.start called";
      case "runner-returned" -> "JobRunner.start returned (process spawned / job claimed and queued)";
      case "createJob returned" -> "the client has the Queued job";
      case "jvm" -> "executor JVM started (RuntimeMXBean start time)";
      case "command" -> "ExecutorMain running the job execute command (JVM boot, logging set up)";
      case "open" -> "opening the workspace";
      case "settings" -> "workspace.yaml read";
      case "store" -> "metadata store open (SQLite, connection pool, schema version checked; Flyway only if behind)";
      case "reaped" -> "job reaper done";
      case "workspace" -> "workspace open";
      case "server" -> "loopback tracking server listening (started on its own thread once the workspace is open)";
      case "execute" -> "JobExecutor.execute entered";
      case "starting" -> "job marked Starting";
      case "prepared" -> "code copied, inputs materialized, tracking server at hand, job marked Running";
      case "spawned" -> "bash -c COMMAND started";
      case "first line" -> "the command's clock in its first line";
      default -> "";
    };
  }

  private static void add(Map<String, List<Double>> map, String key, double value) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
