package org.mloop.ci.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.mloop.core.MloopException;

/**
 * The files a push changed, for {@code paths} filters: what a post-receive hook knows is the old and
 * new commit of a ref. An update compares the two trees (GitHub's two-dot diff); a new branch
 * (before is all zeros) takes the files changed by the pushed commits, those the new commit brings
 * that no other ref of the repository already has (each against its first parent; a root commit
 * brings all its files); a deleted branch (after is all zeros) changes nothing. Renamed files count
 * under both names, deleted files under their old name. Works on bare repositories and work trees.
 */
public final class ChangedFiles {
  public static final String ZERO = ObjectId.zeroId().name();

  private ChangedFiles() {}

  /** Repository paths ("model/src/Train.java"), sorted, each once. */
  public static List<String> between(Path repo, String before, String after) {
    if (isZero(after)) {
      return List.of();
    }
    try (Git git = Git.open(repo.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      Repository repository = git.getRepository();
      RevCommit afterCommit = commit(repository, walk, after, "after");
      TreeSet<String> files = new TreeSet<>();
      if (!isZero(before)) {
        RevCommit beforeCommit = commit(repository, walk, before, "before");
        diff(repository, beforeCommit, afterCommit, files);
        return List.copyOf(files);
      }
      for (RevCommit pushed : pushedCommits(repository, walk, afterCommit)) {
        diff(repository, pushed.getParentCount() == 0 ? null : walk.parseCommit(pushed.getParent(0)), pushed, files);
      }
      return List.copyOf(files);
    } catch (IOException e) {
      throw MloopException.invalid(repo + ": cannot read the git repository: " + e.getMessage());
    }
  }

  private static boolean isZero(String sha) {
    return sha == null || sha.isBlank() || sha.chars().allMatch(c -> c == '0');
  }

  private static RevCommit commit(Repository repository, RevWalk walk, String revision, String what)
      throws IOException {
    ObjectId id = repository.resolve(revision);
    if (id == null) {
      throw MloopException.invalid("the " + what + " commit '" + revision + "' is not in " + repository.getDirectory()
          + ": give a commit of this repository (a sha, or all zeros for a new or deleted branch)");
    }
    return walk.parseCommit(id);
  }

  /** Commits reachable from {@code after} and from no other ref tip (other than refs pointing at {@code after}). */
  private static List<RevCommit> pushedCommits(Repository repository, RevWalk walk, RevCommit after)
      throws IOException {
    walk.reset();
    walk.markStart(after);
    for (Ref ref : repository.getRefDatabase().getRefs()) {
      ObjectId tip = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
      if (tip == null || AnyObjectId.isEqual(tip, after)) {
        continue;
      }
      try {
        walk.markUninteresting(walk.parseCommit(tip));
      } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
        // a tag of a tree or blob: it holds no commits
      }
    }
    List<RevCommit> commits = new ArrayList<>();
    for (RevCommit c : walk) {
      commits.add(c);
    }
    return commits;
  }

  private static void diff(Repository repository, RevCommit from, RevCommit to, TreeSet<String> files)
      throws IOException {
    try (ObjectReader reader = repository.newObjectReader();
        DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      formatter.setRepository(repository);
      formatter.setDetectRenames(false); // a rename is a delete and an add: both names changed
      for (DiffEntry entry : formatter.scan(tree(reader, from), tree(reader, to))) {
        if (!entry.getOldPath().equals(DiffEntry.DEV_NULL)) {
          files.add(entry.getOldPath());
        }
        if (!entry.getNewPath().equals(DiffEntry.DEV_NULL)) {
          files.add(entry.getNewPath());
        }
      }
    }
  }

  private static AbstractTreeIterator tree(ObjectReader reader, RevCommit commit) throws IOException {
    if (commit == null) {
      return new EmptyTreeIterator();
    }
    CanonicalTreeParser parser = new CanonicalTreeParser();
    parser.reset(reader, commit.getTree().getId());
    return parser;
  }
}
