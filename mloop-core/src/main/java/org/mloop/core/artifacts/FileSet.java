package org.mloop.core.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mloop.core.MloopException;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;

/**
 * A set of local files (relative paths under a root) copied into the artifact store at a
 * content-addressed prefix such as "data/NAME/SHA256". Copying is idempotent: files already stored
 * with the right digest are skipped, so a crash half-way leaves nothing inconsistent and a retry
 * finishes the copy.
 */
public final class FileSet {
  private final Path root;
  private final List<ArtifactFile> files;

  private FileSet(Path root, List<ArtifactFile> files) {
    this.root = root;
    this.files = files;
  }

  /** Every regular file under a folder (symbolic links refused, see {@link FolderFiles}), or one file. */
  public static FileSet of(Path source) {
    return of(source, Symlinks.REFUSE);
  }

  /**
   * Every regular file under a folder, walked by {@link FolderFiles} with the given handling of
   * symbolic links, or one file (its root is then its parent).
   */
  public static FileSet of(Path source, Symlinks links) {
    if (!Files.exists(source)) {
      throw MloopException.invalid("path '" + source + "' does not exist");
    }
    if (Files.isRegularFile(source)) {
      return of(source.getParent() == null ? Path.of(".") : source.getParent(), List.of(source.getFileName().toString()));
    }
    return of(source, FolderFiles.list(source, "folder", links));
  }

  /** The given files under {@code root}, hashed now. */
  public static FileSet of(Path root, List<String> relativePaths) {
    List<ArtifactFile> hashed = new ArrayList<>(relativePaths.size());
    for (String rel : relativePaths) {
      Path file = root.resolve(rel);
      if (!Files.isRegularFile(file)) {
        throw MloopException.invalid("'" + file + "' is not a readable file");
      }
      try {
        hashed.add(new ArtifactFile(rel, false, Files.size(file), ContentHash.ofFile(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new FileSet(root, List.copyOf(hashed));
  }

  public List<ArtifactFile> files() {
    return files;
  }

  public String sha256() {
    return ContentHash.ofFiles(files);
  }

  public long sizeBytes() {
    return files.stream().mapToLong(ArtifactFile::sizeBytes).sum();
  }

  /** Copies the files to {@code prefix}/relative-path, skipping those already there with the same digest. */
  public void copyTo(ArtifactStore store, String prefix) {
    Map<String, String> present = store.listRecursive(prefix).stream()
        .filter(f -> !f.directory() && f.sha256() != null)
        .collect(Collectors.toMap(ArtifactFile::path, ArtifactFile::sha256, (a, b) -> a));
    for (ArtifactFile file : files) {
      String target = prefix + "/" + file.path();
      if (file.sha256().equals(present.get(target))) {
        continue;
      }
      try (InputStream in = Files.newInputStream(root.resolve(file.path()))) {
        ArtifactFile written = store.write(target, in);
        if (!file.sha256().equals(written.sha256())) {
          throw new MloopException(org.mloop.core.ErrorCode.INVALID_STATE,
              "file " + root.resolve(file.path()) + " changed while it was being copied; try again");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + root.resolve(file.path()), e);
      }
    }
  }
}
