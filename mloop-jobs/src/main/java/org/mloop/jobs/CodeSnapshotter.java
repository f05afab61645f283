package org.mloop.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.mloop.core.MloopException;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.jobs.GitState;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobSubmission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a job's code snapshot holds: the files of the code folder that {@code .mloopignore}
 * keeps (see {@link IgnoreRules}), their content hash, and the git state of the folder when it is
 * inside a git repository.
 */
public final class CodeSnapshotter {
  private static final Logger LOG = LoggerFactory.getLogger(CodeSnapshotter.class);

  private CodeSnapshotter() {}

  /**
   * A code folder as it will be snapshotted. {@code files} are relative paths with '/', sorted,
   * each with its size and sha256; {@code sha256} is {@link ContentHash#ofFiles} of them, the name
   * of the snapshot in the artifact store ({@code code/<sha256>/}).
   */
  public record Snapshot(Path directory, List<ArtifactFile> files, String sha256, long sizeBytes, GitState git) {

    public List<String> paths() {
      return files.stream().map(ArtifactFile::path).toList();
    }

    /**
     * What a client submits for {@code spec}; {@code jobName} may be null (the workspace picks one). The
     * code carries the folder, the hashed files and the snapshot's sha256, so a workspace that stores the
     * snapshot already needs none of the files.
     */
    public JobSubmission submission(JobSpec spec, String jobName) {
      return new JobSubmission(spec, jobName, code());
    }

    /** The snapshot as a submission's code. */
    public JobCode code() {
      return new JobCode(directory, files, sha256, git);
    }
  }

  /** Lists, hashes and reads the git state of {@code codeDir}. */
  public static Snapshot snapshot(Path codeDir) {
    Path dir = codeDir.toAbsolutePath().normalize();
    List<ArtifactFile> files = new ArrayList<>();
    long size = 0;
    for (String path : listFiles(dir)) {
      Path file = dir.resolve(path);
      try {
        long bytes = Files.size(file);
        files.add(new ArtifactFile(path, false, bytes, ContentHash.ofFile(file)));
        size += bytes;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + " for the code snapshot", e);
      }
    }
    return new Snapshot(dir, List.copyOf(files), ContentHash.ofFiles(files), size, gitState(dir));
  }

  /** The files of {@code codeDir} that .mloopignore keeps, as sorted relative paths with '/'. */
  public static List<String> listFiles(Path codeDir) {
    Path dir = codeDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw MloopException.invalid("code folder " + dir + " does not exist or is not a folder");
    }
    IgnoreRules rules = IgnoreRules.load(dir);
    // Symbolic links are followed: a link to a file or folder is snapshotted as what it points to, under
    // its own name; one that points to nothing or loops is refused with its name (or ignored by the rules).
    return FolderFiles.list(dir, "code folder", Symlinks.FOLLOW, new FolderFiles.Filter() {
      @Override
      public boolean skipsFolder(String relative) {
        return rules.excludesWholeFolder(relative);
      }

      @Override
      public boolean skipsFile(String relative) {
        return rules.excludesFile(relative);
      }
    });
  }

  /**
   * The git state of the repository {@code codeDir} is in, or null outside a repository. "dirty"
   * covers the code folder only: a change elsewhere in the repository does not change the job's code.
   */
  public static GitState gitState(Path codeDir) {
    Path dir = codeDir.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      return null;
    }
    try (Repository repo = builder.setMustExist(true).build(); Git git = new Git(repo)) {
      ObjectId head = repo.resolve(Constants.HEAD);
      Ref headRef = repo.exactRef(Constants.HEAD);
      String branch = headRef != null && headRef.isSymbolic()
          ? Repository.shortenRefName(headRef.getTarget().getName())
          : null;
      StatusCommand status = git.status();
      Path workTree = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      String inRepo = relative(workTree, dir);
      if (!inRepo.isEmpty()) {
        status.addPath(inRepo);
      }
      boolean dirty = !status.call().isClean();
      String remote = repo.getConfig().getString("remote", "origin", "url");
      return new GitState(head == null ? null : head.name(), branch, dirty, withoutCredentials(remote));
    } catch (IOException | GitAPIException | RuntimeException e) {
      // A broken repository must not block the job: it runs, without git state.
      LOG.warn("cannot read the git state of {}: {}", dir, e.toString());
      return null;
    }
  }

  /** "https://user:token@host/x.git" becomes "https://host/x.git": tokens must not end up in run tags. */
  static String withoutCredentials(String url) {
    return url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
