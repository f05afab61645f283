package org.mloop.ci.actions;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.mloop.ci.runner.Action;
import org.mloop.ci.runner.ActionContext;
import org.mloop.core.files.FileTrees;

/**
 * {@code actions/checkout}: a clean clone of the event's repository (bare or not) in the job's
 * workspace, at {@code github.sha} (the pushed commit) with a detached HEAD, as GitHub's runner
 * leaves it. Inputs: {@code ref} (a branch, tag or sha instead of the event's commit), {@code path}
 * (a folder under the workspace), {@code clean} (default true: empty the folder first; false keeps
 * an earlier clone and fetches into it), {@code fetch-depth} (accepted; a local clone is always
 * complete). Outputs: {@code ref}, {@code commit}.
 */
final class CheckoutAction implements Action {

  @Override
  public void run(ActionContext context) throws Exception {
    Path target = target(context);
    String depth = context.input("fetch-depth");
    if (!depth.isBlank() && !depth.equals("0")) {
      context.log("fetch-depth: " + depth + " accepted; a local clone always has the full history");
    }
    boolean clean = !context.input("clean", "true").strip().equalsIgnoreCase("false");
    String wanted = wanted(context);
    Path source = context.repository();
    if (!clean && Files.isDirectory(target.resolve(".git"))) {
      try (Git git = Git.open(target.toFile())) {
        context.log("Fetching into the existing clone in " + target + " (clean: false)");
        git.fetch().setRemote("origin").call();
        checkout(context, git, wanted);
      }
      return;
    }
    FileTrees.emptyFolder(target);
    context.log("Cloning " + source + " into " + target + " (sharing its objects)");
    try (Git git = sharedClone(source, target)) {
      checkout(context, git, wanted);
    }
  }

  /**
   * Like {@code git clone --shared}: a new repository whose object store borrows the source's
   * (objects/info/alternates), with the source's branches as origin/* and its tags. Nothing is
   * copied but the checked-out files, so a checkout takes well under a second even for a big
   * history. The source must keep its objects while the job runs, which a repository people push
   * to does.
   */
  static Git sharedClone(Path source, Path target) throws Exception {
    Repository from;
    try {
      FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
      from = (Files.exists(source.resolve(".git")) ? builder.setWorkTree(source.toFile())
          : builder.setGitDir(source.toFile())).build();
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalStateException("actions/checkout: " + source + " is not a git repository this runner can "
          + "clone: " + e.getMessage());
    }
    try (from) {
      try (Git created = Git.init().setDirectory(target.toFile()).setInitialBranch("main").call()) {
        Path objects = created.getRepository().getDirectory().toPath().resolve("objects");
        Files.createDirectories(objects.resolve("info"));
        Files.writeString(objects.resolve("info").resolve("alternates"),
            from.getDirectory().toPath().toAbsolutePath().resolve("objects") + "\n");
      }
      Git git = Git.open(target.toFile()); // opened again so that it reads the alternates
      Repository repo = git.getRepository();
      StoredConfig config = repo.getConfig();
      config.setString("remote", "origin", "url", source.toUri().toString());
      config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
      config.save();
      for (Ref ref : from.getRefDatabase().getRefs()) {
        String name = ref.getName();
        String local = name.startsWith(Constants.R_HEADS)
            ? Constants.R_REMOTES + "origin/" + name.substring(Constants.R_HEADS.length())
            : name.startsWith(Constants.R_TAGS) ? name : null;
        if (local == null || ref.isSymbolic() || ref.getObjectId() == null) {
          continue;
        }
        RefUpdate update = repo.updateRef(local);
        update.setNewObjectId(ref.getObjectId());
        update.forceUpdate();
      }
      return git;
    }
  }

  private static Path target(ActionContext context) {
    Path workspace = context.workspace().toAbsolutePath().normalize();
    String path = context.input("path").strip();
    Path target = path.isEmpty() ? workspace : workspace.resolve(path).normalize();
    if (!target.startsWith(workspace)) {
      throw new IllegalArgumentException("actions/checkout: path '" + path
          + "' leaves the job's workspace; give a folder under it, such as 'src'");
    }
    return target;
  }

  /** The input {@code ref}, else the event's commit, else its ref, else HEAD. */
  private static String wanted(ActionContext context) {
    String ref = context.input("ref").strip();
    if (!ref.isEmpty()) {
      return ref;
    }
    String sha = context.event().after();
    if (sha != null && !sha.isBlank() && !sha.chars().allMatch(c -> c == '0')) {
      return sha;
    }
    String eventRef = context.event().ref();
    return eventRef == null || eventRef.isBlank() ? Constants.HEAD : eventRef;
  }

  private static void checkout(ActionContext context, Git git, String wanted) throws Exception {
    Repository repo = git.getRepository();
    ObjectId id = resolve(repo, wanted);
    if (id == null) {
      throw new IllegalArgumentException("actions/checkout: '" + wanted + "' is not a commit, branch or tag of "
          + context.repository() + " (push it first, or fix the step's ref:)");
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(id);
      RefUpdate head = repo.getRefDatabase().newUpdate(Constants.HEAD, true); // detached, as on GitHub
      head.setNewObjectId(commit);
      head.forceUpdate();
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
      context.log("HEAD is now at " + commit.abbreviate(7).name() + " " + commit.getShortMessage());
      context.setOutput("commit", commit.name());
      context.setOutput("ref", wanted);
    }
  }

  private static ObjectId resolve(Repository repo, String wanted) throws Exception {
    String branch = wanted.startsWith("refs/heads/") ? wanted.substring("refs/heads/".length()) : wanted;
    for (String candidate : new String[] {"refs/remotes/origin/" + branch, wanted, "refs/tags/" + wanted}) {
      ObjectId id = repo.resolve(candidate + "^{commit}");
      if (id != null) {
        return id;
      }
    }
    return null;
  }
}
