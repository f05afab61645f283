package org.mloop.ci.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.mloop.ci.workflow.Event;
import org.mloop.core.workspace.Workspace;

/**
 * What an action sees of its job: the job's workspace (GITHUB_WORKSPACE), the repository the event
 * happened in, the event, its evaluated {@code with} inputs, the step's environment, and the ways
 * back: log lines, outputs ({@code steps.<id>.outputs}), masks, env for later steps, PATH entries
 * and the job summary.
 */
public final class ActionContext {
  private final int runNumber;
  private final String jobId;
  private final String uses;
  private final Path workspace;
  private final Path runnerTemp;
  private final Path runDirectory;
  private final Path repository;
  private final Event event;
  private final Map<String, String> inputs;
  private final Map<String, String> env;
  private final Consumer<String> logger;
  final Map<String, String> outputs = new LinkedHashMap<>();
  final Map<String, String> exportedEnv = new LinkedHashMap<>();
  final java.util.List<String> addedPath = new java.util.ArrayList<>();
  final StringBuilder summary = new StringBuilder();
  private final Masker masker;
  private final WorkspaceOpener workspaces;
  private final String artifactKey;

  ActionContext(int runNumber, String jobId, String uses, Path workspace, Path runnerTemp, Path runDirectory,
      Path repository, Event event, Map<String, String> inputs, Map<String, String> env, Consumer<String> logger,
      Masker masker, WorkspaceOpener workspaces, String artifactKey) {
    this.runNumber = runNumber;
    this.jobId = jobId;
    this.uses = uses;
    this.workspace = workspace;
    this.runnerTemp = runnerTemp;
    this.runDirectory = runDirectory;
    this.repository = repository;
    this.event = event;
    this.inputs = Map.copyOf(inputs);
    this.env = Map.copyOf(env);
    this.logger = logger;
    this.masker = masker;
    this.workspaces = workspaces;
    this.artifactKey = artifactKey;
  }

  public int runNumber() {
    return runNumber;
  }

  public String jobId() {
    return jobId;
  }

  /** The step's {@code uses:} value as written, e.g. "actions/checkout@v4". */
  public String uses() {
    return uses;
  }

  /** The job's working copy (GITHUB_WORKSPACE); empty until a checkout fills it. */
  public Path workspace() {
    return workspace;
  }

  /** RUNNER_TEMP: a job-private scratch folder. */
  public Path runnerTemp() {
    return runnerTemp;
  }

  /** {@code runs/<N>} under the CI home: room for what a run keeps on this machine (caches live beside it). */
  public Path runDirectory() {
    return runDirectory;
  }

  /** This CI home's key in a workspace's artifact store: artifacts go to {@code ci/KEY/RUN/NAME/}. */
  public String artifactKey() {
    return artifactKey;
  }

  /**
   * The mloop workspace of this step: the one its {@code MLOOP_WORKSPACE} (and {@code MLOOP_TOKEN})
   * names, else the runner's (`mloop ci run --workspace`). The caller closes it.
   *
   * @param why what the action keeps there, for the message when no workspace is configured
   * @throws IllegalStateException saying how to configure one, when there is none
   */
  public Workspace openWorkspace(String why) {
    return workspaces.open(env, workspace).orElseThrow(() -> new IllegalStateException(uses + " keeps " + why
        + " in the mloop workspace's artifact store, and this step has no workspace: set MLOOP_WORKSPACE (a server "
        + "URL, with MLOOP_TOKEN, or a workspace directory) in the workflow's env, e.g. `env: MLOOP_WORKSPACE: "
        + "${{ secrets.MLOOP_WORKSPACE }}`, or pass --workspace to `mloop ci run`"));
  }

  /** The git repository the event happened in (a bare repository for a push hook). */
  public Path repository() {
    return repository;
  }

  public Event event() {
    return event;
  }

  /** Every {@code with:} input, expressions evaluated. */
  public Map<String, String> inputs() {
    return inputs;
  }

  /** A {@code with:} input, or "" when not given (GitHub's getInput). */
  public String input(String name) {
    return inputs.getOrDefault(name, "");
  }

  public String input(String name, String defaultValue) {
    String value = inputs.get(name);
    return value == null || value.isEmpty() ? defaultValue : value;
  }

  /** The step's environment: process env, GitHub's variables, and the workflow's, job's and step's env. */
  public Map<String, String> env() {
    return env;
  }

  /** A line in the job's log (masked). */
  public void log(String line) {
    logger.accept(line);
  }

  /** Sets {@code steps.<id>.outputs.<name>}. */
  public void setOutput(String name, String value) {
    outputs.put(name, value);
  }

  /** Hides {@code value} as *** in every later log line. */
  public void addMask(String value) {
    masker.add(value);
  }

  /** Like a line in $GITHUB_ENV: visible to the job's later steps. */
  public void exportVariable(String name, String value) {
    exportedEnv.put(name, value);
  }

  /** Like a line in $GITHUB_PATH: prepended to PATH for the job's later steps. */
  public void addPath(String directory) {
    addedPath.add(directory);
  }

  /** Like writing to $GITHUB_STEP_SUMMARY: markdown appended to the job summary. */
  public void appendSummary(String markdown) {
    summary.append(markdown);
  }
}
