package org.mloop.app;

import java.nio.file.Path;
import org.mloop.core.MloopException;

/**
 * The entry point of a job's executor JVM: {@code java -cp ... org.mloop.app.ExecutorMain
 * --workspace DIR NAME} does what {@code mloop job execute --workspace DIR NAME} does, without
 * building the model of the whole command line first. Picocli reads the annotations of every
 * command (and its classes, compiled for Java 5, can be neither archived nor verified quickly):
 * a few hundred milliseconds that every job would wait for.
 */
public final class ExecutorMain {
  private ExecutorMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    Path workspace = null;
    String name = null;
    for (int i = 0; i < args.length; i++) {
      if ((args[i].equals("--workspace") || args[i].equals("-w")) && i + 1 < args.length) {
        workspace = Path.of(args[++i]);
      } else if (name == null && !args[i].startsWith("-")) {
        name = args[i];
      } else {
        return usage("unexpected argument '" + args[i] + "'");
      }
    }
    if (workspace == null || name == null) {
      return usage("both --workspace DIR and the job NAME are required");
    }
    try {
      return ExecutorProcess.execute(workspace, name);
    } catch (RuntimeException e) {
      System.err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      if (System.getenv("MLOOP_DEBUG") != null) {
        e.printStackTrace();
      }
      return e instanceof MloopException ? 2 : 1;
    }
  }

  private static int usage(String problem) {
    System.err.println("error: " + problem + "\nusage: ExecutorMain --workspace DIR NAME (runs one Queued job; internal)");
    return 2;
  }
}
