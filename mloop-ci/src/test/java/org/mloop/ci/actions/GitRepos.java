package org.mloop.ci.actions;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** Real git repositories for the actions' tests. */
final class GitRepos {
  private GitRepos() {}

  /** A work tree repository on branch main. */
  static Git init(Path dir) throws Exception {
    return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  static RevCommit commit(Git git, String file, String content) throws Exception {
    Path path = git.getRepository().getWorkTree().toPath().resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    git.add().addFilepattern(file).call();
    return git.commit().setMessage("change " + file).setSign(false).call();
  }

  /** A bare clone of {@code source}, as a server-side repository. */
  static Path bareClone(Path source, Path target) throws Exception {
    Git.cloneRepository().setURI(source.toUri().toString()).setDirectory(target.toFile()).setBare(true).call().close();
    return target;
  }
}
