package org.mloop.cli.ci;

import java.nio.file.Path;
import java.util.Map;
import org.mloop.cli.quickstart.PushLoop;

/** Runs `mloop ...` in-process capturing what it prints, and the git CLI in a folder. */
final class CiCli {
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private CiCli() {}

  /** Runs `mloop ARGS` in this JVM (the quickstart's runner), keeping what it prints. */
  static Result mloop(String... args) {
    PushLoop.Captured c = PushLoop.mloop(args);
    return new Result(c.code(), c.out(), c.err());
  }

  /** Runs git in {@code dir} (the quickstart's runner); fails when git fails, with git's output. */
  static String git(Path dir, String... args) {
    return PushLoop.git(dir, args);
  }

  static String gitWithEnv(Path dir, Map<String, String> env, String... args) {
    return PushLoop.git(dir, env, args);
  }
}
