package org.mloop.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the CLI in-process as a user would type it, capturing what it prints. */
final class Cli {
  record Result(int exitCode, String out, String err) {}

  private final String workspace;

  Cli(String workspace) {
    this.workspace = workspace;
  }

  /** Runs `mloop ARGS --workspace W`; the workspace option goes last, as on a command line. */
  synchronized Result run(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (workspace != null) {
      all.add("--workspace");
      all.add(workspace);
    }
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      // Commands print to the writers given to Main.run; what else reaches System.out/err (log lines) is kept too.
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(writer(out), writer(err), all.toArray(String[]::new));
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static PrintWriter writer(ByteArrayOutputStream bytes) {
    return new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
  }
}
