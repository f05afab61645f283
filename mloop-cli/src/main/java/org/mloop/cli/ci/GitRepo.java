package org.mloop.cli.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.mloop.core.MloopException;

/** A git repository the CI commands work on: a work tree ({@code path} holds .git) or a bare repository. */
public record GitRepo(Path path, boolean bare) {
  private static final String ZERO = ObjectId.zeroId().name();

  static GitRepo at(Path given) {
    Path path = given.toAbsolutePath().normalize();
    if (Files.exists(path.resolve(".git"))) {
      return new GitRepo(path, false);
    }
    if (isBare(path)) {
      return new GitRepo(path, true);
    }
    throw MloopException.invalid(path + " is not a git repository (no .git folder, and not a bare repository): "
        + "give --repo the folder of a clone or of a BARE.git");
  }

  static GitRepo around(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return new GitRepo(dir, false);
      }
      if (isBare(dir)) {
        return new GitRepo(dir, true);
      }
    }
    throw MloopException.invalid("the current folder " + start + " is not inside a git repository: run this in a "
        + "clone, or give --repo PATH");
  }

  private static boolean isBare(Path dir) {
    return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
        && Files.isDirectory(dir.resolve("refs"));
  }

  Path defaultCiHome() {
    return bare ? path.resolve("mloop-ci") : path.resolve(".mloop-ci");
  }

  Path hooksDirectory() {
    return bare ? path.resolve("hooks") : path.resolve(".git").resolve("hooks");
  }

  Repository open() {
    try {
      FileRepositoryBuilder builder = new FileRepositoryBuilder();
      return (bare ? builder.setGitDir(path.toFile()) : builder.setWorkTree(path.toFile())).setMustExist(true).build();
    } catch (IOException e) {
      throw MloopException.invalid(path + ": cannot open the git repository: " + e.getMessage());
    }
  }

  /** "refs/heads/main" for "main" when that branch exists, "refs/tags/v1" for a tag; full refs as they are. */
  static String fullRef(Repository repo, String ref) throws IOException {
    if (ref.startsWith("refs/")) {
      return ref;
    }
    if (repo.exactRef(Constants.R_TAGS + ref) != null && repo.exactRef(Constants.R_HEADS + ref) == null) {
      return Constants.R_TAGS + ref;
    }
    return Constants.R_HEADS + ref;
  }

  /** The branch HEAD points at ("refs/heads/main"), or null for a detached HEAD. */
  static String currentRef(Repository repo) throws IOException {
    Ref head = repo.exactRef(Constants.HEAD);
    return head != null && head.isSymbolic() ? head.getTarget().getName() : null;
  }

  /** The commit a revision names, as a full sha; an error for people when there is none. */
  static String commit(Repository repo, String revision, String what) throws IOException {
    ObjectId id = repo.resolve(revision + "^{commit}");
    if (id == null) {
      throw MloopException.invalid(what + " '" + revision + "' is not a commit of " + repo.getDirectory()
          + (repo.resolve(Constants.HEAD) == null ? " (the repository has no commits yet: push or commit first)" : ""));
    }
    return id.name();
  }

  /** The first parent of a commit, or all zeros for a root commit (a push that created the branch). */
  static String parentOf(Repository repo, String sha) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      return commit.getParentCount() == 0 ? ZERO : commit.getParent(0).name();
    }
  }

  /** Where {@code head} left {@code baseRef}, or null when the base does not exist or they share no history. */
  static String mergeBase(Repository repo, String baseRef, String head) throws IOException {
    ObjectId base = repo.resolve(baseRef + "^{commit}");
    if (base == null) {
      return null;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(base));
      walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
      RevCommit found = walk.next();
      return found == null ? null : found.name();
    }
  }

  /** Copies {@code folder} (".github/workflows") of a commit's tree into {@code target}; false when it has none. */
  static boolean extract(Repository repo, String sha, String folder, Path target) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        tree.setFilter(PathFilter.create(folder));
        boolean any = false;
        while (tree.next()) {
          Path file = target.resolve(tree.getPathString()).normalize();
          if (!file.startsWith(target) || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
            continue;
          }
          ObjectLoader loader = repo.open(tree.getObjectId(0));
          Files.createDirectories(file.getParent());
          Files.write(file, loader.getBytes());
          any = true;
        }
        return any;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder + " at " + sha + ": " + e.getMessage(), e);
    }
  }
}
