package org.mloop.core.jobs;

import java.nio.file.Path;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;

/**
 * The code a submission carries: the folder holding it ({@code directory}, null when the submission
 * names a snapshot the workspace already stores), its files (relative paths; with size and sha256 when
 * the client hashed them), the snapshot's identity {@code sha256} (the content hash of the files, see
 * {@code ContentHash.ofFiles}; null when the workspace is to compute it) and the git state (null outside
 * a repository). A workspace stores the snapshot at {@code code/<sha256>/}; a submission whose sha256 it
 * already stores need not send the files again.
 */
public record JobCode(Path directory, List<ArtifactFile> files, String sha256, GitState git) {

  public JobCode {
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** The files {@code paths} under {@code directory}, hashed by the workspace when it stores them. */
  public static JobCode folder(Path directory, List<String> paths, GitState git) {
    return new JobCode(directory, unhashed(paths), null, git);
  }

  /** The snapshot {@code sha256} that the workspace already stores, holding the files {@code paths}. */
  public static JobCode stored(String sha256, List<String> paths, GitState git) {
    return new JobCode(null, unhashed(paths), sha256, git);
  }

  /** The files' relative paths, in their order. */
  public List<String> paths() {
    return files.stream().map(ArtifactFile::path).toList();
  }

  /** The same code named as snapshot {@code sha256} (null: the workspace computes it from the files). */
  public JobCode withSha256(String sha256) {
    return new JobCode(directory, files, sha256, git);
  }

  private static List<ArtifactFile> unhashed(List<String> paths) {
    return paths.stream().map(p -> new ArtifactFile(p, false, null, null)).toList();
  }
}
