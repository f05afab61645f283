package org.mloop.ci.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.InvalidWorkflow;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowJob;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.files.FileTrees;
import org.mloop.core.json.Json;
import org.mloop.core.ci.CiArtifactService;

/**
 * The runs of a CI home directory, as files other processes can read while a run goes on:
 * <pre>
 *   runs/&lt;N&gt;/run.json                       status, jobs, steps, approvals (rewritten atomically)
 *   runs/&lt;N&gt;/jobs/&lt;job&gt;/log.txt             the job's log, masked
 *   runs/&lt;N&gt;/jobs/&lt;job&gt;/summary.md          what the job's steps wrote to $GITHUB_STEP_SUMMARY, masked
 *   runs/&lt;N&gt;/jobs/&lt;job&gt;/workspace/          GITHUB_WORKSPACE (the checkout), kept
 *   runs/&lt;N&gt;/jobs/&lt;job&gt;/temp/               RUNNER_TEMP (step scripts, file commands): removed when the job ends
 *   runs/&lt;N&gt;/approvals/&lt;environment&gt;.json   a person's decision, polled by the waiting runner
 * </pre>
 * Run numbers are allocated by creating {@code runs/<N>} (an atomic create), so concurrent
 * processes (two pushes at once) never share one.
 */
public final class CiRuns {
  private final Path home;

  public CiRuns(Path home) {
    this.home = home.toAbsolutePath().normalize();
  }

  public Path home() {
    return home;
  }

  public Path runDirectory(int number) {
    return home.resolve("runs").resolve(Integer.toString(number));
  }

  public Path jobDirectory(int number, String jobId) {
    return runDirectory(number).resolve("jobs").resolve(jobId);
  }

  public Path logFile(int number, String jobId) {
    return jobDirectory(number, jobId).resolve("log.txt");
  }

  public Path summaryFile(int number, String jobId) {
    return jobDirectory(number, jobId).resolve("summary.md");
  }

  /**
   * The key that keeps this CI home's artifacts apart from other CI homes' in a shared workspace
   * (run numbers restart in every CI home): the repository's name and a random suffix, made once
   * and kept in {@code <home>/artifact-key}, so it survives a move of the folder.
   */
  public synchronized String artifactKey(String repositoryName) {
    Path file = home.resolve("artifact-key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(home);
        String name = repositoryName.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        name = name.length() > 64 ? name.substring(0, 64) : name;
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String key = (name.isEmpty() ? "ci" : name) + "-" + HexFormat.of().formatHex(random);
        Path temp = Files.createTempFile(home, "artifact-key", ".tmp");
        try {
          Files.writeString(temp, key + "\n", StandardCharsets.UTF_8);
          Files.createLink(file, temp); // fails if another process made one first: then that one is the key
        } catch (FileAlreadyExistsException taken) {
          // read below
        } catch (UnsupportedOperationException noLinks) {
          Files.move(temp, file);
        } finally {
          Files.deleteIfExists(temp);
        }
      }
      return CiArtifactService.checkKey(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }

  /** Allocates the next run number and writes its queued run.json, every job queued. */
  public RunRecord create(Workflow workflow, Event event) {
    int number = allocate();
    Map<String, JobRecord> jobs = new LinkedHashMap<>();
    for (WorkflowJob job : workflow.jobs().values()) {
      jobs.put(job.id(), JobRecord.queued(job.id(), job.displayName()));
    }
    RunRecord run = new RunRecord(number, String.valueOf(workflow.file()), workflow.displayName(), RunEvent.of(event),
        RunStatus.QUEUED, null, jobs, List.of(), System.currentTimeMillis(), null, null, null,
        ProcessHandle.current().pid());
    save(run);
    return run;
  }

  /**
   * Records an invalid workflow file the way GitHub shows one: a completed run named by the file's
   * path, concluded failure, without jobs, whose error is every problem of the file.
   */
  public RunRecord createInvalid(InvalidWorkflow invalid, Event event) {
    int number = allocate();
    long now = System.currentTimeMillis();
    String file = String.valueOf(invalid.file());
    RunRecord run = new RunRecord(number, file, file, RunEvent.of(event), RunStatus.COMPLETED, Conclusion.FAILURE,
        Map.of(), List.of(), now, now, now, RunRecord.INVALID_WORKFLOW_FILE + invalid.message(),
        ProcessHandle.current().pid());
    save(run);
    return run;
  }

  /**
   * Removes the temp folders (RUNNER_TEMP: step scripts with their secrets expanded, file commands)
   * that jobs of finished runs still hold: a runner that was killed could not remove its own. A run
   * whose runner is alive keeps its folders. Returns the folders removed.
   */
  public List<Path> removeLeftoverTemp() {
    Path runsDir = home.resolve("runs");
    if (!Files.isDirectory(runsDir)) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> children = Files.list(runsDir)) {
      for (Path runDir : children.filter(p -> p.getFileName().toString().matches("\\d{1,9}")).sorted().toList()) {
        List<Path> temps = jobTemps(runDir);
        if (temps.isEmpty()) {
          continue;
        }
        Optional<RunRecord> run = find(Integer.parseInt(runDir.getFileName().toString()));
        // no run.json yet: a run being created by another process right now
        if (run.isEmpty() || (run.get().status() != RunStatus.COMPLETED && runnerAlive(run.get()))) {
          continue;
        }
        for (Path temp : temps) {
          FileTrees.deleteTree(temp);
          removed.add(temp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runsDir + ": " + e.getMessage(), e);
    }
    return removed;
  }

  private static List<Path> jobTemps(Path runDir) throws IOException {
    Path jobs = runDir.resolve("jobs");
    if (!Files.isDirectory(jobs)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(jobs)) {
      return children.map(job -> job.resolve(JobExecution.TEMP)).filter(Files::exists).sorted().toList();
    }
  }

  private int allocate() {
    Path runs = home.resolve("runs");
    try {
      Files.createDirectories(runs);
      int next = highestNumber(runs) + 1;
      while (true) {
        try {
          Files.createDirectory(runs.resolve(Integer.toString(next)));
          return next;
        } catch (FileAlreadyExistsException taken) {
          next++; // another process took it first
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run under " + runs + ": " + e.getMessage(), e);
    }
  }

  private static int highestNumber(Path runs) throws IOException {
    try (Stream<Path> children = Files.list(runs)) {
      return children.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,9}"))
          .mapToInt(Integer::parseInt).max().orElse(0);
    }
  }

  /** Writes run.json through a temporary file and a move, so readers never see half a file. */
  public synchronized void save(RunRecord run) {
    writeAtomically(runDirectory(run.number()).resolve("run.json"), Json.writePretty(run));
  }

  public Optional<RunRecord> find(int number) {
    Path file = runDirectory(number).resolve("run.json");
    try {
      return Optional.of(Json.mapper().readValue(Files.readString(file), RunRecord.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public RunRecord read(int number) {
    return find(number).orElseThrow(() -> MloopException.notFound(
        "CI run " + number + " does not exist under " + home.resolve("runs") + " (see `mloop ci list`)"));
  }

  /** Every run, newest first. */
  public List<RunRecord> list() {
    Path runs = home.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    List<RunRecord> all = new ArrayList<>();
    try (Stream<Path> children = Files.list(runs)) {
      children.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{1,9}")).mapToInt(Integer::parseInt)
          .forEach(n -> find(n).ifPresent(all::add)); // a run being created has no run.json yet
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
    }
    all.sort(Comparator.comparingInt(RunRecord::number).reversed());
    return all;
  }

  /** The job's log so far (empty when the job has not started). */
  public String log(int number, String jobId) {
    RunRecord run = read(number);
    if (!run.jobs().containsKey(jobId)) {
      throw MloopException.notFound("run " + number + " has no job '" + jobId + "'; its jobs: "
          + String.join(", ", run.jobs().keySet()));
    }
    return readIfPresent(logFile(number, jobId));
  }

  /** The job summary written through $GITHUB_STEP_SUMMARY (empty when none). */
  public String summary(int number, String jobId) {
    return readIfPresent(summaryFile(number, jobId));
  }

  /** Lets a run waiting for {@code environment} go on. */
  public void approve(int number, String environment, String by, String comment) {
    decide(number, environment, "approved", by, comment);
  }

  /** Ends a run waiting for {@code environment}: the job fails without running, its dependants are skipped. */
  public void reject(int number, String environment, String by, String comment) {
    decide(number, environment, "rejected", by, comment);
  }

  private void decide(int number, String environment, String decision, String by, String comment) {
    RunRecord run = read(number);
    boolean pending = run.approvals().stream()
        .anyMatch(a -> a.environment().equals(environment) && "pending".equals(a.decision()));
    if (!pending) {
      List<String> waiting = run.approvals().stream().filter(a -> "pending".equals(a.decision()))
          .map(ApprovalRecord::environment).toList();
      throw new MloopException(ErrorCode.INVALID_STATE, "run " + number + " is not waiting for environment '"
          + environment + "' (status " + run.status() + (waiting.isEmpty() ? "" : ", waiting for " + waiting) + ")");
    }
    if (!runnerAlive(run)) {
      throw new MloopException(ErrorCode.INVALID_STATE, "run " + number + " waits for environment '" + environment
          + "' but its runner (process " + run.runnerPid() + ") has stopped; start the workflow again");
    }
    Path file = decisionFile(number, environment);
    ApprovalDecision value = new ApprovalDecision(decision, by, System.currentTimeMillis(), comment);
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".decision", ".tmp");
      Files.writeString(temp, Json.write(value));
      // a link fails when a decision is already there: the first person to decide wins
      Files.createLink(file, temp);
      Files.delete(temp);
    } catch (FileAlreadyExistsException e) {
      throw new MloopException(ErrorCode.INVALID_STATE, "environment '" + environment + "' of run " + number
          + " was already " + decision(number, environment).map(ApprovalDecision::decision).orElse("decided"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stops a run: its running step's processes are stopped, the rest is skipped except steps and jobs
   * whose {@code if:} uses always() or cancelled(); the run concludes cancelled. A run whose runner has
   * died is marked cancelled at once.
   */
  public void cancel(int number, String by) {
    RunRecord run = read(number);
    if (run.status() == RunStatus.COMPLETED) {
      throw new MloopException(ErrorCode.INVALID_STATE, "run " + number + " has already completed ("
          + run.conclusion() + ")");
    }
    if (!runnerAlive(run)) {
      save(run.completed(Conclusion.CANCELLED, "cancelled by " + by + " after its runner (process "
          + run.runnerPid() + ") had stopped", System.currentTimeMillis()));
      return;
    }
    writeAtomically(cancelFile(number), Json.write(Map.of("by", by == null ? "" : by,
        "at", System.currentTimeMillis())));
  }

  /** True once someone asked to cancel the run. */
  public boolean cancelRequested(int number) {
    return Files.exists(cancelFile(number));
  }

  private Path cancelFile(int number) {
    return runDirectory(number).resolve("cancel.json");
  }

  /** False for a run that is not completed but whose runner process is gone (killed, machine restarted). */
  public static boolean runnerAlive(RunRecord run) {
    if (run.status() == RunStatus.COMPLETED || run.runnerPid() == null) {
      return true;
    }
    return ProcessHandle.of(run.runnerPid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /** A person's decision on an environment of a run, if one was made. */
  public Optional<ApprovalDecision> decision(int number, String environment) {
    Path file = decisionFile(number, environment);
    try {
      return Optional.of(Json.mapper().readValue(Files.readString(file), ApprovalDecision.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Path decisionFile(int number, String environment) {
    if (!environment.matches("[A-Za-z0-9._ -]+") || environment.startsWith(".")) {
      throw MloopException.invalid("environment name '" + environment + "' has characters a file name cannot hold");
    }
    return runDirectory(number).resolve("approvals").resolve(environment + ".json");
  }

  /** A decision file's content. */
  public record ApprovalDecision(String decision, String by, long at, String comment) {
    public boolean approved() {
      return "approved".equals(decision);
    }
  }

  static void writeAtomically(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String readIfPresent(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
