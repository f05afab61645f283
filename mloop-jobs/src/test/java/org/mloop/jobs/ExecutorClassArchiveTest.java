package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorClassArchiveTest {
  private static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  private static final byte[] MAGIC = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0};

  @TempDir Path dir;
  Path folder;
  Path jar;

  /** What the archive test's JVM runs. */
  public static final class Hello {
    public static void main(String[] args) {
      System.out.println("hello " + List.of(args));
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(System.getProperty("java.vm.info", "").contains("sharing"),
        "this JVM runs without class-data sharing, so executors get no archive");
    folder = dir.resolve("executor-cds");
    jar = dir.resolve("hello.jar");
    writeJar(jar);
  }

  @Test
  void aClassPathWithAFolderGetsNoArchive() {
    assertThat(ExecutorClassArchive.forClassPath(folder, OPTIONS, jar + java.io.File.pathSeparator + dir)).isNull();
    assertThat(ExecutorClassArchive.forClassPath(folder, OPTIONS, dir.resolve("missing.jar").toString())).isNull();
  }

  @Test
  void aFolderWithThePathSeparatorInItsNameGetsNoArchive() {
    // The JVM would read -XX:SharedArchiveFile=/a:b/x.jsa as the two archives /a and b/x.jsa.
    assertThat(ExecutorClassArchive.forClassPath(dir.resolve("a" + java.io.File.pathSeparator + "b"), OPTIONS,
        jar.toString())).isNull();
  }

  @Test
  void aJarThatExtendsTheClassPathThroughItsManifestGetsNoDump() throws IOException {
    Path booter = dir.resolve("booter.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, dir.toUri() + "classes/");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(booter), manifest)) {
      out.putNextEntry(new JarEntry("empty.txt"));
      out.closeEntry();
    }
    ExecutorClassArchive archive = ExecutorClassArchive.forClassPath(folder, OPTIONS, booter.toString());
    assertThat(archive.jvmOptions()).isEmpty();
    assertThat(archive.jvmOptions()).isEmpty();
  }

  @Test
  void theFirstLaunchDumpsAnArchiveAndOnlyOneLaunchAtATime() {
    ExecutorClassArchive archive = archive();
    List<String> first = archive.jvmOptions();
    assertThat(first.get(0)).startsWith("-XX:ArchiveClassesAtExit=" + folder.resolve("executor-")).endsWith(".dump");
    assertThat(first).as("without a warning per class left out").contains("-Xlog:cds=error");
    assertThat(archive.jvmOptions()).as("while the first dump is pending").isEmpty();
  }

  @Test
  void aCompleteDumpIsMovedIntoPlaceAndMapped() throws IOException {
    ExecutorClassArchive archive = archive();
    Path dump = dumpPath(archive.jvmOptions());
    writeDump(dump, true, Duration.ofMinutes(1));
    assertThat(archive.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + archive.file());
    assertThat(Files.isRegularFile(archive.file())).isTrue();
    assertThat(list(folder)).containsExactly(archive.file());
    assertThat(archive.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + archive.file());
  }

  @Test
  void aDumpStillBeingWrittenIsNotUsed() throws IOException {
    ExecutorClassArchive archive = archive();
    Path dump = dumpPath(archive.jvmOptions());
    writeDump(dump, false, Duration.ofMinutes(1)); // the header, with its magic number, is written last
    assertThat(archive.jvmOptions()).isEmpty();
    writeDump(dump, true, Duration.ZERO); // complete, but just written
    assertThat(archive.jvmOptions()).isEmpty();
    assertThat(Files.exists(archive.file())).isFalse();
  }

  @Test
  void aClaimWhoseDumpNeverCameIsGivenUpAfterAnHour() throws IOException {
    ExecutorClassArchive archive = archive();
    archive.jvmOptions();
    Path claim = folder.resolve(archive.file().getFileName().toString().replace(".jsa", ".claim"));
    assertThat(claim).exists();
    Files.setLastModifiedTime(claim, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    assertThat(archive.jvmOptions()).isEmpty();
    assertThat(archive.jvmOptions().get(0)).startsWith("-XX:ArchiveClassesAtExit=");
  }

  @Test
  void aChangedJarOrOtherOptionsGetAnotherArchiveAndTheOldOneGoes() throws IOException {
    ExecutorClassArchive before = archive();
    writeDump(dumpPath(before.jvmOptions()), true, Duration.ofMinutes(1));
    assertThat(before.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + before.file());

    assertThat(ExecutorClassArchive.forClassPath(folder, List.of("-XX:+UseG1GC"), jar.toString()).file())
        .isNotEqualTo(before.file());
    Files.write(jar, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    ExecutorClassArchive after = archive();
    assertThat(after.file()).isNotEqualTo(before.file());
    writeDump(dumpPath(after.jvmOptions()), true, Duration.ofMinutes(1));
    assertThat(after.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + after.file());
    assertThat(list(folder)).containsExactly(after.file());
  }

  /** The real thing: a JVM dumps at exit, and the next one maps the archive (-Xshare:on fails if it cannot). */
  @Test
  void aJvmDumpsAnArchiveThatTheNextJvmMaps() throws Exception {
    ExecutorClassArchive archive = archive();
    List<String> dumping = archive.jvmOptions();
    assertThat(run(dumping)).isZero();
    assertThat(Files.readString(dir.resolve("jvm.log"))).doesNotContain("[warning]");
    Path dump = dumpPath(dumping);
    assertThat(dump).exists();
    Files.setLastModifiedTime(dump, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));

    List<String> mapping = new ArrayList<>(archive.jvmOptions());
    assertThat(mapping).containsExactly("-XX:SharedArchiveFile=" + archive.file());
    mapping.add("-Xshare:on");
    assertThat(run(mapping)).isZero();
  }

  private ExecutorClassArchive archive() {
    ExecutorClassArchive archive = ExecutorClassArchive.forClassPath(folder, OPTIONS, jar.toString());
    assertThat(archive).isNotNull();
    return archive;
  }

  private int run(List<String> archiveOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(OPTIONS);
    command.addAll(archiveOptions);
    command.addAll(List.of("-cp", jar.toString(), Hello.class.getName(), "world"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("jvm.log").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(dir.resolve("jvm.log"))).contains("hello [world]");
    return process.exitValue();
  }

  private static Path dumpPath(List<String> options) {
    assertThat(options).isNotEmpty();
    assertThat(options.get(0)).startsWith("-XX:ArchiveClassesAtExit=");
    return Path.of(options.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
  }

  private static void writeDump(Path dump, boolean complete, Duration age) throws IOException {
    byte[] bytes = new byte[4096];
    if (complete) {
      System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
    }
    Files.write(dump, bytes);
    Files.setLastModifiedTime(dump, FileTime.from(Instant.now().minus(age)));
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  private static void writeJar(Path jar) throws IOException {
    String entry = Hello.class.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
        InputStream in = Hello.class.getClassLoader().getResourceAsStream(entry)) {
      jarOut.putNextEntry(new JarEntry(entry));
      in.transferTo(jarOut);
      jarOut.closeEntry();
    }
  }
}
