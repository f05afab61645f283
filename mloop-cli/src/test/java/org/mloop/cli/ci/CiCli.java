package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.mloop.cli.quickstart.PushLoopHarness;
import org.mloop.core.json.Json;

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
    var c = PushLoopHarness.mloop(args);
    return new Result(c.code(), c.out(), c.err());
  }

  /** Runs git in {@code dir} (the quickstart's runner); fails when git fails, with git's output. */
  static String git(Path dir, String... args) {
    return PushLoopHarness.git(dir, args);
  }

  static String gitWithEnv(Path dir, Map<String, String> env, String... args) {
    return PushLoopHarness.git(dir, env, args);
  }

  /** The runs of a push-hooked bare repository, newest first, once {@code count} exist and the newest completed. */
  static JsonNode awaitRuns(Path bare, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (true) {
      Result list = mloop("ci", "list", "--repo", bare.toString(), "--output", "json");
      if (list.exitCode() == 0) {
        JsonNode runs = Json.mapper().readTree(list.out());
        if (runs.size() >= count && "completed".equals(runs.get(0).path("status").asText())) {
          return runs;
        }
      }
      assertThat(System.currentTimeMillis()).as("%d runs, the newest completed, within 120 s; hook logs:\n%s", count,
          hookLogs(bare.resolve("mloop-ci"))).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /** Every log of the push hook's runs in a CI home, each under its file name. */
  static String hookLogs(Path ciHome) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> logs = Files.list(ciHome.resolve("hook-logs"))) {
      for (Path log : logs.sorted().toList()) {
        all.append("== ").append(log.getFileName()).append('\n').append(Files.readString(log));
      }
    }
    return all.toString();
  }
}
