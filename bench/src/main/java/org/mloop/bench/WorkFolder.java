package org.mloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mloop.core.files.FileTrees;

/**
 * A benchmark's work folder: the one named by {@code --dir} (kept afterwards), or a new temporary
 * folder deleted on {@link #close()}.
 */
final class WorkFolder implements AutoCloseable {
  private final Path path;
  private final boolean temporary;

  private WorkFolder(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /** The {@code --dir} folder (created if missing), or a new temporary one named {@code prefix...}. */
  static WorkFolder open(String[] args, String prefix) throws IOException {
    String option = BenchArgs.option(args, "--dir");
    WorkFolder folder = option != null ? new WorkFolder(Path.of(option), false)
        : new WorkFolder(Files.createTempDirectory(prefix), true);
    Files.createDirectories(folder.path);
    return folder;
  }

  Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (temporary) {
      FileTrees.deleteTree(path);
    }
  }
}
