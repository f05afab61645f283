package org.mloop.jobs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data sharing archive (AppCDS) for the JVMs that execute jobs. Every job starts a JVM that
 * loads the same few thousand classes (picocli, Jackson, SQLite, Vert.x ...); mapping them from
 * an archive instead of loading them from jars roughly halves its start. Java 17 cannot create
 * such an archive by itself, so this keeps one per JVM and class path in a folder:
 *
 * <ol>
 *   <li>While there is none, one launch at a time (a claim file) asks its JVM to dump the classes
 *       it loaded when it exits ({@code -XX:ArchiveClassesAtExit}), into a file of its own.
 *   <li>A later launch moves a finished dump into place. The JVM writes an archive's header,
 *       which starts with a magic number, after everything else: a dump that has the magic
 *       number and has not changed for a few seconds is complete.
 *   <li>Launches then map it ({@code -XX:SharedArchiveFile}). A JVM that cannot use it (a changed
 *       jar, another Java) prints a warning and starts without it.
 * </ol>
 *
 * <p>None is used where dumping could stop the JVM from starting at all: a class path that holds
 * a directory (IDEs, some test runners), or a JVM running without the JDK's base archive
 * (-Xshare:off, JAVA_TOOL_OPTIONS); nor where jars extend the class path through their manifests
 * (a test runner's one-jar class path). The name of the archive covers the java, its options and every jar's size
 * and modification time, so a rebuild gets a new archive and the old ones are deleted.
 */
public final class ExecutorClassArchive {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorClassArchive.class);
  /** The first bytes of a dynamic CDS archive: 0xf00baba8, little-endian. */
  private static final byte[] MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};
  private static final Duration SETTLED = Duration.ofSeconds(5);
  /** A claim this old belongs to a dump that will not come (its JVM was killed, or still runs a long job). */
  private static final Duration STALE_CLAIM = Duration.ofHours(1);
  private static final String PREFIX = "executor-";

  /** Per class-path key: whether its jars are all the class path there is (see {@link #selfContained}). */
  private static final Map<String, Boolean> SELF_CONTAINED = new ConcurrentHashMap<>();

  private final Path folder;
  private final String key;
  private final List<Path> jars;

  private ExecutorClassArchive(Path folder, String key, List<Path> jars) {
    this.folder = folder;
    this.key = key;
    this.jars = jars;
  }

  /**
   * The archive for JVMs started with {@code java} (this JVM's), {@code jvmOptions} and
   * {@code classPath} (a path-separated list), kept in {@code folder}; null when they cannot use
   * one (see the class comment).
   */
  public static ExecutorClassArchive forClassPath(Path folder, List<String> jvmOptions, String classPath) {
    if (ClassArchiveChecks.refusal(folder.resolve(PREFIX + ".jsa"), classPath) != null) {
      return null;
    }
    StringBuilder identity = new StringBuilder()
        .append(System.getProperty("java.home")).append('\n')
        .append(System.getProperty("java.vm.version")).append('\n')
        .append(String.join(" ", jvmOptions)).append('\n')
        .append(System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "")).append('\n');
    List<Path> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      jars.add(jar);
      try {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        identity.append(jar.toAbsolutePath()).append(' ').append(attributes.size()).append(' ')
            .append(attributes.lastModifiedTime().toMillis()).append('\n');
      } catch (IOException e) {
        return null;
      }
    }
    return new ExecutorClassArchive(folder, sha256(identity.toString()).substring(0, 16), List.copyOf(jars));
  }

  /** The archive file for this class path (it may not exist yet). */
  public Path file() {
    return folder.resolve(PREFIX + key + ".jsa");
  }

  /**
   * The JVM options for the next launch: map the archive, or dump one, or nothing while another
   * JVM is dumping it. Never throws: without an archive a JVM just starts slower.
   */
  public List<String> jvmOptions() {
    try {
      Path archive = file();
      if (Files.isRegularFile(archive)) {
        return List.of("-XX:SharedArchiveFile=" + archive);
      }
      Files.createDirectories(folder);
      if (promoteFinishedDump(archive)) {
        return List.of("-XX:SharedArchiveFile=" + archive);
      }
      // The dump warns about every class it leaves out (picocli's Java 5 classes, JFR events ...).
      return selfContained() && claimDump() ? List.of("-XX:ArchiveClassesAtExit=" + folder.resolve(PREFIX + key + "."
          + UUID.randomUUID() + ".dump"), "-Xlog:cds=error") : List.of();
    } catch (IOException | RuntimeException e) {
      LOG.warn("job executors start without a class-data sharing archive: {}", e.toString());
      return List.of();
    }
  }

  /** Moves a complete dump of this key into place and deletes everything of other keys. */
  private boolean promoteFinishedDump(Path archive) throws IOException {
    List<Path> dumps;
    try (Stream<Path> files = Files.list(folder)) {
      dumps = files.filter(f -> f.getFileName().toString().startsWith(PREFIX + key + ".")
          && f.getFileName().toString().endsWith(".dump")).toList();
    }
    for (Path dump : dumps) {
      if (isComplete(dump)) {
        try {
          Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          continue; // another launch moved one first
        }
        LOG.debug("job executors now use the class-data sharing archive {}", archive);
        deleteOthers(archive);
        return true;
      }
    }
    return Files.isRegularFile(archive);
  }

  private static boolean isComplete(Path dump) {
    try (InputStream in = Files.newInputStream(dump)) {
      byte[] head = in.readNBytes(MAGIC.length);
      return Arrays.equals(head, MAGIC)
          && Files.getLastModifiedTime(dump).toMillis() < System.currentTimeMillis() - SETTLED.toMillis();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * False when a jar names more of the class path in its manifest (Class-Path), as the one-jar
   * class path of a test runner does: the archive would miss those classes and is not worth its
   * dump. Read once per class path.
   */
  private boolean selfContained() {
    return SELF_CONTAINED.computeIfAbsent(key, k -> jars.stream().noneMatch(ExecutorClassArchive::extendsClassPath));
  }

  private static boolean extendsClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) != null;
    } catch (IOException e) {
      return true;
    }
  }

  /** True for the one launch that should dump an archive now. */
  private boolean claimDump() throws IOException {
    Path claim = folder.resolve(PREFIX + key + ".claim");
    try {
      Files.writeString(claim, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      if (Files.getLastModifiedTime(claim).toMillis() < System.currentTimeMillis() - STALE_CLAIM.toMillis()) {
        Files.deleteIfExists(claim); // the next launch claims again
      }
      return false;
    }
  }

  /** Archives, dumps and claims of other class paths (earlier builds) and of this one, except {@code keep}. */
  private void deleteOthers(Path keep) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(PREFIX) && !f.equals(keep)).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
