package org.mloop.ci.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.ci.workflow.Event;

/**
 * What GitHub's runner tells a job about where it runs: the {@code github} and {@code runner}
 * contexts of its expressions and the variables every step's process gets (GITHUB_*, RUNNER_*),
 * plus the local runner's own two. {@code workspace} and {@code temp} are the job's folders, {@code ciHome}
 * the runner's home.
 */
record GithubEnvironment(Path repository, Event event, int runNumber, String jobId, String workflowName,
    Path workspace, Path temp, Path ciHome) {
  /**
   * The RUNNER_TRACKING_ID of the job's processes: those still carrying it when the job ends are
   * stopped ({@link OrphanProcesses}).
   */
  String trackingId() {
    return "mloop_" + runNumber + "_" + jobId;
  }

  /** The {@code github} context of this job. */
  Map<String, Object> githubContext() {
    return githubContext(repository, event, runNumber, jobId, workspace);
  }

  /** The {@code runner} context. */
  Map<String, Object> runnerContext() {
    Map<String, Object> runner = new LinkedHashMap<>();
    runner.put("os", "Linux");
    runner.put("arch", "X64");
    runner.put("name", "mloop-local");
    runner.put("temp", temp.toString());
    runner.put("environment", "self-hosted");
    return runner;
  }

  /**
   * A step's process environment before its own env: this process's (without GIT_*), then the
   * variables GitHub sets for every step.
   */
  Map<String, String> processEnvironment(Map<String, String> stepEnv) {
    Map<String, String> env = inheritedEnvironment();
    env.putAll(stepEnv);
    env.putAll(variables());
    return env;
  }

  /**
   * This process's environment without git's GIT_* variables: a runner started from a git hook has
   * GIT_DIR and friends pointing at the bare repository, which would redirect every git command of a step.
   */
  static Map<String, String> inheritedEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    System.getenv().forEach((k, v) -> {
      if (!k.startsWith("GIT_")) {
        env.put(k, v);
      }
    });
    return env;
  }

  /** The environment variables GitHub sets for every step, and the local runner's two. */
  Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("CI", "true");
    vars.put("GITHUB_ACTIONS", "true");
    vars.put("GITHUB_WORKSPACE", workspace.toString());
    vars.put("GITHUB_SHA", nullToEmpty(event.after()));
    vars.put("GITHUB_REF", nullToEmpty(event.ref()));
    vars.put("GITHUB_REF_NAME", nullToEmpty(event.branch()));
    vars.put("GITHUB_EVENT_NAME", nullToEmpty(event.name()));
    vars.put("GITHUB_RUN_ID", Integer.toString(runNumber));
    vars.put("GITHUB_RUN_NUMBER", Integer.toString(runNumber));
    vars.put("GITHUB_RUN_ATTEMPT", "1");
    vars.put("GITHUB_REPOSITORY", repositoryName(repository));
    vars.put("GITHUB_JOB", jobId);
    vars.put("GITHUB_ACTOR", actor());
    vars.put("GITHUB_WORKFLOW", workflowName);
    vars.put("RUNNER_TEMP", temp.toString());
    vars.put("RUNNER_OS", "Linux");
    vars.put("RUNNER_ARCH", "X64");
    vars.put("RUNNER_NAME", "mloop-local");
    vars.put("RUNNER_TRACKING_ID", trackingId());
    // mloop's own: GitHub never sets them, so a step can tell the local runner apart and start another
    // workflow in the same CI home (`mloop ci run --repo $MLOOP_CI_REPOSITORY --ci-home $MLOOP_CI_HOME`)
    vars.put("MLOOP_CI_HOME", ciHome.toString());
    vars.put("MLOOP_CI_REPOSITORY", repository.toString());
    return vars;
  }

  /** The {@code github} context; {@code workspace} is null before a job has one. */
  static Map<String, Object> githubContext(Path repository, Event event, int runNumber, String jobId,
      Path workspace) {
    Map<String, Object> github = new LinkedHashMap<>();
    github.put("event_name", nullToEmpty(event.name()));
    github.put("ref", nullToEmpty(event.ref()));
    github.put("ref_name", nullToEmpty(event.branch()));
    github.put("sha", nullToEmpty(event.after()));
    github.put("repository", repositoryName(repository));
    github.put("repository_owner", "local");
    github.put("workspace", workspace == null ? "" : workspace.toString());
    github.put("run_id", Integer.toString(runNumber));
    github.put("run_number", Integer.toString(runNumber));
    github.put("run_attempt", "1");
    github.put("actor", actor());
    github.put("job", jobId == null ? "" : jobId);
    github.put("server_url", "");
    boolean pullRequest = "pull_request".equals(event.name());
    github.put("base_ref", pullRequest ? nullToEmpty(event.branch()) : "");
    github.put("head_ref", "");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("before", nullToEmpty(event.before()));
    payload.put("after", nullToEmpty(event.after()));
    payload.put("ref", nullToEmpty(event.ref()));
    payload.put("inputs", new LinkedHashMap<String, Object>(event.inputs()));
    github.put("event", payload);
    return github;
  }

  static String repositoryName(Path repository) {
    Path name = repository.getFileName();
    String s = name == null ? "repository" : name.toString();
    return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
  }

  private static String actor() {
    return nullToEmpty(System.getProperty("user.name"));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
