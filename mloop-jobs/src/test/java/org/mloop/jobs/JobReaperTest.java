package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.jobs.Executor;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.RunStatus;

class JobReaperTest {
  @TempDir Path dir;
  JobTestbed bed;
  final List<ProcessHandle> started = new ArrayList<>();

  @BeforeEach
  void open() {
    bed = new JobTestbed(dir);
  }

  @AfterEach
  void close() {
    started.forEach(ProcessHandle::destroyForcibly);
    bed.close();
  }

  /** The test class path as surefire gives it (java.class.path may be a manifest-only jar). */
  static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  @Test
  void aJobWhoseExecutorWasKilledIsFailedAndKeepsItsMetrics() throws Exception {
    Path pidFile = dir.resolve("sleep.pid");
    Job queued = bed.queue("victim", JobTestbed.spec("echo training; sleep 300 & echo $! > \"$PID_FILE\"; wait",
        Map.of(), List.of(), Map.of("PID_FILE", pidFile.toString())), Map.of(), null);
    List<String> launcher = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", testClassPath(), TestExecutorMain.class.getName(),
        bed.dbUrl, bed.artifacts.root().toString(), bed.scratch.root().toString());
    ProcessHandle executorProcess = new LocalProcessJobRunner(bed.store, bed.scratch, launcher).launch("victim");
    started.add(executorProcess);
    Job running = bed.awaitJob("victim", j -> j.status() == JobStatus.Running, "Running");
    ProcessHandle sleep = ProcessHandle.of(Long.parseLong(JobTestbed.awaitFile(pidFile))).orElseThrow();
    started.add(sleep);
    // The executor records its command's pid just after starting it; on a loaded machine the command
    // can be this far first. A kill before that record leaves nothing to find the command by.
    JobTestbed.awaitFile(bed.scratch.commandPidFile("victim"));
    bed.store.tracking().logBatch(queued.runId(), List.of(new Metric("AUC", 0.81, System.currentTimeMillis(), 0)),
        List.of(new Param("reg_rate", "0.01")), List.of());
    assertThat(running.executor().pid()).isEqualTo(executorProcess.pid());

    executorProcess.destroyForcibly(); // kill -9
    executorProcess.onExit().get(30, TimeUnit.SECONDS);
    List<Job> reaped = new JobReaper(bed.store, bed.artifacts, bed.scratch).reap();

    Job job = bed.job("victim");
    assertThat(reaped).containsExactly(job);
    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.endedAt()).isNotNull();
    assertThat(job.error()).isEqualTo("the executor (pid " + executorProcess.pid() + ") ended while the job was "
        + "Running: killed or crashed; metrics logged until then are kept");
    var run = bed.run(job);
    assertThat(run.info().status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.info().endTime()).isEqualTo(job.endedAt());
    assertThat(run.data().metric("AUC")).isEqualTo(0.81);
    assertThat(run.data().param("reg_rate")).isEqualTo("0.01");
    assertThat(sleep.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("the orphaned command is stopped").isFalse();
    assertThat(bed.artifactText(JobPaths.log("victim"))).startsWith("training\n")
        .contains("mloop: the executor (pid " + executorProcess.pid() + ") ended");
    assertThat(new JobReaper(bed.store, bed.artifacts, bed.scratch).reap()).as("nothing left to reap").isEmpty();
  }

  @Test
  void aDetachedExecutorProcessRunsAJobToCompletion() throws Exception {
    bed.queue("detached", JobTestbed.spec("echo from a detached executor"), Map.of(), null);
    List<String> launcher = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", testClassPath(), TestExecutorMain.class.getName(),
        bed.dbUrl, bed.artifacts.root().toString(), bed.scratch.root().toString());

    ProcessHandle process = new LocalProcessJobRunner(bed.store, bed.scratch, launcher).launch("detached");
    started.add(process);
    process.onExit().get(60, TimeUnit.SECONDS);

    assertThat(bed.job("detached").status()).as(Files.readString(bed.scratch.executorLog("detached")))
        .isEqualTo(JobStatus.Completed);
    assertThat(bed.artifactText(JobPaths.log("detached"))).isEqualTo("from a detached executor\n");
    assertThat(Files.readString(bed.scratch.executorLog("detached"))).contains("executed: Completed");
  }

  /** A job marked as being executed by {@code executor}. */
  Job runningWith(String name, Executor executor) {
    bed.queue(name, "echo never");
    return bed.store.jobs().updateJob(name, j -> j.withExecutor(executor).started(System.currentTimeMillis()));
  }

  @Test
  void aReusedPidCountsAsDead() {
    ProcessHandle self = ProcessHandle.current();
    Executor alive = ProcessIdentity.current();
    Executor reused = new Executor(alive.host(), self.pid(), alive.processStartMillis() - 3_600_000);
    runningWith("live", alive);
    runningWith("reused", reused);

    List<Job> reaped = new JobReaper(bed.store, bed.artifacts, bed.scratch).reap();

    assertThat(reaped).extracting(Job::name).containsExactly("reused");
    assertThat(bed.job("live").status()).isEqualTo(JobStatus.Running);
    assertThat(bed.job("reused").error()).startsWith("the executor (pid " + self.pid() + ") ended while the job "
        + "was Running");
  }

  @Test
  void jobsOfOtherHostsAreLeftAlone() {
    runningWith("elsewhere", new Executor("some-other-host.example", 1, 1));

    assertThat(new JobReaper(bed.store, null, null).reap()).isEmpty();
    assertThat(bed.job("elsewhere").status()).isEqualTo(JobStatus.Running);
  }

  @Test
  void aQueuedJobNobodyTookFailsAfterTheGracePeriod() {
    Job queued = bed.queue("orphan", "echo never");

    assertThat(new JobReaper(bed.store, null, null, Duration.ofHours(1)).reap()).as("still within grace").isEmpty();
    List<Job> reaped = new JobReaper(bed.store, null, null, Duration.ZERO).reap();

    assertThat(reaped).extracting(Job::name).containsExactly("orphan");
    assertThat(bed.job("orphan").error()).isEqualTo("the job was never started: no executor took it within 0 seconds"
        + " of its submission (the process meant to run it did not start; see the mloop log)");
    assertThat(bed.run(queued).info().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void theDefaultGraceIsTwoMinutes() {
    assertThat(JobReaper.DEFAULT_QUEUED_GRACE).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aQueuedJobClaimedByADeadProcessFails() throws IOException {
    bed.queue("claimed", "echo never");
    Executor dead = new Executor(ProcessIdentity.host(), deadPid(), 1);
    bed.store.jobs().updateJob("claimed", j -> j.withExecutor(dead));

    List<Job> reaped = new JobReaper(bed.store, null, null).reap();

    assertThat(reaped).extracting(Job::error).singleElement().asString().contains("ended while the job was Queued");
  }

  /** The pid of a process that has ended. */
  static long deadPid() throws IOException {
    Process p = new ProcessBuilder("true").start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return p.pid();
  }
}
