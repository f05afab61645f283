package org.mloop.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A process's use of a shared folder (an artifact store, a server's upload staging), held from
 * {@link #enter} to {@link #close} as a shared lock on a lock file in the folder. Several
 * processes (the CLI, job executors, servers) use one workspace at once; a process that starts
 * while none of the others does is the folder's only user, and may remove what a crashed process
 * left half-written without any risk of deleting a live process's files.
 *
 * <p>The lock is the operating system's (fcntl on POSIX), so it is released when a process dies,
 * however it dies. Uses within one process are counted: the lock is taken once and released with
 * the last use. The lock file itself must never be deleted while the folder is in use.
 */
public final class FolderUse implements AutoCloseable {
  private static final Map<Path, Held> HELD = new HashMap<>();

  private final Path key;
  private boolean closed;

  private record Held(FileChannel channel, FileLock lock, int uses) {}

  private FolderUse(Path key) {
    this.key = key;
  }

  /**
   * Starts using the folder of {@code lockFile} (created when missing). {@code tidy} runs first,
   * told whether this process is the folder's only user; while it runs with {@code true}, any other
   * process that starts waits before it uses the folder.
   */
  public static FolderUse enter(Path lockFile, Consumer<Boolean> tidy) {
    synchronized (HELD) {
      FileChannel channel = open(lockFile);
      if (channel == null) {
        return new FolderUse(null); // a folder this process may only read: it leaves nothing to tidy
      }
      try {
        Path key = lockFile.toRealPath();
        Held held = HELD.get(key);
        if (held != null) {
          channel.close();
          HELD.put(key, new Held(held.channel(), held.lock(), held.uses() + 1));
          tidy.accept(false); // this process already uses the folder elsewhere
          return new FolderUse(key);
        }
        try {
          FileLock exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
          try {
            tidy.accept(exclusive != null);
          } finally {
            if (exclusive != null) {
              exclusive.release();
            }
          }
          // Blocks while another process tidies as the only user.
          HELD.put(key, new Held(channel, channel.lock(0, Long.MAX_VALUE, true), 1));
          return new FolderUse(key);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
      }
    }
  }

  /** A use of a folder that holds no lock: of a store not on this machine's disk. */
  public static FolderUse none() {
    return new FolderUse(null);
  }

  /** The lock file, created private when missing; null when it cannot be created or written (a read-only folder). */
  private static FileChannel open(Path lockFile) {
    try {
      PrivateFiles.createDirectories(lockFile.getParent());
      return FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE), PrivateFiles.fileAttributes());
    } catch (java.nio.file.FileSystemException e) { // read-only file system, permission denied
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + lockFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held held = key == null ? null : HELD.get(key);
      if (held == null) {
        return;
      }
      if (held.uses() > 1) {
        HELD.put(key, new Held(held.channel(), held.lock(), held.uses() - 1));
        return;
      }
      HELD.remove(key);
      try {
        held.channel().close(); // releases the lock
      } catch (IOException e) {
        // Closing a channel we only locked: nothing was written, nothing to lose.
      }
    }
  }
}
