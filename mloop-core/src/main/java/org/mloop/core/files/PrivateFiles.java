package org.mloop.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files and folders of a workspace that other users of the machine must not read (its database,
 * its artifacts): on POSIX systems folders are created 0700 and files 0600, whatever the umask
 * would allow. Elsewhere the platform's defaults apply. Also the fsync calls that make a committed
 * file survive a power loss: the file's content, then the folder entry that names it.
 */
public final class PrivateFiles {
  /** Whether the default file system has POSIX permissions (Linux, macOS). */
  public static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** The attributes of a new private folder (none where POSIX permissions do not exist). */
  public static FileAttribute<?>[] folderAttributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FOLDER)} : new FileAttribute<?>[0];
  }

  /** The attributes of a new private file (none where POSIX permissions do not exist). */
  public static FileAttribute<?>[] fileAttributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /**
   * Creates {@code dir} and its missing parents as private folders; returns the folders it created,
   * outermost first (empty when {@code dir} existed). Existing folders keep their permissions.
   */
  public static List<Path> createDirectories(Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(0, p);
    }
    List<Path> created = new ArrayList<>();
    for (Path p : missing) {
      try {
        Files.createDirectory(p, folderAttributes());
        created.add(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
        // Another process or thread made it first: fine.
      }
    }
    return created;
  }

  /** A new private file (it must not exist), open for writing. */
  public static FileChannel createFile(Path file) throws IOException {
    return FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes());
  }

  /**
   * Flushes a folder's entries to the disk, so a file created or renamed into it is still there after
   * a power loss. Where folders cannot be opened (Windows) there is nothing to do: the file system
   * orders that itself.
   */
  public static void syncFolder(Path dir) throws IOException {
    if (!POSIX) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
