package org.mloop.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.mloop.core.MloopException;
import org.mloop.core.files.FileTrees;
import org.mloop.core.files.FolderUse;
import org.mloop.core.files.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging area of /api/v1 uploads: each upload is a directory of files PUT one by one, which a
 * later request turns into a data asset or a job's code and then deletes. Uploads left behind by
 * clients that never finished are removed after a day; when a server starts and no other server
 * uses the folder ({@link FolderUse}), every upload an earlier server left is removed at once.
 * Either way one log line says how many and how large (never where: the folder is the server's).
 */
final class Uploads implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
  static final Duration ABANDONED_AFTER = Duration.ofHours(24);
  static final String LOCK_FILE = ".in-use.lock";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ID = "[0-9a-f]{32}";

  private final Path root;
  private final boolean temporary;
  private final FolderUse use;

  /** Uploads staged in {@code root} (created private, see {@link PrivateFiles}); kept after {@link #close}. */
  Uploads(Path root) {
    this(root, false);
  }

  private Uploads(Path root, boolean temporary) {
    this.root = root;
    this.temporary = temporary;
    try {
      PrivateFiles.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload directory " + root, e);
    }
    this.use = FolderUse.enter(root.resolve(LOCK_FILE),
        alone -> removeOlderThan(alone ? Long.MAX_VALUE : System.currentTimeMillis() - ABANDONED_AFTER.toMillis(),
            "left by an earlier server"));
  }

  /** Uploads in a new temporary folder, deleted on {@link #close}. */
  static Uploads temporary() {
    try {
      return new Uploads(Files.createTempDirectory("mloop-uploads-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary upload directory", e);
    }
  }

  Path root() {
    return root;
  }

  /** A new, empty upload; returns its id. */
  String create() {
    removeOlderThan(System.currentTimeMillis() - ABANDONED_AFTER.toMillis(), "abandoned");
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    try {
      Files.createDirectories(filesOf(id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create upload " + id + " in " + root, e);
    }
    return id;
  }

  /** The directory holding an upload's files; RESOURCE_DOES_NOT_EXIST if there is no such upload. */
  Path files(String id) {
    if (id == null || !id.matches(ID)) {
      throw MloopException.invalid("bad upload_id '" + id + "': use the id returned by POST /api/v1/uploads");
    }
    Path dir = filesOf(id);
    if (!Files.isDirectory(dir)) {
      throw MloopException.notFound("upload '" + id + "' not found: uploads are deleted once used (or after "
          + ABANDONED_AFTER.toHours() + " hours); start a new one with POST /api/v1/uploads");
    }
    return dir;
  }

  /** Streams one file into an upload at a checked relative path; returns its size. */
  long write(String id, String relativePath, InputStream content) {
    Path dir = files(id);
    Path target = dir.resolve(relativePath).normalize();
    if (!target.startsWith(dir)) {
      throw MloopException.invalid("upload path '" + relativePath + "' leaves the upload");
    }
    try {
      Files.createDirectories(target.getParent());
      // Written beside the files, not among them, so a broken transfer never becomes part of the upload.
      Path partials = Files.createDirectories(root.resolve(id).resolve("partial"));
      Path partial = Files.createTempFile(partials, "file-", ".part");
      try {
        Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return Files.size(target);
    } catch (FileAlreadyExistsException | NotDirectoryException | DirectoryNotEmptyException e) {
      throw MloopException.invalid("upload path '" + relativePath + "' clashes with a file or folder already uploaded"
          + " (a name cannot be both)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store upload file '" + relativePath + "': " + e.getMessage(), e);
    }
  }

  /**
   * Hands an upload's files to {@code action} and deletes the upload afterwards, whatever the outcome.
   * A refusal's message names the upload ("upload ID"), never the server's staging folder: the
   * message goes back to the client, which knows only the id.
   */
  <T> T use(String id, Function<Path, T> action) {
    Path files = files(id);
    try {
      return action.apply(files);
    } catch (MloopException e) {
      String message = withoutStagingPaths(e.getMessage(), id);
      throw message.equals(e.getMessage()) ? e : new MloopException(e.code(), message, e);
    } finally {
      delete(id);
    }
  }

  /** {@code message} with the upload's folder named as the upload and any other staging path left out. */
  String withoutStagingPaths(String message, String id) {
    if (message == null) {
      return null;
    }
    String out = message;
    for (Path base : stagingRoots()) {
      out = out.replace(filesOf(base, id) + "/", "upload " + id + ": ")
          .replace(filesOf(base, id).toString(), "upload " + id)
          .replace(base.toString(), "<uploads>");
    }
    return out;
  }

  private List<Path> stagingRoots() {
    List<Path> roots = new ArrayList<>(List.of(root, root.toAbsolutePath().normalize()));
    try {
      roots.add(root.toRealPath());
    } catch (IOException e) {
      // The folder is gone: the paths as configured are all there is to leave out.
    }
    return roots;
  }

  void delete(String id) {
    if (id != null && id.matches(ID)) {
      FileTrees.deleteTree(root.resolve(id));
    }
  }

  private Path filesOf(String id) {
    return filesOf(root, id);
  }

  private static Path filesOf(Path root, String id) {
    return root.resolve(id).resolve("files");
  }

  /**
   * Removes the uploads whose newest file is older than {@code cutoff} (epoch ms); a best effort,
   * for a failed cleanup must not fail the request or the start that triggered it.
   */
  private void removeOlderThan(long cutoff, String why) {
    int count = 0;
    long bytes = 0;
    try (Stream<Path> uploads = Files.list(root)) {
      for (Path upload : (Iterable<Path>) uploads::iterator) {
        if (!upload.getFileName().toString().matches(ID)) {
          continue; // the lock file, or something that is not ours
        }
        long[] newestAndSize = newestAndSize(upload);
        if (newestAndSize[0] < cutoff) {
          FileTrees.deleteTree(upload);
          count++;
          bytes += newestAndSize[1];
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not remove old uploads: {}", e.toString());
    }
    if (count > 0) {
      LOG.warn("removed {} upload{} {} ({} bytes)", count, count == 1 ? "" : "s", why,
          String.format(java.util.Locale.ROOT, "%,d", bytes));
    }
  }

  /** The newest modification time (epoch ms) in an upload's tree, and the size of its files. */
  private static long[] newestAndSize(Path upload) throws IOException {
    long[] out = {0, 0};
    try (Stream<Path> files = Files.walk(upload)) {
      files.forEach(p -> {
        try {
          BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
          out[0] = Math.max(out[0], attrs.lastModifiedTime().toMillis());
          if (attrs.isRegularFile()) {
            out[1] += attrs.size();
          }
        } catch (IOException e) {
          // Removed meanwhile.
        }
      });
    }
    return out;
  }

  /** Stops using the folder; a temporary one is deleted. */
  @Override
  public void close() {
    use.close();
    if (temporary) {
      try {
        FileTrees.deleteTree(root);
      } catch (UncheckedIOException e) {
        LOG.warn("could not delete temporary uploads: {}", e.getMessage());
      }
    }
  }
}
