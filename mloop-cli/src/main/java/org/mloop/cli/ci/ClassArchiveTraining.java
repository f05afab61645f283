package org.mloop.cli.ci;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mloop.app.WorkspaceServer;
import org.mloop.cli.Main;
import org.mloop.core.files.FileTrees;

/**
 * What the JVM that records the installed mloop's class-data archive runs ({@link InstalledClassArchive}):
 * the calls a workflow step makes of a workspace server, against a throw-away workspace served on a free
 * loopback port, so that the archive holds the classes a step's `mloop` call loads (the commands, the
 * HTTP client, JSON, tables and error messages). Its output is discarded; only the classes matter.
 */
public final class ClassArchiveTraining {
  /** Calls of the workflow scripts, reads and refused writes (nothing to deploy in an empty workspace). */
  private static final List<List<String>> CALLS = List.of(
      List.of("endpoint", "list"),
      List.of("endpoint", "list", "--output", "json"),
      List.of("model", "list", "--output", "json"),
      List.of("job", "list"),
      List.of("data", "list"),
      List.of("monitor", "list"),
      List.of("model", "show", "diabetes@production"),
      List.of("job", "show", "no-such-job", "--output", "json"),
      List.of("model", "register", "--name", "diabetes", "--from-job", "no-such-job", "--output-name", "model_output",
          "--tag", "git_sha=0", "--output", "json"),
      List.of("model", "compare", "--candidate", "diabetes:1", "--champion", "diabetes@production",
          "--data", "mloop:holdout@latest", "--metric", "AUC"),
      List.of("endpoint", "rollout", "--name", "diabetes-staging", "--model", "diabetes:1", "--alias", "staging",
          "--output", "json"));

  private ClassArchiveTraining() {}

  /**
   * A job file with its code folder. Not in a git repository: after JGit has read a repository's status,
   * Java 17's dump of the archive crashes (in adjust_lambda_proxy_class_dictionary), so those classes
   * still load from the jar.
   */
  private static Path trainingJob(Path project) throws Exception {
    Path job = Files.createDirectories(project.resolve("model")).resolve("job.yml");
    Files.writeString(job, String.join("\n", "type: command", "code: .", "command: echo ${{inputs.training_data}}",
        "inputs:", "  training_data:", "    type: uri_folder", "    path: mloop:no-such-data@latest",
        "environment:", "  name: jvm-17", ""));
    return job;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("mloop-class-training");
    Path job = trainingJob(dir.resolve("project"));
    try (WorkspaceServer server = WorkspaceServer.Options.builder(dir.resolve("workspace")).port(0).start();
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter())) {
      for (List<String> call : CALLS) {
        List<String> args1 = new ArrayList<>(call);
        args1.addAll(List.of("--workspace", server.url()));
        Main.run(nowhere, nowhere, args1.toArray(String[]::new));
      }
      // a training step's submission: the code folder snapshotted, then refused by the server (no such
      // data asset), so nothing runs
      Main.run(nowhere, nowhere, "job", "create", "--file", job.toString(), "--stream", "--output", "json",
          "--workspace", server.url());
    } finally {
      FileTrees.deleteTree(dir);
    }
    System.exit(0); // the server's threads would keep the JVM, and the archive is written at exit
  }
}
