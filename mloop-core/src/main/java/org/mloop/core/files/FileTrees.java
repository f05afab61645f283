package org.mloop.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Local folder trees that mloop makes for itself (scratch, uploads, temporary copies) and removes. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes a file or a folder tree. A missing path is fine, and so is a file that disappears while
   * the tree is walked (another process tidying the same scratch folder). Links are deleted, never
   * followed.
   */
  public static void deleteTree(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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
   * version whose sha256 is on record.
   */
  public static void copyTree(Path source, Path target) {
    try {
      if (Files.isRegularFile(source)) {
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
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
          Files.copy(file, target.resolve(source.relativize(file).toString()));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }
}
