package org.mloop.ci.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.mloop.ci.expr.Contexts;
import org.mloop.ci.workflow.Step;
import org.mloop.ci.workflow.WorkflowJob;

/**
 * Runs a {@code run:} step as GitHub's runner does: the script written to the job's temp folder and
 * run by its shell in the working directory, with the file commands ($GITHUB_OUTPUT, $GITHUB_ENV,
 * $GITHUB_PATH, $GITHUB_STEP_SUMMARY) read back when it ends; stopped at its timeout or a cancel. It
 * runs in the job's {@code workspace} (or the step's working-directory below it) and writes to {@code temp}.
 */
record ScriptStep(ExpressionEngine expressions, WorkflowJob job, Path workspace, Path temp, JobOutput output,
    JobTimeouts timeouts, BooleanSupplier cancelled, OrphanProcesses processes) {
  /** What a step run without shell: (and without defaults.run.shell) runs under, as on GitHub's Linux runners. */
  static final String UNSPECIFIED_SHELL = "bash -e {0}";

  /**
   * Runs step number {@code index} (0-based) with {@code processEnv} (the step's whole environment,
   * PATH included) and its expression {@code contexts}.
   */
  StepResult run(int index, Step step, Map<String, String> processEnv, Contexts contexts)
      throws IOException, InterruptedException {
    String script = expressions.interpolate(step.run(), contexts);
    // GitHub: with no shell anywhere, bash -e (no pipefail); "shell: bash" adds -o pipefail
    String shell = step.shell() != null ? step.shell() : job.defaultShell() != null ? job.defaultShell()
        : UNSPECIFIED_SHELL;
    String dir = step.workingDirectory() != null ? step.workingDirectory() : job.defaultWorkingDirectory();
    Path cwd = workspace;
    if (dir != null && !dir.isBlank()) {
      cwd = workspace.resolve(expressions.interpolate(dir, contexts).strip()).normalize();
      if (!Files.isDirectory(cwd)) {
        String why = "working-directory '" + dir + "' does not exist in the job's workspace (" + cwd + ")";
        output.log("##[error]" + why);
        return StepResult.of(new StepOutcome(false, false, Map.of(), why));
      }
    }
    String extension = shell.strip().startsWith("python") ? ".py" : ".sh";
    Path scriptFile = temp.resolve("step-" + (index + 1) + extension);
    Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
    List<String> command = command(shell, scriptFile);

    Path files = temp.resolve("_file_commands");
    Files.createDirectories(files);
    Path outputFile = emptyFile(files.resolve("output_" + (index + 1)));
    Path envFile = emptyFile(files.resolve("env_" + (index + 1)));
    Path pathFile = emptyFile(files.resolve("path_" + (index + 1)));
    Path summary = emptyFile(files.resolve("step_summary_" + (index + 1)));

    Map<String, String> env = new java.util.LinkedHashMap<>(processEnv);
    env.put("GITHUB_OUTPUT", outputFile.toString());
    env.put("GITHUB_ENV", envFile.toString());
    env.put("GITHUB_PATH", pathFile.toString());
    env.put("GITHUB_STEP_SUMMARY", summary.toString());

    Duration timeout = timeouts.forStep(step, step.timeoutMinutes() == null ? null
        : expressions.interpolate(step.timeoutMinutes(), contexts));
    // GitHub: a step that starts after the cancel (its if: is always() or cancelled()) runs to completion;
    // only a cancel that arrives while a step runs stops it
    boolean cancelledBefore = cancelled.getAsBoolean();
    BooleanSupplier cancelledSinceStart = () -> !cancelledBefore && cancelled.getAsBoolean();
    ScriptProcess.Result result = ScriptProcess.run(command, cwd, env, timeout, cancelledSinceStart,
        output::scriptLine, processes.spawned());
    boolean jobTimedOut = false;
    String reason;
    if (result.cancelled()) {
      reason = "the run was cancelled";
      output.log("##[error]the run was cancelled; the step's processes were stopped");
    } else if (result.timedOut()) {
      jobTimedOut = timeouts.deadlinePassed();
      reason = jobTimedOut ? "the job exceeded its timeout-minutes " + timeouts.jobTimeout()
          : "the step exceeded its timeout-minutes " + step.timeoutMinutes();
      output.log("##[error]" + reason + "; the step's processes were stopped");
    } else {
      reason = "exit code " + result.exitCode();
      if (result.exitCode() != 0) {
        output.log("##[error]Process completed with exit code " + result.exitCode() + ".");
      }
    }
    Map<String, String> outputs = FileCommands.readPairs(outputFile, "GITHUB_OUTPUT");
    return new StepResult(new StepOutcome(result.succeeded(), jobTimedOut, outputs, reason),
        FileCommands.readPairs(envFile, "GITHUB_ENV"), FileCommands.readLines(pathFile),
        Files.readString(summary, StandardCharsets.UTF_8));
  }

  static boolean supportedShell(String shell) {
    String s = shell.strip();
    return s.contains("{0}") || s.equals("bash") || s.equals("sh") || s.equals("python");
  }

  /** GitHub's shells: bash (-eo pipefail), sh (-e), python, or a custom "cmd {0}" (unspecified: bash -e {0}). */
  private static List<String> command(String shell, Path file) {
    String s = shell.strip();
    if (s.contains("{0}")) {
      return Arrays.stream(s.split("\\s+")).map(part -> part.replace("{0}", file.toString())).toList();
    }
    return switch (s) {
      case "bash" -> List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString());
      case "sh" -> List.of("sh", "-e", file.toString());
      case "python" -> List.of("python3", file.toString());
      default -> throw new IllegalArgumentException("shell '" + s + "' is not supported by the local runner; "
          + "use bash, sh, python or a command with {0}");
    };
  }

  private static Path emptyFile(Path file) throws IOException {
    Files.writeString(file, "");
    return file;
  }
}
