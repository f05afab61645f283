package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobEnvironment;
import org.mloop.core.jobs.JobInput;
import org.mloop.core.jobs.JobOutput;
import org.mloop.core.jobs.JobPaths;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.jobs.compute.CommandLaunch;
import org.mloop.jobs.compute.ComputeTarget;
import org.mloop.jobs.compute.ComputeTargets;
import org.mloop.jobs.compute.LocalCompute;
import org.mloop.jobs.compute.LocalProcess;
import org.mloop.jobs.compute.RunningCommand;

/**
 * A job's {@code compute} picks, by name, the compute target that runs its command from the
 * executor's registry; everything around the command (inputs, outputs, log, status, run, cancel)
 * is the executor's and the same on every target. The second target here exists for these tests
 * only and uses nothing but the public extension point (it sits in another package).
 */
class ComputeTargetsTest {
  /** The probe each job prints: which shell ran it, whether it inherited this process's HOME, its run. */
  static final String PROBE = "echo \"shell=$0 home=${HOME:-unset}\"; echo \"$MLOOP_RUN_ID\" > ${{outputs.out}}/run.txt;"
      + " cat ${{inputs.data}}/rows.csv > ${{outputs.out}}/rows.csv";

  @TempDir Path dir;
  JobTestbed bed;
  Path scripts;
  /** An executor with the standard targets and the test's "script" target. */
  JobExecutor executor;
  ResolvedInput rows;

  @BeforeEach
  void open() {
    bed = new JobTestbed(dir);
    rows = bed.dataAsset("rows", "uri_folder", Map.of("rows.csv", "x\n1\n"));
    scripts = dir.resolve("scripts");
    executor = new JobExecutor(bed.store, bed.artifacts, bed.scratch,
        () -> new JobExecutor.Tracking(JobTestbed.TRACKING_URI, JobTestbed.TOKEN),
        ComputeTargets.standard().with(new ScriptCompute(scripts)));
  }

  @AfterEach
  void close() {
    bed.close();
  }

  static JobSpec spec(String command, String compute) {
    return JobSpec.builder().experimentName(JobTestbed.EXPERIMENT).command(command)
        .inputs(Map.of("data", new JobInput("uri_folder", "mloop:rows@latest", null, null)))
        .outputs(Map.of("out", new JobOutput("uri_folder", null)))
        .environment(new JobEnvironment("jvm-17", Map.of())).compute(compute).build();
  }

  Job queue(String name, String command, String compute) {
    return bed.queue(name, spec(command, compute), Map.of("data", rows), null);
  }

  @Test
  void aJobThatNamesNoTargetOrLocalRunsWithBashOnThisMachineAsBefore() {
    Job unnamed = queue("unnamed", PROBE, null);
    Job local = queue("local", PROBE, "local");

    for (Job queued : List.of(unnamed, local)) {
      Job job = executor.execute(queued.name());

      assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.Completed);
      assertThat(bed.artifactText(JobPaths.log(job.name()))).startsWith("shell=bash home=")
          .doesNotContain("home=unset");
      assertThat(bed.artifactText("jobs/" + job.name() + "/outputs/out/run.txt")).isEqualTo(queued.runId() + "\n");
      assertThat(bed.artifactText("jobs/" + job.name() + "/outputs/out/rows.csv")).isEqualTo("x\n1\n");
      assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.FINISHED);
    }
    assertThat(scripts).as("the script target was not used").doesNotExist();
  }

  @Test
  void theJobsComputeNameChoosesTheTargetThatRunsItsCommand() {
    Job queued = queue("on-script", PROBE, "script");

    Job job = executor.execute("on-script");

    assertThat(job.status()).as(job.error()).isEqualTo(JobStatus.Completed);
    assertThat(job.exitCode()).isZero();
    assertThat(bed.artifactText(JobPaths.log("on-script")))
        .as("run by sh from the target's script file, in an environment of the launch's variables only")
        .isEqualTo("shell=" + scripts.resolve("on-script.sh") + " home=unset\n");
    assertThat(bed.artifactText("jobs/on-script/outputs/out/run.txt")).isEqualTo(queued.runId() + "\n");
    assertThat(bed.artifactText("jobs/on-script/outputs/out/rows.csv")).as("the input materialized as on local")
        .isEqualTo("x\n1\n");
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(bed.scratch.jobDir("on-script")).as("scratch cleaned up").doesNotExist();
  }

  @Test
  void theTargetsExitStatusDecidesTheOutcome() {
    queue("failing-script", "echo first; echo bad >&2; exit 4", "script");

    Job job = executor.execute("failing-script");

    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.exitCode()).isEqualTo(4);
    assertThat(job.error()).isEqualTo("the command exited with code 4; last lines of its log:\nfirst\nbad");
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aCancelStopsTheCommandThroughTheTargetsHandle() {
    Path pidFile = dir.resolve("sleep.pid");
    queue("sleepy-script", "sleep 300 & echo $! > " + pidFile + "; wait", "script");
    CompletableFuture<Job> execution = CompletableFuture.supplyAsync(() -> executor.execute("sleepy-script"));
    ProcessHandle sleep = ProcessHandle.of(Long.parseLong(JobTestbed.awaitFile(pidFile))).orElseThrow();

    executor.cancel("sleepy-script");
    Job job = execution.join();

    assertThat(job.status()).isEqualTo(JobStatus.Canceled);
    assertThat(sleep.onExit().join().isAlive()).isFalse();
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.KILLED);
    assertThat(bed.artifactText(JobPaths.log("sleepy-script")))
        .contains("mloop: canceled: the command and its child processes were stopped");
  }

  @Test
  void anUnknownTargetIsRefusedAtSubmissionNamingTheKnownOnes() {
    try (InProcessJobRunner runner = new InProcessJobRunner(bed.store, executor, 1)) {
      LocalWorkspace workspace = new LocalWorkspace(dir.toString(), bed.store, bed.artifacts, runner,
          new JobLogReader(bed.store.jobs(), bed.artifacts, bed.scratch));
      JobSpec gpu = spec("echo never", "gpu-cluster").toBuilder().inputs(Map.of()).build();

      assertThatThrownBy(() -> workspace.jobs().create(JobSubmission.withoutCode(gpu, "refused")))
          .isInstanceOfSatisfying(MloopException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
          .hasMessage("compute: 'gpu-cluster' is not available: the compute targets are local, script; write one of"
              + " them, or leave compute out to run on local");
      assertThat(bed.store.jobs().getJob("refused")).as("nothing recorded").isEmpty();
      assertThat(bed.store.tracking().getExperimentByName(JobTestbed.EXPERIMENT)).as("no experiment or run created").isEmpty();

      JobSpec script = spec("echo \"shell=$0\"", "script").toBuilder().inputs(Map.of()).outputs(Map.of()).build();
      workspace.jobs().create(JobSubmission.withoutCode(script, "accepted"));
      Job accepted = bed.awaitJob("accepted", j -> j.status().terminal(), "terminal");

      assertThat(accepted.status()).as(accepted.error()).isEqualTo(JobStatus.Completed);
      assertThat(bed.artifactText(JobPaths.log("accepted"))).isEqualTo("shell=" + scripts.resolve("accepted.sh") + "\n");
    }
  }

  @Test
  void aJobNamingATargetItsExecutorLacksFailsBeforeItsCommandRuns() {
    queue("elsewhere", "touch " + dir.resolve("ran"), "script");

    Job job = bed.executor.execute("elsewhere"); // the standard targets only

    assertThat(job.status()).isEqualTo(JobStatus.Failed);
    assertThat(job.startedAt()).as("never Running").isNull();
    assertThat(job.error()).isEqualTo("could not start the job: compute: 'script' is not available: the compute"
        + " targets are local; write one of them, or leave compute out to run on local");
    assertThat(dir.resolve("ran")).doesNotExist();
    assertThat(bed.run(job).info().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void theRegistryKnowsEachTargetByOneWellFormedName() {
    assertThat(ComputeTargets.standard().names()).containsExactly("local");
    assertThat(executor.computeTargets().names()).containsExactly("local", "script");
    assertThat(executor.computeTargets().get("script")).isInstanceOf(ScriptCompute.class);
    try (InProcessJobRunner runner = new InProcessJobRunner(bed.store, executor, 1)) {
      assertThat(runner.computeTargets()).as("what submissions are checked against").containsExactly("local", "script");
    }

    assertThatThrownBy(() -> ComputeTargets.standard().with(new LocalCompute()))
        .hasMessage("compute target 'local' is already registered (LocalCompute)");
    assertThatThrownBy(() -> ComputeTargets.standard().with(new ScriptCompute(scripts) {
      @Override
      public String name() {
        return "my cluster";
      }
    })).hasMessage("bad compute target name 'my cluster': use letters, digits, '.', '-' and '_', starting with a"
        + " letter or digit");
  }

  /**
   * A second compute target, for these tests only: it writes the command to a script file and runs
   * that with POSIX sh (dash on Debian, not bash) in an environment holding the launch's variables
   * and nothing inherited, through the same local process handle a spark-submit target would use.
   */
  static class ScriptCompute implements ComputeTarget {
    private final Path scripts;

    ScriptCompute(Path scripts) {
      this.scripts = scripts;
    }

    @Override
    public String name() {
      return "script";
    }

    @Override
    public RunningCommand launch(CommandLaunch launch) throws IOException {
      Files.createDirectories(scripts);
      Path script = scripts.resolve(launch.jobName() + ".sh");
      Files.writeString(script, launch.command() + "\n");
      return LocalProcess.start(List.of("/bin/sh", script.toString()), launch.workDir(), env -> {
        env.clear();
        env.putAll(launch.variables());
      }, launch.log());
    }
  }
}
