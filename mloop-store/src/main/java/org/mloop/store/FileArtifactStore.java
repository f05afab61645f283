package org.mloop.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.mloop.core.ErrorCode;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.files.PrivateFiles;

/**
 * The artifact store on a local directory.
 *
 * <p>A write streams into {@code <root>/.tmp/} while computing the sha256, records the digest in
 * the parallel tree {@code <root>/.sha256/<path>}, then renames the file into place atomically, so
 * readers see the old file or the whole new one, never a part. A write is durable when it returns:
 * each file is fsynced before its rename and each folder after an entry is made in it, so a
 * version row written after its files never points at files a power loss took. Folders are
 * created 0700 and files 0600 on POSIX systems ({@link PrivateFiles}). The two hidden folders are
 * never listed and cannot be written to. Paths are {@link ArtifactPath}s.
 *
 * <p>{@link ArtifactStores} opens it for a {@code file:} URI or a plain folder path ({@link #open}).
 */
public final class FileArtifactStore implements ArtifactStore {
  /** Striped by target path, shared by every store of this process (a server may open several on one root). */
  private static final Object[] WRITE_LOCKS = new Object[64];

  static {
    for (int i = 0; i < WRITE_LOCKS.length; i++) {
      WRITE_LOCKS[i] = new Object();
    }
  }

  static final String TEMP_DIR = ".tmp";
  static final String DIGEST_DIR = ".sha256";
  private static final Set<String> RESERVED = Set.of(TEMP_DIR, DIGEST_DIR);
  private static final String FIELD = "artifact path";

  private final Path root;

  public FileArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      PrivateFiles.createDirectories(this.root); // a new store's folder is its owner's alone (0700)
      PrivateFiles.createDirectories(this.root.resolve(TEMP_DIR));
      PrivateFiles.createDirectories(this.root.resolve(DIGEST_DIR));
    } catch (IOException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR,
          "Cannot create the artifact store folder " + this.root + ": " + e.getMessage(), e);
    }
  }

  /**
   * The store a {@code file:} URI names ({@code file:///srv/mloop/artifacts}; {@code file://localhost/...}
   * too), or a plain folder path, resolved against {@code base} when relative. Its entry in
   * {@link ArtifactStores}.
   */
  static FileArtifactStore open(String uri, Path base) {
    if (!uri.regionMatches(true, 0, "file:", 0, "file:".length())) {
      try {
        return new FileArtifactStore(base.resolve(uri));
      } catch (InvalidPathException e) {
        throw MloopException.invalid("artifact store folder " + MessageText.quoted(uri) + " is not a valid path: "
            + e.getReason());
      }
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw MloopException.invalid("artifact store URI " + MessageText.quoted(uri) + " is not a valid URI: "
          + e.getReason() + " (encode spaces as %20)");
    }
    String host = parsed.getAuthority();
    if (parsed.isOpaque() || parsed.getPath() == null || parsed.getPath().isEmpty()
        || (host != null && !host.equalsIgnoreCase("localhost"))) {
      throw MloopException.invalid("artifact store URI " + MessageText.quoted(uri) + " does not name a folder on "
          + "this machine: use file:///absolute/path/to/folder, or a plain folder path");
    }
    try {
      return new FileArtifactStore(Path.of(new URI("file", null, parsed.getPath(), null)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw MloopException.invalid("artifact store URI " + MessageText.quoted(uri) + " does not name a folder: "
          + e.getMessage());
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public ArtifactFile write(String path, InputStream content) {
    String clean = checkPath(path, false);
    Path target = root.resolve(clean);
    Path temp = root.resolve(TEMP_DIR).resolve(UUID.randomUUID() + ".part");
    MessageDigest digest = ContentHash.newDigest();
    long size = 0;
    try {
      try (FileChannel channel = PrivateFiles.createFile(temp); OutputStream out = Channels.newOutputStream(channel)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
        }
        channel.force(true); // on the disk before its name is
      }
      String sha256 = ContentHash.hex(digest.digest());
      if (Files.isDirectory(target)) {
        throw MloopException.invalid("Cannot write artifact '" + clean + "': a directory of that name exists.");
      }
      for (Path parent = target.getParent(); !parent.equals(root); parent = parent.getParent()) {
        if (Files.isRegularFile(parent)) {
          throw MloopException.invalid("Cannot write artifact '" + clean + "': '" + root.relativize(parent)
              + "' is a file, not a directory.");
        }
      }
      createDirectoriesDurably(target.getParent());
      // Two writers of one path must not interleave: A's content beside B's digest would read as corrupt.
      synchronized (WRITE_LOCKS[Math.floorMod(target.toAbsolutePath().hashCode(), WRITE_LOCKS.length)]) {
        writeDigest(clean, sha256);
        moveAtomically(temp, target);
      }
      PrivateFiles.syncFolder(target.getParent()); // the new name survives a power loss too
      return new ArtifactFile(clean, false, size, sha256);
    } catch (IOException e) {
      // The message reaches remote clients: name the artifact, not the server's folders.
      throw new MloopException(ErrorCode.INTERNAL_ERROR,
          "Cannot write artifact '" + clean + "': " + e.getClass().getSimpleName(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A leftover temp file is only wasted space in the hidden .tmp folder.
      }
    }
  }

  /**
   * The digest is written (atomically and durably too) before the content, so a visible file always
   * has one.
   */
  private void writeDigest(String path, String sha256) throws IOException {
    Path digestFile = digestFile(path);
    createDirectoriesDurably(digestFile.getParent());
    Path temp = root.resolve(TEMP_DIR).resolve(UUID.randomUUID() + ".sha256");
    try (FileChannel channel = PrivateFiles.createFile(temp)) {
      channel.write(ByteBuffer.wrap(sha256.getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    moveAtomically(temp, digestFile);
    PrivateFiles.syncFolder(digestFile.getParent());
  }

  /** Private folders, each new one recorded durably in its parent. */
  private static void createDirectoriesDurably(Path dir) throws IOException {
    for (Path created : PrivateFiles.createDirectories(dir)) {
      PrivateFiles.syncFolder(created.getParent());
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to + " cannot rename atomically", e);
    }
  }

  @Override
  public InputStream read(String path) {
    String clean = checkPath(path, false);
    Path file = root.resolve(clean);
    if (!Files.isRegularFile(file)) {
      throw MloopException.notFound("Artifact '" + clean + "' not found in the artifact store.");
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw MloopException.notFound("Artifact '" + clean + "' not found in the artifact store.");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + file, e);
    }
  }

  @Override
  public Optional<ArtifactFile> stat(String path) {
    String clean = checkPath(path, true);
    Path file = root.resolve(clean);
    if (Files.isDirectory(file)) {
      return Optional.of(new ArtifactFile(clean, true, null, null));
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(fileEntry(clean, file));
  }

  @Override
  public List<ArtifactFile> list(String directory) {
    String clean = checkPath(directory, true);
    Path dir = root.resolve(clean);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ArtifactFile> out = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (clean.isEmpty() && RESERVED.contains(name)) {
          continue;
        }
        String relative = clean.isEmpty() ? name : clean + "/" + name;
        if (Files.isDirectory(child)) {
          out.add(new ArtifactFile(relative, true, null, null));
        } else if (Files.isRegularFile(child)) {
          out.add(fileEntry(relative, child));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list artifacts in " + dir, e);
    }
    out.sort(Comparator.comparing(ArtifactFile::path));
    return out;
  }

  @Override
  public List<ArtifactFile> listRecursive(String directory) {
    String clean = checkPath(directory, true);
    Path dir = root.resolve(clean);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ArtifactFile> out = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          boolean hidden = d.getParent() != null && d.getParent().equals(root)
              && RESERVED.contains(d.getFileName().toString());
          return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            out.add(fileEntry(relative(file), file));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list artifacts under " + dir, e);
    }
    out.sort(Comparator.comparing(ArtifactFile::path));
    return out;
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(root.resolve(checkPath(path, true)));
  }

  @Override
  public void delete(String path) {
    String clean = checkPath(path, false);
    try {
      deleteTree(root.resolve(clean));
      deleteTree(digestFile(clean));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete artifact " + clean + " in " + root, e);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The store's own directory: files on the local disk need no copy. */
  @Override
  public Path materialize(String directory, Path cache) {
    String clean = checkPath(directory, true);
    Path dir = root.resolve(clean);
    if (!Files.exists(dir)) {
      throw MloopException.notFound("Artifact directory '" + clean + "' not found in the artifact store.");
    }
    return dir;
  }

  @Override
  public String uri(String path) {
    return root.resolve(checkPath(path, true)).toUri().toString();
  }

  private ArtifactFile fileEntry(String relative, Path file) {
    try {
      long size = Files.size(file);
      return new ArtifactFile(relative, false, size, digestOf(relative, file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + file, e);
    }
  }

  /** The recorded digest; files placed in the tree by other means get theirs computed and recorded. */
  private String digestOf(String relative, Path file) throws IOException {
    Path digestFile = digestFile(relative);
    if (Files.isRegularFile(digestFile)) {
      return Files.readString(digestFile, StandardCharsets.US_ASCII).trim();
    }
    String sha256 = ContentHash.ofFile(file);
    writeDigest(relative, sha256);
    return sha256;
  }

  private Path digestFile(String relative) {
    return root.resolve(DIGEST_DIR).resolve(relative);
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /**
   * Checks a store path ({@link ArtifactPath}) and returns it as given. {@code ""} (the root) is
   * allowed only where {@code allowRoot}; the hidden folders are never addressable.
   */
  static String checkPath(String path, boolean allowRoot) {
    ArtifactPath checked = allowRoot ? ArtifactPath.parse(FIELD, path, Allow.ROOT) : ArtifactPath.parse(FIELD, path);
    if (!checked.isRoot() && RESERVED.contains(checked.segments().get(0))) {
      throw ArtifactPath.notAllowed(FIELD, path, "'" + checked.segments().get(0) + "' is the store's own hidden folder");
    }
    return checked.value();
  }
}
