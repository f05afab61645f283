package org.mloop.core.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;
import org.mloop.core.MloopException;

/**
 * Copies workspace files (a job output, a model version) into a local folder, refusing paths that
 * are not plain relative paths ({@link ArtifactPath}) and checking each file against its recorded sha256.
 */
public final class Downloads {
  /** How much was written. */
  public record Result(Path root, int files, long bytes) {}

  private Downloads() {}

  public static Result copy(List<ArtifactFile> files, Function<String, InputStream> open, Path destination) {
    Path root = destination.toAbsolutePath().normalize();
    // A listing comes from a store or a server: all its paths are checked before any file is written.
    List<ArtifactFile> regular = files.stream().filter(f -> !f.directory()).toList();
    regular.forEach(file -> ArtifactPath.parse("downloaded file path", file.path()));
    int count = 0;
    long bytes = 0;
    for (ArtifactFile file : regular) {
      Path target = root.resolve(file.path());
      try (InputStream in = open.apply(file.path())) {
        Files.createDirectories(target.getParent());
        bytes += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
      if (file.sha256() != null && !file.sha256().equals(ContentHash.ofFile(target))) {
        throw MloopException.invalid("downloaded " + file.path() + " does not match its recorded sha256; retry");
      }
      count++;
    }
    return new Result(root, count, bytes);
  }
}
