package org.mloop.cli.quickstart;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;
import org.mloop.app.Workspaces;
import org.mloop.cli.Main;
import org.mloop.cli.endpoints.EndpointInvoker;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.RunStatus;
import org.mloop.core.MloopException;
import org.mloop.core.files.FolderWatch;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.workspace.Workspace;

/**
 * Push to production on this machine, as a team would set it up: a bare git repository with mloop's
 * push hook and a settings file (the workspace server's URL as the MLOOP_WORKSPACE secret, with
 * {@link EnvironmentTokens} each environment's least-privilege MLOOP_TOKEN, automatic approval for
 * development and staging, production's approval required unless asked otherwise), a
 * clone holding the project's .github/ and model/ (not the platform's sources: the hook's runs use
 * the mloop build that installed it, and the model jar named by the MLOOP_MODEL_JAR variable), and
 * the three data assets the workflows read, registered on the server.
 */
public final class PushLoop {
  public static final String PROD_ENDPOINT = "diabetes-prod";
  public static final String MODEL = "diabetes";
  private static final long RUN_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5);

  private final String url;
  private final Path bare;
  private final Path clone;
  private final Path ciHome;
  private final EnvironmentTokens tokens;

  /** What the production endpoint answered: the deployment and the model version it serves. */
  public record Served(String deployment, int version, String body) {}

  public PushLoop(Path root, String url) {
    this(root, url, null);
  }

  /**
   * With {@code tokens}, each environment of the settings file gets its own MLOOP_TOKEN secret and this
   * loop's own calls (data, scoring) use the operator token; without, they use $MLOOP_TOKEN if any.
   */
  public PushLoop(Path root, String url, EnvironmentTokens tokens) {
    this.tokens = tokens;
    this.url = url;
    this.bare = root.resolve("project.git").toAbsolutePath();
    this.clone = root.resolve("work").toAbsolutePath();
    this.ciHome = bare.resolve("mloop-ci");
  }

  public Path bare() {
    return bare;
  }

  public Path clone() {
    return clone;
  }

  public Path ciHome() {
    return ciHome;
  }

  public String url() {
    return url;
  }

  /**
   * The bare repository with the hook and settings, and a clone with the project's .github/ and
   * model/ committed on main (not pushed).
   */
  public void createRepository(Path project, Path modelJar, boolean autoApproveProduction) throws IOException {
    if (!Files.isRegularFile(modelJar)) {
      throw MloopException.invalid("model jar " + modelJar + " not found: build it first (./mvnw -q package -pl model -am)");
    }
    try {
      Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create the bare repository " + bare + ": " + e.getMessage(), e);
    }
    Files.createDirectories(ciHome);
    writeOwnerOnly(ciHome.resolve("settings.yml"), String.join("\n",
        "# written by mloop's push loop: the workflows' secrets, variables and environment rules"
            + (tokens == null ? "" : "; each environment's MLOOP_TOKEN has the least role it needs (docs/ci.md)"),
        "secrets:",
        "  MLOOP_WORKSPACE: '" + url + "'",
        "vars:",
        "  MLOOP_MODEL_JAR: '" + modelJar.toAbsolutePath() + "'",
        "environments:",
        "  development: {auto_approve: true" + tokenSecret("development") + "}",
        "  staging: {auto_approve: true" + tokenSecret("staging") + "}",
        "  production: {required_approval: true, auto_approve: " + autoApproveProduction + tokenSecret("production")
            + "}",
        "  monitoring: {auto_approve: true" + tokenSecret("monitoring") + "}",
        ""));
    Captured hook = mloop("ci", "install-hook", "--repo", bare.toString());
    if (hook.code() != 0) {
      throw new IllegalStateException("mloop ci install-hook failed:\n" + hook.text());
    }
    // a clone of the empty bare repository: a new repository on main with the bare one as origin
    try (Git git = Git.init().setInitialBranch("main").setDirectory(clone.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
      copyTree(project.resolve(".github"), clone.resolve(".github"));
      copyTree(project.resolve("model"), clone.resolve("model"));
      Files.writeString(clone.resolve(".gitignore"), "target/\n");
      commitAll(git, "The diabetes model and its workflows");
    } catch (GitAPIException | URISyntaxException e) {
      throw new IllegalStateException("cannot create the clone " + clone + ": " + e.getMessage(), e);
    }
  }

  /** `git add -A` and a commit as the data scientist when anything changed; returns the commit of HEAD. */
  private static String commitAll(Git git, String message) throws GitAPIException, IOException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    if (git.status().call().hasUncommittedChanges()) {
      PersonIdent scientist = new PersonIdent("Data Scientist", "ds@example.org");
      git.commit().setMessage(message).setAuthor(scientist).setCommitter(scientist).setSign(false).call();
    }
    return git.getRepository().resolve("HEAD").name();
  }

  private String tokenSecret(String environment) {
    return tokens == null ? "" : ", secrets: {MLOOP_TOKEN: '" + tokens.environments().get(environment) + "'}";
  }

  /** The settings hold tokens: readable by their owner only, as the workspace key file. */
  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text);
  }

  /** The workspace with this loop's own token (the operator's), else $MLOOP_TOKEN. */
  public Workspace workspace() {
    return tokens == null ? Workspaces.open(url) : Workspaces.open(url, tokens.operator());
  }

  /** Synthetic dev, prod and held-out data registered as the assets the workflows name. */
  public void registerData(Path scratch, int devRows, int prodRows, int holdoutRows) throws IOException {
    try (Workspace ws = workspace()) {
      register(ws, scratch, "diabetes-dev-folder", 1, devRows, "development");
      register(ws, scratch, "diabetes-prod-folder", 2, prodRows, "production training");
      register(ws, scratch, "diabetes-holdout-folder", 3, holdoutRows, "the champion gate (held out)");
    }
  }

  private static void register(Workspace ws, Path scratch, String name, long seed, int rows, String what)
      throws IOException {
    Path dir = scratch.resolve(name);
    new DiabetesSynthesizer(seed).write(dir.resolve("diabetes.csv"), rows);
    ws.data().create(name, dir, "Synthetic diabetes data for " + what + " (" + rows + " rows)",
        Map.of("source", "mloop data synth"));
  }

  /** Sets inputs.reg_rate in the clone's model/job.yml. */
  public void setRegRate(String regRate) throws IOException {
    Path job = clone.resolve("model/job.yml");
    String text = Files.readString(job);
    String changed = text.replaceFirst("(?m)^(\\s*reg_rate:\\s*).*$", "$1" + regRate);
    if (changed.equals(text) && !text.matches("(?s).*reg_rate:\\s*" + java.util.regex.Pattern.quote(regRate) + ".*")) {
      throw new IllegalStateException("no inputs.reg_rate line in " + job);
    }
    Files.writeString(job, changed);
  }

  /** Commits what changed in the clone and pushes main; returns the pushed commit and git's output. */
  public Pushed commitAndPush(String message) throws IOException {
    String sha;
    try (Git git = Git.open(clone.toFile())) {
      sha = commitAll(git, message);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot commit in " + clone + ": " + e.getMessage(), e);
    }
    // The git binary pushes: JGit would not run the bare repository's post-receive hook, which starts CI.
    String output = git(clone, Map.of(), "push", "origin", "HEAD:main");
    return new Pushed(sha, output);
  }

  public record Pushed(String sha, String output) {}

  /** The run the hook started for commit SHA, once it exists (woken by the runs folder changing). */
  public RunRecord awaitRun(String sha) {
    return watch(Duration.ofSeconds(60), this::runsBeingCreated, () -> runFor(sha))
        .orElseThrow(() -> new IllegalStateException("no CI run started for " + sha + " within 60 s; hook logs:\n"
            + hookLogs()));
  }

  /** The runs folder and the folders of runs without a record yet, where the next record appears. */
  private List<Path> runsBeingCreated() {
    Path runs = ciHome.resolve("runs");
    List<Path> folders = new ArrayList<>(List.of(runs));
    if (Files.isDirectory(runs)) {
      try (Stream<Path> children = Files.list(runs)) {
        children.filter(p -> p.getFileName().toString().matches("\\d{1,9}") && !Files.exists(p.resolve("run.json")))
            .forEach(folders::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
      }
    }
    return folders;
  }

  private Optional<RunRecord> runFor(String sha) {
    if (!Files.isDirectory(ciHome.resolve("runs"))) {
      return Optional.empty();
    }
    return new CiRuns(ciHome).list().stream().filter(r -> r.event() != null && sha.equals(r.event().after()))
        .findFirst();
  }

  /** The run's record once it waits for an approval of ENVIRONMENT, or once it completed. */
  public RunRecord awaitWaitingOrDone(int number, String environment) {
    return await(number, r -> r.status() == RunStatus.COMPLETED || r.jobs().values().stream()
        .anyMatch(j -> j.status() == RunStatus.WAITING && environment.equals(j.environment())));
  }

  /** The run's record once it completed. */
  public RunRecord awaitCompleted(int number) {
    return await(number, r -> r.status() == RunStatus.COMPLETED);
  }

  /** Waits for the run's record to satisfy {@code done}, woken each time the runner rewrites it. */
  private RunRecord await(int number, java.util.function.Predicate<RunRecord> done) {
    CiRuns runs = new CiRuns(ciHome);
    return watch(Duration.ofMillis(RUN_TIMEOUT_MS), () -> List.of(runs.runDirectory(number)), () -> {
      RunRecord run = runs.read(number);
      if (done.test(run)) {
        return Optional.of(run);
      }
      if (run.status() != RunStatus.COMPLETED && !CiRuns.runnerAlive(run) && run.runnerPid() != null) {
        throw new IllegalStateException("CI run " + number + " stopped without completing; hook logs:\n"
            + hookLogs());
      }
      return Optional.<RunRecord>empty();
    }).orElseThrow(() -> new IllegalStateException("CI run " + number + " still " + runs.read(number).status()
        + " after " + RUN_TIMEOUT_MS / 1000 + " s; hook logs:\n" + hookLogs()));
  }

  private static <T> Optional<T> watch(Duration timeout, java.util.function.Supplier<List<Path>> folders,
      java.util.function.Supplier<Optional<T>> check) {
    try {
      return FolderWatch.await(timeout, folders, check);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the CI run", e);
    }
  }

  /** `mloop ci approve N --environment ENV`, as the person who approves would. */
  public Captured approve(int number, String environment) {
    return mloop("ci", "approve", String.valueOf(number), "--environment", environment, "--repo", bare.toString(),
        "--comment", "looks good");
  }

  /** Scores the sample request on the production endpoint through its traffic split. */
  public Served invokeProduction(Path sampleRequest) throws IOException {
    try (Workspace ws = workspace()) {
      EndpointInvoker.Response response = EndpointInvoker.invoke(ws, url, PROD_ENDPOINT, null,
          org.mloop.serving.protocol.Protocol.AZURE_SCORE, "application/json", Files.readAllBytes(sampleRequest));
      if (!response.ok()) {
        throw new IllegalStateException(PROD_ENDPOINT + " answered HTTP " + response.status() + ": " + response.body());
      }
      Deployment d = ws.endpoints().getDeployment(PROD_ENDPOINT, response.deployment());
      return new Served(response.deployment(), d.modelVersion(), response.body());
    }
  }

  /** The job logs of every run, for failure messages. */
  public String hookLogs() {
    StringBuilder all = new StringBuilder();
    Path logs = ciHome.resolve("hook-logs");
    if (Files.isDirectory(logs)) {
      try (Stream<Path> files = Files.list(logs)) {
        for (Path f : files.sorted().toList()) {
          String text = Files.readString(f);
          all.append("--- ").append(f.getFileName()).append('\n')
              .append(text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text);
        }
      } catch (IOException e) {
        all.append("(cannot read ").append(logs).append(": ").append(e.getMessage()).append(")");
      }
    }
    return all.toString();
  }

  /** What an in-process `mloop` command printed. */
  public record Captured(int code, String out, String err) {
    public String text() {
      return out + err;
    }
  }

  /** Runs `mloop ARGS` in this JVM on a command line of its own, keeping what it prints (no global stream swapped). */
  static Captured mloop(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Captured(code, out.toString(), err.toString());
  }

  /** The git binary in DIR with a fixed identity and extra environment variables for git and its hooks. */
  static String git(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Data Scientist", "-c",
        "user.email=ds@example.org", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(dir);
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git (is it installed?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    }
  }

  /** Copies a folder, leaving out build output (target/) and local state. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path rel = from.relativize(p);
        if (rel.toString().equals("target") || rel.startsWith("target")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
