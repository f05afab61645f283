package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.app.WorkspaceServer;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.RunRecord;
import org.mloop.core.json.Json;
import org.mloop.runtime.testing.ModelFolders;

/**
 * Production as train-deploy.yml's blue/green promotion leaves it after two promotions, set up
 * directly with CLI commands (no training, no push loop): a workspace server holding diabetes
 * versions 1 and 2, the endpoint diabetes-prod with deployment m1-r1-1 at 0% and m2-r2-1 at 100%, and
 * diabetes@production moved from 1 to 2. Beside it, a git repository holding the project's workflow
 * scripts, its rollback.yml and sample request, and at its root the `mloop` launcher a checkout runs
 * (on GitHub, the project's ./mloop; here this build, optionally with a fault in front of it), plus
 * the local runner's settings (the server's URL as the MLOOP_WORKSPACE secret, production approved
 * automatically).
 */
final class ProductionFixture implements AutoCloseable {
  static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
  static final String ENDPOINT = "diabetes-prod";
  static final String OLD = "m1-r1-1";
  static final String NEW = "m2-r2-1";

  private final WorkspaceServer server;
  private final Path repo;

  private ProductionFixture(WorkspaceServer server, Path repo) {
    this.server = server;
    this.repo = repo;
  }

  /**
   * Production after two promotions, and a repository whose ./mloop runs FAULT (bash, may be empty)
   * before this build's mloop: e.g. {@code case "$*" in "model alias set "*) exit 1;; esac}.
   */
  static ProductionFixture start(Path temp, String fault) throws IOException {
    WorkspaceServer server = WorkspaceServer.start(temp.resolve("ws"));
    try {
      ProductionFixture f = new ProductionFixture(server, temp.resolve("project"));
      f.registerVersion(temp, 1);
      f.registerVersion(temp, 2);
      f.ok("endpoint", "create", "--name", ENDPOINT);
      f.ok("deployment", "create", "--endpoint", ENDPOINT, "--name", OLD, "--model", "diabetes:1");
      f.ok("model", "alias", "set", "--name", "diabetes", "--alias", "production", "--version", "1",
          "--reason", "blue/green on diabetes-prod as " + OLD + " (run 1)");
      f.ok("deployment", "create", "--endpoint", ENDPOINT, "--name", NEW, "--model", "diabetes:2", "--traffic", "0");
      f.ok("endpoint", "update", "--name", ENDPOINT, "--traffic", NEW + "=100," + OLD + "=0");
      f.ok("model", "alias", "set", "--name", "diabetes", "--alias", "production", "--version", "2",
          "--reason", "blue/green on diabetes-prod as " + NEW + " (run 2)");
      f.createRepository(fault);
      return f;
    } catch (IOException | RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** Registers the next diabetes version: a small logistic model on synthetic patients. */
  void registerVersion(Path temp, int seed) throws IOException {
    Path dir = ModelFolders.write(temp.resolve("model-" + seed),
        ModelFolders.logistic(ModelFolders.patients(seed, 300)), ModelFolders.patients(seed + 100, 3));
    ok("model", "register", "--name", "diabetes", "--path", dir.toString());
  }

  private void createRepository(String fault) throws IOException {
    for (String file : List.of(".github/workflows/rollback.yml", ".github/scripts/lib.sh", ".github/scripts/promote",
        ".github/scripts/rollback", "model/sample-request.json")) {
      Path to = repo.resolve(file);
      Files.createDirectories(to.getParent());
      Files.copy(PROJECT.resolve(file), to, StandardCopyOption.COPY_ATTRIBUTES);
    }
    String launcher = CiInstallHookCommand.launcher(CiInstallHookCommand.java(), CiInstallHookCommand.classPath());
    Files.writeString(repo.resolve("mloop"), launcher.replaceFirst("(?m)^exec ",
        java.util.regex.Matcher.quoteReplacement(fault.isBlank() ? "" : fault + "\n") + "exec "));
    repo.resolve("mloop").toFile().setExecutable(true);
    Files.writeString(repo.resolve(".gitignore"), ".mloop-ci/\n");
    Files.createDirectories(repo.resolve(".mloop-ci"));
    Files.writeString(repo.resolve(".mloop-ci/settings.yml"), String.join("\n",
        "secrets:",
        "  MLOOP_WORKSPACE: '" + url() + "'",
        "environments:",
        "  production: {required_approval: true, auto_approve: true}",
        ""));
    CiCli.git(repo.getParent(), "init", "-q", repo.toString());
    commit("Production's workflows");
  }

  /** Adds a workflow file to the repository and commits it. */
  Path addWorkflow(String name, String text) throws IOException {
    Path file = repo.resolve(".github/workflows").resolve(name);
    Files.writeString(file, text);
    commit("Workflow " + name);
    return file;
  }

  private void commit(String message) {
    CiCli.git(repo, "add", ".");
    CiCli.git(repo, "commit", "-q", "-m", message);
  }

  String url() {
    return server.url();
  }

  /** `mloop ci run --event workflow_dispatch --workflow FILE --input ...`, as a person runs it by hand. */
  CiCli.Result dispatch(String workflow, String... inputs) {
    List<String> args = new ArrayList<>(List.of("ci", "run", "--event", "workflow_dispatch", "--repo",
        repo.toString(), "--workflow", repo.resolve(".github/workflows").resolve(workflow).toString()));
    for (String input : inputs) {
      args.add("--input");
      args.add(input);
    }
    return CiCli.mloop(args.toArray(String[]::new));
  }

  RunRecord run(int number) {
    return runs().read(number);
  }

  String summary(int number, String job) {
    return runs().summary(number, job);
  }

  String log(int number, String job) {
    return runs().log(number, job);
  }

  private CiRuns runs() {
    return new CiRuns(repo.resolve(".mloop-ci"));
  }

  /** diabetes-prod's live split: deployment to percent, every deployment named (0 included). */
  Map<String, Integer> traffic() throws IOException {
    JsonNode endpoint = json("endpoint", "show", "--name", ENDPOINT);
    Map<String, Integer> traffic = new LinkedHashMap<>();
    endpoint.path("deployments").forEach(d -> traffic.put(d.path("name").asText(), 0));
    endpoint.path("traffic").fields().forEachRemaining(e -> traffic.put(e.getKey(), e.getValue().asInt()));
    return traffic;
  }

  /** The version diabetes@production points at. */
  int production() throws IOException {
    return json("model", "show", "diabetes@production").path("modelVersion").path("version").asInt();
  }

  /** The moves of diabetes@production, oldest first. */
  List<JsonNode> productionHistory() throws IOException {
    List<JsonNode> moves = new ArrayList<>();
    json("model", "history", "diabetes", "--alias", "production").forEach(moves::add);
    return moves;
  }

  CiCli.Result ok(String... args) {
    CiCli.Result result = workspaceCall(args);
    assertThat(result.exitCode()).as("mloop " + String.join(" ", args) + ":\n" + result.all()).isZero();
    return result;
  }

  private JsonNode json(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--output", "json"));
    return Json.mapper().readTree(ok(all.toArray(String[]::new)).out());
  }

  private CiCli.Result workspaceCall(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--workspace", url()));
    return CiCli.mloop(all.toArray(String[]::new));
  }

  @Override
  public void close() {
    server.close();
  }
}
