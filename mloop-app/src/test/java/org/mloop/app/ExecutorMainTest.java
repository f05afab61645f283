package org.mloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor JVM's entry point: `--workspace DIR NAME`, as the CLI's job runner launches it. */
class ExecutorMainTest {
  @TempDir Path dir;

  @Test
  void withoutAWorkspaceOrANameItExplainsItsUsage() {
    assertThat(run("some_job")).startsWith("2 error: both --workspace DIR and the job NAME are required");
    assertThat(run("--workspace", dir.toString())).startsWith("2 error: both --workspace DIR and the job NAME");
    assertThat(run("--workspace", dir.toString(), "a", "b")).startsWith("2 error: unexpected argument 'b'");
  }

  @Test
  void anUnknownJobIsAnErrorThatNamesIt() {
    assertThat(run("--workspace", dir.resolve("ws").toString(), "no_such_job"))
        .startsWith("2 error: ").contains("no_such_job");
  }

  /** Exit code and what it printed on stderr. */
  private static String run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = ExecutorMain.run(args);
      return code + " " + err.toString(StandardCharsets.UTF_8);
    } finally {
      System.setErr(old);
    }
  }
}
