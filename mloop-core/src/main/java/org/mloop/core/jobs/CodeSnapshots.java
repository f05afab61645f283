package org.mloop.core.jobs;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.artifacts.FileSet;

/**
 * Jobs' code in the artifact store, content-addressed at {@code code/<sha256>/}: equal code is stored
 * once, and a submission naming a snapshot the store holds completely needs no files. A snapshot
 * counts as stored only when the hash of what the store lists there equals its name, so a copy that
 * stopped half-way is not used (the next submission with the files completes it).
 */
final class CodeSnapshots {
  private final ArtifactStore artifacts;

  CodeSnapshots(ArtifactStore artifacts) {
    this.artifacts = artifacts;
  }

  static String path(String sha256) {
    return "code/" + sha256;
  }

  /** The complete snapshot {@code sha256} (without git state), if the store holds it. */
  Optional<CodeSnapshot> find(String sha256) {
    ContentHash.checkSha256("code snapshot sha256", sha256);
    return completeFiles(sha256).map(files -> snapshot(sha256, files, null));
  }

  /** The files of snapshot {@code sha256} when the store holds all of them and nothing else. */
  private Optional<List<ArtifactFile>> completeFiles(String sha256) {
    List<ArtifactFile> files = artifacts.listUnder(path(sha256)).stream().filter(f -> !f.directory()).toList();
    return files.isEmpty() || !sha256.equals(ContentHash.ofFiles(files)) ? Optional.empty() : Optional.of(files);
  }

  private static CodeSnapshot snapshot(String sha256, List<ArtifactFile> files, GitState git) {
    long size = files.stream().mapToLong(f -> f.sizeBytes() == null ? 0 : f.sizeBytes()).sum();
    return new CodeSnapshot(sha256, path(sha256), files.size(), size, git);
  }

  /**
   * The snapshot of {@code code}: the one the store holds when {@code code} names it (its files must
   * be the ones listed), else its folder's files copied in. A submission naming a snapshot without a
   * folder gets RESOURCE_DOES_NOT_EXIST when the store does not hold it.
   */
  CodeSnapshot store(JobCode code) {
    if (code.sha256() != null) {
      ContentHash.checkSha256("code sha256", code.sha256());
      Optional<List<ArtifactFile>> stored = completeFiles(code.sha256());
      if (stored.isPresent()) {
        checkSameFiles(code, stored.get());
        return snapshot(code.sha256(), stored.get(), code.git());
      }
      if (code.directory() == null) {
        throw MloopException.notFound("code snapshot " + code.sha256() + " not found among the workspace's "
            + "stored code: send the code files with the job");
      }
    } else if (code.directory() == null) {
      throw MloopException.invalid("the job's code has neither files to store nor the sha256 of a stored snapshot");
    }
    FileSet files = FileSet.of(code.directory(), code.paths());
    String sha256 = files.sha256();
    if (code.sha256() != null && !code.sha256().equals(sha256)) {
      throw MloopException.invalid("the code files hash to " + sha256 + ", not to the code sha256 given, "
          + code.sha256() + ": a file changed or went missing on the way; submit the job again");
    }
    files.copyTo(artifacts, path(sha256));
    return new CodeSnapshot(sha256, path(sha256), files.files().size(), files.sizeBytes(), code.git());
  }

  /** A submission that lists files must list the snapshot's (the hash covers them; this catches a wrong list). */
  private static void checkSameFiles(JobCode code, List<ArtifactFile> stored) {
    if (code.files().isEmpty()) {
      return;
    }
    TreeSet<String> listed = new TreeSet<>(code.paths());
    TreeSet<String> held = new TreeSet<>(stored.stream().map(ArtifactFile::path).toList());
    if (!listed.equals(held)) {
      throw MloopException.invalid("code snapshot " + code.sha256() + " holds " + held.size() + " files, not the "
          + listed.size() + " listed in code files: list the snapshot's files or send them with the job");
    }
  }
}
