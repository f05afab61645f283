package org.mloop.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Local folder trees: the ones mloop makes for itself (scratch, uploads, temporary copies) and
 * removes, and the CI actions' copies, caches and globs.
 */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes a file or a folder tree. A missing path is fine, and so is a file that disappears while
   * the tree is walked (another process tidying the same scratch folder). Links are deleted, never
   * followed.
   */
  public static void deleteTree(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copies a file, or a folder tree into {@code target} (created), for readers that must not be able
   * to change the original: a job's inputs are copies, so a command cannot alter a data asset
   * version whose sha256 is on record. {@code options} go to each file's copy: the CI actions pass
   * REPLACE_EXISTING, COPY_ATTRIBUTES and NOFOLLOW_LINKS (links copied as links).
   */
  public static void copyTree(Path source, Path target, CopyOption... options) {
    boolean noFollow = Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
    try {
      if (!(noFollow ? Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) : Files.isDirectory(source))) {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(source, target, options);
        return;
      }
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          Files.createDirectories(target.resolve(source.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.copy(file, target.resolve(source.relativize(file).toString()), options);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Empties a folder, keeping the folder itself (creating it when missing). */
  public static void emptyFolder(Path dir) {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : children.toList()) {
          deleteTree(child);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The bytes of the regular files in a file or folder tree; 0 when it does not exist. */
  public static long size(Path path) {
    if (!Files.exists(path)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(path)) {
      return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether a path has a wildcard, so {@link #glob} rather than a plain path applies. */
  public static boolean isGlob(String pattern) {
    return pattern.contains("*") || pattern.contains("?") || pattern.contains("[");
  }

  /** The folder a glob starts in: its path up to the first segment with a wildcard. */
  public static Path globRoot(Path base, String pattern) {
    Path root = base;
    for (String segment : pattern.split("/")) {
      if (isGlob(segment)) {
        break;
      }
      root = root.resolve(segment);
    }
    return root;
  }

  /**
   * Regular files under {@code base} whose path relative to it matches a GitHub glob
   * ("dist/**&#47;*.jar", which takes dist/app.jar too: {@code **}{@code /} matches zero or more
   * folders), sorted.
   */
  public static List<Path> glob(Path base, String pattern) {
    Path root = globRoot(base, pattern);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    Predicate<Path> matches = Globs.files(base, pattern);
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).filter(matches).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }
}
