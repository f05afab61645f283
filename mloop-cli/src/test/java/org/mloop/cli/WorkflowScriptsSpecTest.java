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
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", "-c", script)).redirectErrorStream(true);
    builder.environment().remove("MLOOP_CLI");
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
