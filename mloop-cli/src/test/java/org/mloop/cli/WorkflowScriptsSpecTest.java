package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow scripts' `mloop` (.github/scripts/lib.sh): $MLOOP_CLI when the runner sets it, else
 * the `mloop` on PATH, else the checkout's ./mloop launcher (GitHub, where it builds the CLI once).
 */
class WorkflowScriptsSpecTest {
  private static final Path LIB = Path.of("../.github/scripts/lib.sh").toAbsolutePath().normalize();

  @TempDir Path temp;

  @Test
  void theScriptsUseTheRunnersMloopFirstThenTheOneOnPathThenTheCheckoutsLauncher() throws Exception {
    Path runner = fake("runner/mloop", "runner");
    Path onPath = fake("bin/mloop", "path");

    assertThat(mloopVersion(Map.of("MLOOP_CLI", runner.toString(), "PATH", onPath.getParent() + ":/usr/bin:/bin")))
        .isEqualTo("runner --version");
    assertThat(mloopVersion(Map.of("PATH", onPath.getParent() + ":/usr/bin:/bin"))).isEqualTo("path --version");
    assertThat(mloopCli(Map.of("PATH", "/usr/bin:/bin")))
        .isEqualTo(LIB.getParent().getParent().getParent().resolve("mloop").toString());
  }

  @Test
  void everyStepsMloopCallStartsAsAShortLivedJvmUnlessTheRunnerSaysOtherwise() throws Exception {
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");

    assertThat(bash(env, "source '" + LIB + "'; echo \"$MLOOP_JAVA_OPTS\""))
        .isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    assertThat(bash(Map.of("PATH", "/usr/bin:/bin", "MLOOP_JAVA_OPTS", "-Xmx1g"),
        "source '" + LIB + "'; echo \"$MLOOP_JAVA_OPTS\"")).isEqualTo("-Xmx1g");
  }

  @Test
  void aFailingCommandInAStepPrintsItselfItsCallAndItsLineNeverAnEmptyLog() throws Exception {
    Path runner = script("runner/mloop", "echo 'no such model' >&2; exit 3\n");
    Path step = temp.resolve("step.sh");
    Files.writeString(step, String.join("\n", "source '" + LIB + "'", "MLOOP_CLI='" + runner + "'",
        "version=\"$(mloop model show diabetes:7 --output json)\"", "echo not reached", ""));

    Result result = run(Map.of("PATH", "/usr/bin:/bin"), "bash '" + step + "'");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).doesNotContain("not reached")
        .contains("no such model")
        .contains("error: exit code 3 from `\"$MLOOP_CLI\" \"$@\" in mloop model show diabetes:7 --output json`")
        .contains("step.sh:3")
        .contains("error: exit code 3 from `version=\"$(mloop model show diabetes:7 --output json)\"` at " + step + ":3");
  }

  @Test
  void aFailingPipelineNamesTheStatusOfEachOfItsCommands() throws Exception {
    Result result = run(Map.of("PATH", "/usr/bin:/bin"),
        "source '" + LIB + "'\nls " + temp.resolve("nothing") + "/*.jsa | tail -n +6\necho not reached");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).doesNotContain("not reached")
        .contains("from `tail -n +6 (in a pipeline whose commands exited 2 0)` at line 2");
  }

  private Path script(String relative, String body) throws IOException {
    Path file = temp.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private Path fake(String relative, String name) throws IOException {
    Path file = temp.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\necho " + name + " \"$@\"\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private String mloopVersion(Map<String, String> env) throws Exception {
    return bash(env, "source '" + LIB + "'; mloop --version");
  }

  private String mloopCli(Map<String, String> env) throws Exception {
    return bash(env, "source '" + LIB + "'; echo \"$MLOOP_CLI\"");
  }

  private static String bash(Map<String, String> env, String script) throws Exception {
    Result result = run(env, script);
    assertThat(result.exitCode()).as(result.out()).isZero();
    return result.out();
  }

  private record Result(int exitCode, String out) {}

  private static Result run(Map<String, String> env, String script) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", "-c", script)).redirectErrorStream(true);
    builder.environment().remove("MLOOP_CLI");
    builder.environment().remove("MLOOP_WORKSPACE");
    builder.environment().remove("MLOOP_JAVA_OPTS");
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
