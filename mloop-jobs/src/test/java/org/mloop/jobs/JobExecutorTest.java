package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobInput;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunStatus;

class JobExecutorTest {
  @TempDir Path dir;
  JobTestbed bed;

  @BeforeEach
  void open() {
    bed = new JobTestbed(dir);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  Path code(Map<String, String> files) throws IOException {
    Path code = dir.resolve("code");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = code.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return code;
  }

  @Test
  void theTrackingServerIsAskedForOnceTheJobIsPreparedAndItsUrlReachesTheCommand() {
    bed.queue("late-server", JobTestbed.spec("echo \"$MLOOP_TRACKING_URI $MLOOP_TOKEN\""), Map.of(), null);
    List<JobStatus> statusWhenAsked = new java.util.ArrayList<>();
    JobExecutor executor = new JobExecutor(bed.store, bed.artifacts, bed.scratch, () -> {
      statusWhenAsked.add(bed.job("late-server").status());
      return new JobExecutor.Tracking("http://127.0.0.1:6001", "late-token");
    });

    Job job = executor.execute("late-server");

    assertThat(job.status()).isEqualTo(JobStatus.Completed);
    assertThat(statusWhenAsked).containsExactly(JobStatus.Starting);
    assertThat(bed.artifactText(JobPaths.log("late-server"))).isEqualTo("http://127.0.0.1:6001 late-token\n");
  }

  @Test
  void aTrackingServerThatDidNotStartFailsTheJobBeforeItsCommandRuns() {
    bed.queue("no-server", JobTestbed.spec("echo should not run"), Map.of(), null);
    JobExecutor executor = new JobExecutor(bed.store, bed.artifacts, bed.scratch, () -> {
      throw new IllegalStateException("cannot listen on 127.0.0.1:0");
    });

    Job job = executor.execute("no-server");

    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.startedAt()).as("never Running").isNull();
    assertThat(job.error()).isEqualTo("could not start the job: the tracking server the command would log to did not"
        + " start: IllegalStateException: cannot listen on 127.0.0.1:0");
    assertThat(bed.artifactText(JobPaths.log("no-server"))).doesNotContain("should not run");
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aJobThatEchoesAndWritesAnOutputCompletes() throws IOException {
    Path code = code(Map.of("greeting.txt", "hello from the code snapshot\n", ".mloopignore", "*.tmp\n",
        "scratch.tmp", "left out"));
    bed.queue("echo-job", JobTestbed.spec(
        "cat greeting.txt; ls; echo \"run $MLOOP_RUN_ID\" > ${{outputs.model}}/run.txt; mkdir ${{outputs.model}}/sub;"
            + " echo nested > ${{outputs.model}}/sub/n.txt; echo to stderr >&2",
        Map.of(), List.of("model"), Map.of()), Map.of(), code);

    Job job = bed.executor.execute("echo-job");

    assertThat(job.status()).isEqualTo(JobStatus.Completed);
    assertThat(job.exitCode()).isZero();
    assertThat(job.error()).isNull();
    assertThat(job.startedAt()).isNotNull();
    assertThat(job.endedAt()).isGreaterThanOrEqualTo(job.startedAt());
    assertThat(job.executor().pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(job.outputs()).isEqualTo(Map.of("model", "jobs/echo-job/outputs/model"));
    assertThat(job.commandLine()).as("resolved and quoted")
        .contains("'" + bed.scratch.outputDir("echo-job", "model").toString().replace("'", "'\\''") + "'/run.txt");
    assertThat(bed.artifactText("jobs/echo-job/outputs/model/run.txt")).isEqualTo("run " + job.runId() + "\n");
    assertThat(bed.artifactText("jobs/echo-job/outputs/model/sub/n.txt")).isEqualTo("nested\n");
    String log = bed.artifactText(JobPaths.log("echo-job"));
    assertThat(log).contains("hello from the code snapshot", "greeting.txt", "to stderr").doesNotContain("scratch.tmp");
    Run run = bed.run(job);
    assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.info().endTime()).isEqualTo(job.endedAt());
    assertThat(bed.job("echo-job")).isEqualTo(job);
    assertThat(bed.scratch.jobDir("echo-job")).as("scratch cleaned up").doesNotExist();
  }

  @Test
  void theEnvironmentOfTheCommand() {
    Job queued = bed.queue("env-job", JobTestbed.spec(
        "env > ${{outputs.env}}/env.txt; command -v java > ${{outputs.env}}/java.txt", Map.of(), List.of("env"),
        Map.of("SEED", "42")), Map.of(), null);

    Job job = bed.executor.execute("env-job");

    assertThat(job.status()).isEqualTo(JobStatus.Completed);
    List<String> env = bed.artifactText("jobs/env-job/outputs/env/env.txt").lines().toList();
    assertThat(env).contains(
        "SEED=42",
        "MLOOP_JOB_NAME=env-job",
        "MLOOP_RUN_ID=" + queued.runId(),
        "MLFLOW_RUN_ID=" + queued.runId(),
        "MLFLOW_EXPERIMENT_ID=" + queued.experimentId(),
        "MLOOP_TRACKING_URI=" + JobTestbed.TRACKING_URI,
        "MLFLOW_TRACKING_URI=" + JobTestbed.TRACKING_URI,
        "MLOOP_TOKEN=" + JobTestbed.TOKEN,
        "MLFLOW_TRACKING_TOKEN=" + JobTestbed.TOKEN,
        "JAVA_HOME=" + System.getProperty("java.home"));
    assertThat(env).anyMatch(l -> l.startsWith("PATH=" + Path.of(System.getProperty("java.home"), "bin") + ":"));
    assertThat(bed.artifactText("jobs/env-job/outputs/env/java.txt").trim())
        .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  @Test
  void aFailingCommandEndsFailedWithItsExitCodeAndLastLogLines() {
    bed.queue("failing", "for i in $(seq 1 30); do echo line$i; done; echo boom >&2; exit 3");

    Job job = bed.executor.execute("failing");

    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.exitCode()).isEqualTo(3);
    assertThat(job.error()).startsWith("the command exited with code 3; last lines of its log:\nline12\n")
        .endsWith("line30\nboom")
        .doesNotContain("line11\n");
    assertThat(bed.artifactText(JobPaths.log("failing"))).startsWith("line1\n");
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.FAILED);
    assertThat(bed.run(job).info().endTime()).isEqualTo(job.endedAt());
  }

  @Test
  void aCommandKilledBySignalSaysSo() {
    bed.queue("killed", "kill -9 $$");

    Job job = bed.executor.execute("killed");

    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.exitCode()).isEqualTo(137);
    assertThat(job.error()).isEqualTo("the command exited with code 137 (killed by signal 9, for example for lack "
        + "of memory); it printed nothing");
  }

  @Test
  void aDataInputResolvesToARealFolderWithTheAssetsFiles() {
    ResolvedInput folder = bed.dataAsset("diabetes-dev-folder", "uri_folder",
        Map.of("diabetes.csv", "PatientID,Diabetic\n1,0\n", "more/part 2.csv", "PatientID,Diabetic\n2,1\n"));
    ResolvedInput file = bed.dataAsset("one-file", "uri_file", Map.of("it's one.csv", "x\n"));
    Map<String, JobInput> inputs = new LinkedHashMap<>();
    inputs.put("training_data", new JobInput("uri_folder", "mloop:diabetes-dev-folder@latest", null, null));
    inputs.put("single", new JobInput("uri_file", "mloop:one-file:1", null, null));
    inputs.put("reg_rate", new JobInput("number", null, "0.01", null));
    bed.queue("data-job", JobTestbed.spec("cd ${{inputs.training_data}} && find . -type f | sort > ${{outputs.out}}/files.txt"
            + " && cat ${{inputs.single}} > ${{outputs.out}}/single.txt"
            + " && echo \"rate=${{inputs.reg_rate}}\" > ${{outputs.out}}/rate.txt", inputs, List.of("out"), Map.of()),
        Map.of("training_data", folder, "single", file,
            "reg_rate", new ResolvedInput("number", null, null, null, null, "0.5")), null);

    Job job = bed.executor.execute("data-job");

    assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.Completed);
    assertThat(bed.artifactText("jobs/data-job/outputs/out/files.txt")).isEqualTo("./diabetes.csv\n./more/part 2.csv\n");
    assertThat(bed.artifactText("jobs/data-job/outputs/out/single.txt")).isEqualTo("x\n");
    assertThat(bed.artifactText("jobs/data-job/outputs/out/rate.txt")).as("the resolved value wins").isEqualTo("rate=0.5\n");
  }

  @Test
  void theSharedDiabetesFixturesCanBeAnInput() throws IOException {
    String shared = System.getProperty("mloop.shared.data");
    Path first = shared == null ? null : Path.of(shared, "diabetes", "fixtures", "first.csv");
    assumeTrue(first != null && Files.exists(first),
        "skipped: the shared data folder (system property mloop.shared.data, ../shared/data) has no diabetes/fixtures");
    ResolvedInput input = bed.dataAsset("fixtures", "uri_folder", Map.of("first.csv", Files.readString(first)));
    bed.queue("fixtures-job", JobTestbed.spec("head -1 ${{inputs.data}}/first.csv > ${{outputs.out}}/header.txt",
        Map.of("data", new JobInput("uri_folder", "mloop:fixtures@latest", null, null)), List.of("out"), Map.of()),
        Map.of("data", input), null);

    Job job = bed.executor.execute("fixtures-job");

    assertThat(bed.artifactText("jobs/fixtures-job/outputs/out/header.txt")).isEqualTo("index,first,last\n");
    assertThat(job.status()).isEqualTo(JobStatus.Completed);
  }

  @Test
  void aMissingInputFailsBeforeTheCommandStartsSayingWhich() {
    bed.queue("no-data", JobTestbed.spec("echo never",
            Map.of("training_data", new JobInput("uri_folder", "mloop:gone@latest", null, null)), List.of(), Map.of()),
        Map.of("training_data", new ResolvedInput("uri_folder", "gone", 3, "abc", "data/gone/abc", null)), null);

    Job job = bed.executor.execute("no-data");

    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.exitCode()).isNull();
    assertThat(job.startedAt()).as("the command never ran").isNull();
    assertThat(job.error()).isEqualTo("could not start the job: input 'training_data' (mloop:gone:3): data/gone/abc "
        + "is missing from the artifact store");
    assertThat(bed.artifactText(JobPaths.log("no-data"))).contains("mloop: could not start the job: input "
        + "'training_data'");
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void anUnresolvedDataInputFails() {
    bed.queue("unresolved", JobTestbed.spec("echo ${{inputs.d}}",
        Map.of("d", new JobInput("uri_folder", "mloop:x@latest", null, null)), List.of(), Map.of()), Map.of(), null);

    assertThat(bed.executor.execute("unresolved").error()).isEqualTo("could not start the job: input 'd' "
        + "(mloop:x@latest) was not resolved to a data asset version when the job was submitted");
  }

  @Test
  void aMissingCodeSnapshotFails() throws IOException {
    Job queued = bed.queue("no-code", JobTestbed.spec("cat a.txt"), Map.of(), code(Map.of("a.txt", "a")));
    bed.artifacts.delete(queued.code().artifactPath());

    Job job = bed.executor.execute("no-code");

    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.error()).isEqualTo("could not start the job: the code snapshot " + queued.code().artifactPath()
        + " (1 files) is missing from the artifact store");
  }

  @Test
  void aJobCanceledBeforeItStartsNeverRuns() {
    bed.queue("early-cancel", "touch " + dir.resolve("ran"));

    Job canceled = JobExecutor.requestCancel(bed.store, "early-cancel");
    Job job = bed.executor.execute("early-cancel");

    assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
    assertThat(job.status()).isEqualTo(JobStatus.Canceled);
    assertThat(dir.resolve("ran")).doesNotExist();
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.KILLED);
  }

  @Test
  void aJobIsExecutedOnce() {
    bed.queue("once", "echo once");

    Job first = bed.executor.execute("once");
    Job second = bed.executor.execute("once");

    assertThat(first.status()).isEqualTo(JobStatus.Completed);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void cancelingARunningJobStopsItsProcessesAndEndsItCanceled() {
    Path pidFile = dir.resolve("sleep.pid");
    Map<String, String> vars = Map.of("PID_FILE", pidFile.toString());
    bed.queue("sleeper", JobTestbed.spec("echo going to sleep; sleep 300 & echo $! > \"$PID_FILE\"; wait",
        Map.of(), List.of(), vars), Map.of(), null);
    CompletableFuture<Job> execution = CompletableFuture.supplyAsync(() -> bed.executor.execute("sleeper"));
    long sleepPid = Long.parseLong(JobTestbed.awaitFile(pidFile));
    ProcessHandle sleep = ProcessHandle.of(sleepPid).orElseThrow();

    Job canceled = bed.executor.cancel("sleeper");
    Job job = execution.join();

    assertThat(canceled.status()).isEqualTo(JobStatus.Canceled);
    assertThat(job.status()).isEqualTo(JobStatus.Canceled);
    assertThat(sleep.onExit().join().isAlive()).isFalse();
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.KILLED);
    assertThat(bed.run(job).info().endTime()).isNotNull();
    assertThat(bed.artifactText(JobPaths.log("sleeper"))).startsWith("going to sleep\n")
        .contains("mloop: canceled: the command and its child processes were stopped");
  }

  @Test
  void aCancelFromAnotherProcessIsNoticedThroughTheStore() {
    Path pidFile = dir.resolve("sleep.pid");
    bed.queue("remote-cancel", JobTestbed.spec("sleep 300 & echo $! > \"$PID_FILE\"; wait",
        Map.of(), List.of(), Map.of("PID_FILE", pidFile.toString())), Map.of(), null);
    CompletableFuture<Job> execution = CompletableFuture.supplyAsync(() -> bed.executor.execute("remote-cancel"));
    ProcessHandle sleep = ProcessHandle.of(Long.parseLong(JobTestbed.awaitFile(pidFile))).orElseThrow();

    JobExecutor.requestCancel(bed.store, "remote-cancel"); // what another process (the CLI) does
    Job job = execution.join();

    assertThat(job.status()).isEqualTo(JobStatus.Canceled);
    assertThat(sleep.onExit().join().isAlive()).isFalse();
  }

  @Test
  void twoJobsAtOnceBothCompleteWithTheirOwnOutputs() {
    String command = "sleep 1; echo \"$MLOOP_JOB_NAME\" > ${{outputs.out}}/name.txt";
    bed.queue("left", JobTestbed.spec(command, Map.of(), List.of("out"), Map.of()), Map.of(), null);
    bed.queue("right", JobTestbed.spec(command, Map.of(), List.of("out"), Map.of()), Map.of(), null);
    try (InProcessJobRunner runner = new InProcessJobRunner(bed.store, bed.executor, 2)) {
      runner.start(bed.job("left"));
      runner.start(bed.job("right"));

      Job left = bed.awaitJob("left", j -> j.status().terminal(), "terminal");
      Job right = bed.awaitJob("right", j -> j.status().terminal(), "terminal");

      assertThat(left.status()).isEqualTo(JobStatus.Completed);
      assertThat(right.status()).isEqualTo(JobStatus.Completed);
      assertThat(bed.artifactText("jobs/left/outputs/out/name.txt")).isEqualTo("left\n");
      assertThat(bed.artifactText("jobs/right/outputs/out/name.txt")).isEqualTo("right\n");
    }
  }

  @Test
  void theInProcessRunnerCancels() {
    Path pidFile = dir.resolve("sleep.pid");
    bed.queue("runner-cancel", JobTestbed.spec("sleep 300 & echo $! > \"$PID_FILE\"; wait",
        Map.of(), List.of(), Map.of("PID_FILE", pidFile.toString())), Map.of(), null);
    try (InProcessJobRunner runner = new InProcessJobRunner(bed.store, bed.executor, 1)) {
      runner.start(bed.job("runner-cancel"));
      ProcessHandle sleep = ProcessHandle.of(Long.parseLong(JobTestbed.awaitFile(pidFile))).orElseThrow();

      runner.cancel("runner-cancel");

      assertThat(sleep.onExit().join().isAlive()).isFalse();
      assertThat(bed.awaitJob("runner-cancel", j -> bed.artifacts.exists(JobPaths.log("runner-cancel")), "logged")
          .status()).isEqualTo(JobStatus.Canceled);
    }
  }

  @Test
  void closingTheRunnerFailsRunningAndWaitingJobs() {
    Path pidFile = dir.resolve("sleep.pid");
    bed.queue("busy", JobTestbed.spec("sleep 300 & echo $! > \"$PID_FILE\"; wait",
        Map.of(), List.of(), Map.of("PID_FILE", pidFile.toString())), Map.of(), null);
    bed.queue("waiting", "echo never");
    InProcessJobRunner runner = new InProcessJobRunner(bed.store, bed.executor, 1);
    runner.start(bed.job("busy"));
    runner.start(bed.job("waiting"));
    JobTestbed.awaitFile(pidFile);
    assertThat(bed.job("waiting").executor()).as("claimed while it waits").isNotNull();

    runner.close();

    assertThat(bed.job("busy").status()).isEqualTo(JobStatus.Failed);
    assertThat(bed.job("busy").error()).isEqualTo("the mloop server stopped while the job was running");
    assertThat(bed.job("waiting").status()).isEqualTo(JobStatus.Failed);
    assertThat(bed.job("waiting").error()).isEqualTo("the mloop server stopped before the job started");
  }

  @Test
  void theLogIsReadableWhileTheJobRunsAndFromTheStoreAfterwards() {
    Path pidFile = dir.resolve("sleep.pid");
    bed.queue("chatty", JobTestbed.spec("echo first line; echo ünïcödé; sleep 300 & echo $! > \"$PID_FILE\"; wait",
        Map.of(), List.of(), Map.of("PID_FILE", pidFile.toString())), Map.of(), null);
    JobLogReader reader = new JobLogReader(bed.store.jobs(), bed.artifacts, bed.scratch);
    assertThat(reader.read("chatty", 0, 1000)).isEqualTo(new LogChunk("", 0, 0, false, JobStatus.Queued));
    CompletableFuture<Job> execution = CompletableFuture.supplyAsync(() -> bed.executor.execute("chatty"));
    JobTestbed.awaitFile(pidFile);

    LogChunk running = reader.read("chatty", 0, 1000);
    LogChunk partial = reader.read("chatty", 0, 21); // cuts inside the final "é": stops before it
    assertThat(Files.exists(reader.logFile("chatty"))).isTrue();
    bed.executor.cancel("chatty");
    execution.join();
    LogChunk stored = reader.read("chatty", running.nextOffset(), 1000);
    LogChunk end = reader.read("chatty", stored.nextOffset(), 1000);

    assertThat(running.text()).isEqualTo("first line\nünïcödé\n");
    assertThat(running.complete()).isFalse();
    assertThat(partial.text()).isEqualTo("first line\nünïcöd");
    assertThat(partial.nextOffset()).isEqualTo(20);
    assertThat(stored.text()).startsWith("mloop: canceled");
    assertThat(stored.complete()).isTrue();
    assertThat(end).isEqualTo(new LogChunk("", stored.nextOffset(), stored.nextOffset(), true, JobStatus.Canceled));
    assertThat(reader.read("chatty", 0, 1000).text()).startsWith("first line\nünïcödé\nmloop: canceled");
  }

  @Test
  void wholeCharactersStopBeforeACutCharacter() {
    byte[] text = "aé€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes

    assertThat(JobLogReader.wholeCharacters(java.util.Arrays.copyOf(text, 10))).isEqualTo(10);
    assertThat(JobLogReader.wholeCharacters(java.util.Arrays.copyOf(text, 9))).isEqualTo(6);
    assertThat(JobLogReader.wholeCharacters(java.util.Arrays.copyOf(text, 7))).isEqualTo(6);
    assertThat(JobLogReader.wholeCharacters(java.util.Arrays.copyOf(text, 5))).isEqualTo(3);
    assertThat(JobLogReader.wholeCharacters(java.util.Arrays.copyOf(text, 2))).isEqualTo(1);
    assertThat(JobLogReader.wholeCharacters(java.util.Arrays.copyOf(text, 1))).isEqualTo(1);
  }
}
