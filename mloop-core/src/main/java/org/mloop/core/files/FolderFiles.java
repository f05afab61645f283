package org.mloop.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mloop.core.MloopException;

/**
 * The one walk over a user's folder before its files are stored (a data asset, a model folder, a
 * job's code or outputs, the files a client uploads to a server): every regular file, as sorted
 * relative paths with '/' separators. Nothing is left out silently: an entry that cannot be stored
 * as the folder shows it makes the walk fail, naming it.
 *
 * <ul>
 *   <li>{@link Symlinks#REFUSE}: a symbolic link anywhere under the folder (to a file, a folder or
 *       nothing) is refused with its name and target; the caller decides to follow links or to
 *       replace them with files. The folder itself may be a link: the user named it.
 *   <li>{@link Symlinks#FOLLOW}: links are followed, inside the folder or out of it, and the files
 *       are listed under the link's own path; a link that loops back to a folder it is in, or that
 *       points to nothing, is refused with its name.
 * </ul>
 *
 * Pipes, sockets and devices are refused in both modes (reading a pipe would wait for ever).
 */
public final class FolderFiles {
  /** At most this many names are listed in a refusal; the count says how many more there are. */
  static final int NAMES_SHOWN = 10;

  /** What to do with symbolic links under the folder. */
  public enum Symlinks { REFUSE, FOLLOW }

  /** Which entries to leave out on purpose (an ignore file); paths relative with '/' separators. */
  public interface Filter {
    Filter NONE = new Filter() {
      @Override
      public boolean skipsFolder(String relative) {
        return false;
      }

      @Override
      public boolean skipsFile(String relative) {
        return false;
      }
    };

    boolean skipsFolder(String relative);

    boolean skipsFile(String relative);
  }

  /** Symbolic links found by a walk that does not follow them, with their names; the message lists them. */
  public static final class SymlinksRefused extends MloopException {
    private final List<String> links;

    SymlinksRefused(String message, List<String> links) {
      super(org.mloop.core.ErrorCode.INVALID_PARAMETER_VALUE, message);
      this.links = List.copyOf(links);
    }

    /** The links' paths relative to the folder. */
    public List<String> links() {
      return links;
    }
  }

  private FolderFiles() {}

  /** Every regular file under {@code folder}; {@code what} names the folder in errors ("folder", "model folder"). */
  public static List<String> list(Path folder, String what, Symlinks links) {
    return list(folder, what, links, Filter.NONE);
  }

  /** As {@link #list(Path, String, Symlinks)}, leaving out what {@code filter} skips (never reported). */
  public static List<String> list(Path folder, String what, Symlinks links, Filter filter) {
    Path root;
    try {
      root = folder.toRealPath();
    } catch (NoSuchFileException e) {
      throw MloopException.invalid(what + " '" + folder + "' does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + what + " " + folder + ": " + e.getMessage(), e);
    }
    if (!Files.isDirectory(root)) {
      throw MloopException.invalid(what + " '" + folder + "' is not a folder");
    }
    Walk walk = new Walk(root, links, filter);
    Set<FileVisitOption> options = links == Symlinks.FOLLOW ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
        : EnumSet.noneOf(FileVisitOption.class);
    try {
      Files.walkFileTree(root, options, Integer.MAX_VALUE, walk);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + what + " " + folder + ": " + e.getMessage(), e);
    }
    walk.refuseProblems(folder, what);
    walk.files.sort(null);
    return List.copyOf(walk.files);
  }

  private static final class Walk extends SimpleFileVisitor<Path> {
    private final Path root;
    private final Symlinks links;
    private final Filter filter;
    final List<String> files = new ArrayList<>();
    final List<String> refusedLinks = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    Walk(Path root, Symlinks links, Filter filter) {
      this.root = root;
      this.links = links;
      this.filter = filter;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      String rel = relative(dir);
      return !rel.isEmpty() && filter.skipsFolder(rel) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      String rel = relative(file);
      if (filter.skipsFile(rel)) {
        return FileVisitResult.CONTINUE;
      }
      if (attrs.isSymbolicLink()) {
        // Not followed (REFUSE), or followed to nothing (FOLLOW reports a dangling link's own attributes).
        if (links == Symlinks.REFUSE) {
          if (!filter.skipsFolder(rel)) {
            refusedLinks.add(rel);
            problems.add("'" + rel + "' -> '" + target(file) + "'");
          }
        } else {
          problems.add("'" + rel + "' is a symbolic link to '" + target(file) + "', which does not exist");
        }
      } else if (attrs.isRegularFile()) {
        files.add(rel);
      } else if (!attrs.isDirectory()) {
        problems.add("'" + rel + "' is not a regular file (a pipe, socket or device)");
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      String rel = relative(file);
      if (e instanceof FileSystemLoopException) {
        problems.add("'" + rel + "' is a symbolic link to a folder it is in (a cycle)");
      } else if (e instanceof AccessDeniedException) {
        problems.add("'" + rel + "' cannot be read (permission denied)");
      } else if (!(e instanceof NoSuchFileException)) {
        // NoSuchFile: removed while the folder was walked, so it is not in the folder any more.
        throw e;
      }
      return FileVisitResult.CONTINUE;
    }

    void refuseProblems(Path folder, String what) {
      if (problems.isEmpty()) {
        return;
      }
      problems.sort(null); // each starts with the entry's quoted path
      refusedLinks.sort(null);
      List<String> shown = problems.size() > NAMES_SHOWN ? problems.subList(0, NAMES_SHOWN) : problems;
      String names = String.join(", ", shown)
          + (problems.size() > shown.size() ? " and " + (problems.size() - shown.size()) + " more" : "");
      if (refusedLinks.isEmpty()) {
        throw MloopException.invalid(what + " '" + folder + "' cannot be stored as it is: " + names
            + "; nothing was stored");
      }
      int n = refusedLinks.size();
      String found = n == problems.size()
          ? n + " symbolic link" + (n == 1 ? "" : "s") + ", which " + (n == 1 ? "is" : "are") + " not followed"
          : "entries that cannot be stored as they are (symbolic links are not followed)";
      throw new SymlinksRefused(what + " '" + folder + "' holds " + found + ": " + names + ". Nothing was stored:"
          + " replace the links with the files they point to", refusedLinks);
    }

    private String relative(Path p) {
      return root.relativize(p).toString().replace('\\', '/');
    }

    private static String target(Path link) {
      try {
        return Files.readSymbolicLink(link).toString();
      } catch (IOException | UnsupportedOperationException e) {
        return "?";
      }
    }
  }
}
