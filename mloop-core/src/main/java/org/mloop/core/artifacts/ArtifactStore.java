package org.mloop.core.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;

/**
 * The artifact store port: a tree of immutable files addressed by relative paths such as
 * "runs/3f2a.../artifacts/roc.png". Writes stream and record each file's sha256; reads stream.
 * The embedded implementation is the local file system; S3 comes later behind this interface.
 * Stores are opened by URI through {@code org.mloop.store.ArtifactStores}; what every store
 * promises is checked by the {@code ArtifactStoreContract} tests (mloop-core's test-jar).
 *
 * <p>Paths are {@link ArtifactPath}s: relative, '/'-separated, without empty, '.' or '..' segments;
 * anything else is refused with INVALID_PARAMETER_VALUE. A missing file is RESOURCE_DOES_NOT_EXIST.
 */
public interface ArtifactStore {

  /**
   * Streams {@code content} to {@code path} in bounded memory, atomically: readers see the old file
   * (or none) until the whole new one is there, never a part, and a write that fails leaves the old
   * state. Concurrent writers of one path leave one writer's content with its own digest. Returns
   * the file with its size and sha256. The caller closes {@code content}.
   */
  ArtifactFile write(String path, InputStream content);

  /** Opens a file for streaming. Throws RESOURCE_DOES_NOT_EXIST if it is missing. */
  InputStream read(String path);

  /**
   * Opens a file for streaming from byte {@code offset} (a ranged read: a log's tail, a resumed
   * download); at or past its end the stream is empty. A store that can seek or ask for a range
   * overrides this; the default reads past the first bytes.
   */
  default InputStream read(String path, long offset) {
    if (offset < 0) {
      throw MloopException.invalid("offset " + offset + " into artifact " + MessageText.quoted(path) + " is negative: use 0 or more");
    }
    InputStream in = read(path);
    try {
      for (long left = offset; left > 0; ) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            break; // past the end
          }
          skipped = 1;
        }
        left -= skipped;
      }
      return in;
    } catch (IOException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot read artifact '" + path + "'", e);
    }
  }

  /** The file's size and sha256 (the digest of its bytes, as recorded when it was written), if it exists. */
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

  /** Deletes a file or a directory tree (never the root); missing paths are ignored. */
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
