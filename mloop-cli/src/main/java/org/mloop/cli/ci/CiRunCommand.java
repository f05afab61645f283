package org.mloop.cli.ci;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import org.mloop.app.LocalWorkspaces;
import org.mloop.app.Workspaces;
import org.mloop.ci.actions.BuiltinActions;
import org.mloop.ci.runner.CiRuns;
import org.mloop.ci.runner.Conclusion;
import org.mloop.ci.runner.RunRecord;
import org.mloop.ci.runner.RunnerSettings;
import org.mloop.ci.runner.WorkflowRunner;
import org.mloop.ci.runner.WorkflowSelection;
import org.mloop.ci.runner.WorkspaceOpener;
import org.mloop.ci.workflow.ChangedFiles;
import org.mloop.ci.workflow.Event;
import org.mloop.ci.workflow.InvalidWorkflow;
import org.mloop.ci.workflow.Workflow;
import org.mloop.ci.workflow.WorkflowException;
import org.mloop.ci.workflow.WorkflowFiles;
import org.mloop.ci.workflow.WorkflowParser;
import org.mloop.cli.Printer;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.MloopException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Run the workflows of .github/workflows that an event triggers, here, as GitHub Actions would.",
        "The workflow files are read from the repository AT THE EVENT'S COMMIT (--after, else --ref's tip, else HEAD), "
            + "so uncommitted edits do not count. For push, the changed files between --before and --after judge "
            + "`paths` filters (--before defaults to the commit's parent). Jobs print their steps and log lines as they "
            + "go; a job whose environment requires approval waits for `mloop ci approve`.",
        "An invalid workflow file (broken YAML, a schema error, an empty or binary file, an unsupported action) does "
            + "not stop the others: as on GitHub it is recorded as a failed run of its own, named by its path, with "
            + "every problem and its line, and the valid workflows the event triggers still run. Files of other "
            + "extensions than .yml and .yaml are not workflows (GitHub does not read them): they are listed, not run.",
        "Exit code: 0 when every triggered workflow succeeded (or none was triggered); 1 when a run failed, was "
            + "cancelled or rejected, or a workflow file is invalid (the valid workflows ran all the same); 2 when "
            + "the command itself is wrong (an unknown --ref, a missing required --input)."},
    footer = {"", "Examples:",
        "  mloop ci run --event push",
        "  mloop ci run --event push --ref main --before 1a2b3c4 --after 5d6e7f8 --repo /srv/git/project.git",
        "  mloop ci run --event workflow_dispatch --workflow .github/workflows/rollback.yml --input reason=incident"})
public final class CiRunCommand implements Callable<Integer> {
  enum EventName { push, pull_request, workflow_dispatch, schedule }

  @Mixin CiOptions options;

  @Option(names = "--event", required = true, paramLabel = "EVENT",
      description = "The event: ${COMPLETION-CANDIDATES}.")
  EventName event;

  @Option(names = "--ref", paramLabel = "REF",
      description = "The branch or tag (main, refs/heads/main); for pull_request, the base branch. Default: the "
          + "branch HEAD points at.")
  String ref;

  @Option(names = "--before", paramLabel = "SHA", description = "The commit before the push (all zeros: a new branch).")
  String before;

  @Option(names = "--after", paramLabel = "SHA", description = "The pushed commit (default: the tip of --ref, else HEAD).")
  String after;

  @Option(names = "--input", paramLabel = "KEY=VALUE", description = "A workflow_dispatch input (repeatable).")
  Map<String, String> inputs = new LinkedHashMap<>();

  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR|URL",
      description = "The mloop workspace that actions/upload-artifact and download-artifact keep artifacts in, for "
          + "steps whose env has no MLOOP_WORKSPACE (a step's MLOOP_WORKSPACE and MLOOP_TOKEN win: the workspace its "
          + "mloop commands use).")
  String workspace;

  @Option(names = "--workflow", paramLabel = "FILE",
      description = "Run only this workflow file (read from disk, not from the commit), when the event triggers it.")
  Path workflowFile;

  @Override
  public Integer call() throws IOException {
    Printer out = options.printer();
    PrintWriter progress = out.progress();
    GitRepo repo = options.repository();
    Event ev = event(repo);
    WorkflowFiles files = workflows(repo, ev);
    Path home = options.home();
    CiRuns runs = new CiRuns(home);
    List<Path> leftovers = runs.removeLeftoverTemp();
    if (!leftovers.isEmpty()) {
      progress.println("Removed the temp folders (step scripts) that " + leftovers.size()
          + " job(s) of stopped runs left behind: " + leftovers.stream().map(p -> home.relativize(p).toString())
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    WorkflowRunner runner = new WorkflowRunner(runs, repo.path(), BuiltinActions.registry(),
        new RunProgress(progress)).withWorkspaces(workspaces(workspace));
    List<InvalidWorkflow> invalid = new ArrayList<>(files.invalidFor(ev));
    List<Workflow> triggered = new ArrayList<>();
    for (Workflow w : WorkflowSelection.triggered(files.workflows(), ev)) {
      try {
        runner.check(w); // what the local runner cannot run (an unsupported action) makes the file invalid here
        triggered.add(w);
      } catch (WorkflowException e) {
        invalid.add(new InvalidWorkflow(w.file(), e, w.on()));
      }
    }
    for (Workflow w : triggered) {
      try {
        runner.check(w, ev);
      } catch (WorkflowException e) {
        // the command's own mistake (a required --input missing): nothing starts, nothing is recorded
        throw MloopException.invalid(e.getMessage());
      }
    }
    String what = ev.name() + (ev.ref() == null ? "" : " to " + ev.branch())
        + (ev.after() == null ? "" : " at " + CiViews.shortSha(ev.after()));
    if (!files.ignored().isEmpty()) {
      progress.println("Not read (GitHub reads only .yml and .yaml files in " + WorkflowParser.WORKFLOWS + "): "
          + files.ignored().stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
    }
    List<RunRecord> done = new ArrayList<>();
    for (InvalidWorkflow bad : invalid) {
      RunRecord run = runs.createInvalid(bad, ev);
      done.add(run);
      progress.println("Invalid workflow file " + bad.file() + " (run " + run.number() + ": failure):");
      bad.message().lines().forEach(line -> progress.println("  " + line));
    }
    if (triggered.isEmpty()) {
      int read = files.workflows().size() + files.invalid().size();
      progress.println((invalid.isEmpty() ? "No workflow is triggered by " : "No valid workflow is triggered by ")
          + what + " (" + read + " workflow file(s) read"
          + ("push".equals(ev.name()) ? "; changed files: " + summary(ev.changedFiles()) : "") + ").");
      if (out.json()) {
        out.json(done);
      }
      return invalid.isEmpty() ? 0 : 1;
    }
    RunnerSettings settings = RunnerSettings.load(options.settingsFile());
    for (Workflow w : triggered) {
      progress.println("Workflow " + w.displayName() + " (" + w.file() + ") for " + what + ", CI home " + home);
      RunRecord run = runner.run(w, ev, settings);
      done.add(run);
      progress.println("Run " + run.number() + " " + w.displayName() + ": " + run.conclusion()
          + CiViews.duration(run.startedAt(), run.endedAt())
          + (run.error() == null ? "" : System.lineSeparator() + run.error()));
    }
    if (out.json()) {
      out.json(done);
    }
    return done.stream().allMatch(r -> r.conclusion() == Conclusion.SUCCESS) ? 0 : 1;
  }

  /**
   * The workspace of a step: its MLOOP_WORKSPACE (a directory relative to the job's working copy, as its
   * mloop commands would read it) with its MLOOP_TOKEN, else --workspace with MLOOP_TOKEN, else none.
   */
  static WorkspaceOpener workspaces(String option) {
    String fallback = option == null || option.isBlank() || Workspaces.isRemote(option.strip()) ? option
        : Path.of(option.strip()).toAbsolutePath().normalize().toString();
    return (env, workingDirectory) -> {
      String location = env.getOrDefault(Workspaces.ENV_WORKSPACE, "").strip();
      String token = env.get(Workspaces.ENV_TOKEN);
      if (location.isEmpty()) {
        if (fallback == null || fallback.isBlank()) {
          return Optional.empty();
        }
        location = fallback.strip();
        token = token == null || token.isBlank() ? System.getenv(Workspaces.ENV_TOKEN) : token;
      }
      if (Workspaces.isRemote(location)) {
        return Optional.of(new RemoteWorkspace(location, token));
      }
      return Optional.of(LocalWorkspaces.open(workingDirectory.resolve(location).toAbsolutePath().normalize(), null));
    };
  }

  private Event event(GitRepo repo) throws IOException {
    if (!inputs.isEmpty() && event != EventName.workflow_dispatch) {
      throw MloopException.invalid("--input is for --event workflow_dispatch (it fills the `inputs` context)");
    }
    try (Repository git = repo.open()) {
      if (event == EventName.pull_request) {
        return pullRequest(repo, git);
      }
      String fullRef = ref != null ? GitRepo.fullRef(git, ref.strip()) : GitRepo.currentRef(git);
      String sha = after != null ? GitRepo.commit(git, after.strip(), "--after")
          : GitRepo.commit(git, fullRef != null ? fullRef : "HEAD", fullRef != null ? "--ref" : "HEAD");
      String from = before != null ? before.strip() : null;
      if (from != null && !ChangedFiles.ZERO.equals(from)) {
        from = GitRepo.commit(git, from, "--before");
      }
      List<String> changed = List.of();
      if (event == EventName.push) {
        if (from == null) {
          from = GitRepo.parentOf(git, sha); // by hand: the last commit's changes
        }
        changed = ChangedFiles.between(repo.path(), from, sha);
      }
      return new Event(event.name(), fullRef, from, sha, changed, inputs);
    }
  }

  /**
   * A pull request: {@code ref} is the base branch (default main), {@code after} the head (default
   * HEAD) and the changed files those of the head since it left the base (GitHub's three-dot diff),
   * unless --before names the base commit.
   */
  private Event pullRequest(GitRepo repo, Repository git) throws IOException {
    String base = GitRepo.fullRef(git, ref != null ? ref.strip() : "main");
    String head = GitRepo.commit(git, after != null ? after.strip() : "HEAD", after != null ? "--after" : "HEAD");
    String from = before != null ? GitRepo.commit(git, before.strip(), "--before")
        : GitRepo.mergeBase(git, base, head);
    List<String> changed = from == null ? List.of() : ChangedFiles.between(repo.path(), from, head);
    return new Event(event.name(), base, from, head, changed, Map.of());
  }

  /**
   * The workflow files at the event's commit (invalid ones beside the valid); with --workflow, that one
   * file from disk, which must be valid (the command names it).
   */
  private WorkflowFiles workflows(GitRepo repo, Event ev) throws IOException {
    if (workflowFile != null) {
      if (!Files.isRegularFile(workflowFile)) {
        throw MloopException.invalid("--workflow " + workflowFile + ": no such file");
      }
      return new WorkflowFiles(List.of(WorkflowParser.parse(workflowFile)), List.of(), List.of());
    }
    Path temp = Files.createTempDirectory("mloop-ci-workflows-");
    try (Repository git = repo.open()) {
      if (!GitRepo.extract(git, ev.after(), ".github/workflows", temp)) {
        return WorkflowFiles.none();
      }
      WorkflowFiles read = WorkflowParser.readAll(temp);
      // name the files as in the repository, not the temporary copy (run.json and `ci list` show it)
      return new WorkflowFiles(read.workflows().stream().map(w -> new Workflow(
          WorkflowParser.WORKFLOWS.resolve(w.file().getFileName().toString()), w.name(), w.on(), w.env(), w.jobs()))
          .toList(), read.invalid(), read.ignored());
    } finally {
      deleteQuietly(temp);
    }
  }

  private static String summary(List<String> files) {
    if (files.isEmpty()) {
      return "none";
    }
    return files.size() <= 5 ? String.join(", ", files)
        : String.join(", ", files.subList(0, 5)) + " and " + (files.size() - 5) + " more";
  }

  private static void deleteQuietly(Path dir) {
    try (var all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
