package org.mloop.core.artifacts;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The artifact store port: a tree of immutable files addressed by relative paths such as
 * "runs/3f2a.../artifacts/roc.png". Writes stream and record each file's sha256; reads stream.
 * The embedded implementation is the local file system; S3 comes later behind this interface.
 *
 * <p>Paths are always relative and never contain "..": implementations reject anything else.
 */
public interface ArtifactStore {

  /** Streams {@code content} to {@code path}, atomically (readers never see a partial file). */
  ArtifactFile write(String path, InputStream content);

  /** Opens a file for streaming. Throws RESOURCE_DOES_NOT_EXIST if it is missing. */
  InputStream read(String path);

  /** The file's size and sha256, if it exists. */
  Optional<ArtifactFile> stat(String path);

  /** Direct children of a directory ("" is the root); paths in the result are relative to the store root. */
  List<ArtifactFile> list(String directory);

  /** Every file under a directory, recursively, with digests; paths relative to the store root. */
  List<ArtifactFile> listRecursive(String directory);

  /** Every file under a directory, recursively, with digests; paths relative to that directory. */
  default List<ArtifactFile> listUnder(String directory) {
    List<ArtifactFile> out = new ArrayList<>();
    for (ArtifactFile f : listRecursive(directory)) {
      out.add(new ArtifactFile(f.path().substring(directory.length() + 1), f.directory(), f.sizeBytes(), f.sha256()));
    }
    return out;
  }

  boolean exists(String path);

  /** Deletes a file or a directory tree; missing paths are ignored. */
  void delete(String path);

  /**
   * A local directory with the content of {@code directory}, for processes that need real files
   * (job inputs). The file system store returns its own directory without copying; a remote store
   * downloads into {@code cache}.
   */
  Path materialize(String directory, Path cache);

  /** A URI for people and MLflow clients, such as "file:///..." or "s3://bucket/...". */
  String uri(String path);
}
