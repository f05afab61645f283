package org.mloop.ci.actions;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.mloop.core.files.Globs;

/** Copying, deleting and globbing folders for the built-in actions. */
final class FileTrees {
  private FileTrees() {}

  /** Copies a file or a folder's content to {@code target} (created), keeping file modes; links are copied as links. */
  static void copy(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
          LinkOption.NOFOLLOW_LINKS);
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
        Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Deletes a file or folder if present (links are removed, not followed). */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Empties a folder, keeping the folder itself (creating it when missing). */
  static void empty(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        delete(child);
      }
    }
  }

  static boolean isEmptyOrMissing(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    }
  }

  static long size(Path path) throws IOException {
    if (!Files.exists(path)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(path)) {
      return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** The non-empty lines of a multi-line {@code with:} input ("path: |" lists), stripped. */
  static List<String> lines(String input) {
    return input.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
  }

  static boolean isGlob(String pattern) {
    return pattern.contains("*") || pattern.contains("?") || pattern.contains("[");
  }

  /** The folder a glob starts in: its path up to the first segment with a wildcard. */
  static Path globRoot(Path base, String pattern) {
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
   * Regular files under {@code base} whose path relative to it matches the glob ("dist/**&#47;*.jar", which
   * takes dist/app.jar too: {@code **}{@code /} matches zero or more folders, as on GitHub).
   */
  static List<Path> glob(Path base, String pattern) throws IOException {
    Path root = globRoot(base, pattern);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    Predicate<Path> matches = Globs.files(base, pattern);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.filter(Files::isRegularFile).filter(matches).sorted().forEach(found::add);
    }
    return found;
  }

  /** {@code ~/x} to the home folder, relative paths against {@code base}. */
  static Path resolve(Path base, String path) {
    String p = path.strip();
    if (p.equals("~") || p.startsWith("~/")) {
      return Path.of(System.getProperty("user.home")).resolve(p.equals("~") ? "" : p.substring(2)).normalize();
    }
    return base.resolve(p).normalize();
  }
}
