package org.mloop.core.ci;

import java.io.InputStream;
import java.util.List;
import org.mloop.core.NameRule;
import org.mloop.core.artifacts.ArtifactFile;

/**
 * The artifacts of CI runs ({@code actions/upload-artifact} and {@code download-artifact} of
 * `mloop ci run`), kept with the workspace's files at {@code ci/CI/RUN/NAME/PATH}. {@code CI} is the
 * key of the CI home a run belongs to, such as "project-3f2a9c1d" (run numbers restart in every CI
 * home, so the key keeps two repositories' run 1 apart). Local ({@link LocalCiArtifactService}) and
 * over HTTP (the client's {@code RemoteCiArtifactService}) alike.
 */
public interface CiArtifactService {

  /** GitHub's rule, a little stricter: letters, digits, '.', '_', '-' and spaces, not starting with '.'. */
  NameRule NAME = NameRule.of("artifact name", 200, "[A-Za-z0-9_ -][A-Za-z0-9._ -]*",
      "use letters, digits, '.', '_', '-' or spaces, not starting with '.'");
  /** A CI home's key, such as "project-3f2a9c1d": letters, digits, '.', '_' and '-'. */
  NameRule KEY = NameRule.of("CI key", 128, "[A-Za-z0-9][A-Za-z0-9._-]*",
      "use letters, digits, '.', '_' or '-', starting with a letter or digit");

  static String checkName(String name) {
    return NAME.check(name);
  }

  static String checkKey(String ci) {
    return KEY.check(ci);
  }

  /**
   * Streams one file of artifact {@code name} of run {@code run} in; returns the stored file, its
   * path relative to the artifact, with its sha256. A file over the size limit is refused and
   * nothing of it is kept.
   */
  ArtifactFile write(String ci, int run, String name, String path, InputStream content);

  /** The names of a CI run's artifacts, sorted (empty when it has none). */
  List<String> list(String ci, int run);

  /** The files of one artifact, relative to it; NOT_FOUND naming the run's artifacts when it has no such one. */
  List<ArtifactFile> listFiles(String ci, int run, String name);

  InputStream open(String ci, int run, String name, String path);

  /** Deletes an artifact (before an upload that overwrites it, or after one that failed half-way); a missing one is no error. */
  void delete(String ci, int run, String name);
}
