package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;

class FileArtifactStoreTest {
  @TempDir
  Path root;

  private FileArtifactStore store;

  @BeforeEach
  void open() {
    store = new FileArtifactStore(root);
  }

  @Test
  void aNewStoresFolderIsItsOwnersAlone() throws IOException {
    Path fresh = root.resolve("fresh/artifacts");
    new FileArtifactStore(fresh);
    assertThat(java.nio.file.Files.getPosixFilePermissions(fresh))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private String readAll(String path) throws IOException {
    try (InputStream in = store.read(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A stream of {@code size} pseudo-random bytes that fails after {@code failAfter} bytes (or never). */
  private static final class Generated extends InputStream {
    private final long size;
    private final long failAfter;
    private long position;

    Generated(long size, long failAfter) {
      this.size = size;
      this.failAfter = failAfter;
    }

    @Override
    public int read() throws IOException {
      if (position == failAfter) {
        throw new IOException("connection reset");
      }
      return position < size ? (int) ((position++ * 31 + 7) & 0xff) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= size) {
        return -1;
      }
      int n = 0;
      while (n < len && position < size) {
        b[off + n++] = (byte) read();
      }
      return n;
    }
  }

  @Test
  void writesReadsAndRecordsSha256() throws IOException {
    ArtifactFile written = store.write("mlartifacts/1/abc/artifacts/notes.txt", text("hello"));
    assertThat(written).isEqualTo(new ArtifactFile("mlartifacts/1/abc/artifacts/notes.txt", false, 5L,
        ContentHash.ofString("hello")));
    assertThat(readAll("mlartifacts/1/abc/artifacts/notes.txt")).isEqualTo("hello");
    assertThat(store.stat("mlartifacts/1/abc/artifacts/notes.txt")).contains(written);
    assertThat(store.stat("mlartifacts/1")).contains(new ArtifactFile("mlartifacts/1", true, null, null));
    assertThat(store.stat("missing.txt")).isEmpty();
    assertThat(store.exists("mlartifacts/1/abc")).isTrue();
    assertThat(store.exists("nope")).isFalse();
  }

  @Test
  void streamsLargeFilesWithTheirDigest() throws Exception {
    long size = 5L * 1024 * 1024 + 3;
    ArtifactFile written = store.write("big/blob.bin", new Generated(size, -1));
    MessageDigest expected = ContentHash.newDigest();
    try (InputStream in = new Generated(size, -1)) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        expected.update(buffer, 0, n);
      }
    }
    assertThat(written.sizeBytes()).isEqualTo(size);
    assertThat(written.sha256()).isEqualTo(ContentHash.hex(expected.digest()));
    assertThat(Files.size(root.resolve("big/blob.bin"))).isEqualTo(size);
    assertThat(ContentHash.ofFile(root.resolve("big/blob.bin"))).isEqualTo(written.sha256());
  }

  @Test
  void writingBelowAFileIsABadRequestThatHidesTheStoresFolder() {
    store.write("runs/a.txt", text("a"));
    assertThatThrownBy(() -> store.write("runs/a.txt/b.txt", text("b")))
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining("'runs/a.txt' is a file")
        .hasMessageNotContaining(root.toString());
  }

  @Test
  void overwritingReplacesContentAndDigest() throws IOException {
    store.write("a.txt", text("one"));
    ArtifactFile second = store.write("a.txt", text("two"));
    assertThat(readAll("a.txt")).isEqualTo("two");
    assertThat(store.stat("a.txt").orElseThrow().sha256()).isEqualTo(second.sha256()).isEqualTo(ContentHash.ofString("two"));
  }

  /** Concurrent overwrites of one path: whichever wins, its digest is the one recorded beside it. */
  @Test
  void concurrentWritersOfOnePathLeaveContentAndDigestThatAgree() throws Exception {
    for (int round = 0; round < 200; round++) {
      String path = "race/" + round + ".txt";
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Thread> writers = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String content = "writer " + w;
        Thread t = new Thread(() -> {
          try {
            start.await();
            store.write(path, text(content));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        t.start();
        writers.add(t);
      }
      start.countDown();
      for (Thread t : writers) {
        t.join();
      }
      assertThat(store.stat(path).orElseThrow().sha256()).as("round %d", round)
          .isEqualTo(ContentHash.ofString(readAll(path)));
    }
  }

  @Test
  void aFailedWriteLeavesNoPartialFile() throws IOException {
    assertThatThrownBy(() -> store.write("data/new.csv", new Generated(1_000_000, 70_000)))
        .isInstanceOf(MloopException.class)
        .hasMessageContaining("data/new.csv");
    assertThat(store.exists("data/new.csv")).isFalse();
    assertThat(store.listRecursive("")).isEmpty();

    store.write("data/old.csv", text("complete"));
    assertThatThrownBy(() -> store.write("data/old.csv", new Generated(1_000_000, 70_000)))
        .isInstanceOf(MloopException.class);
    assertThat(readAll("data/old.csv")).isEqualTo("complete");
    assertThat(store.stat("data/old.csv").orElseThrow().sha256()).isEqualTo(ContentHash.ofString("complete"));
    try (Stream<Path> temps = Files.list(root.resolve(".tmp"))) {
      assertThat(temps).as("temp files are cleaned up").isEmpty();
    }
  }

  @Test
  void rejectsUnsafePaths() {
    for (String bad : List.of("/etc/passwd", "../outside", "a/../../b", "a/./b", "a\\b", "a//b", "a/", ".",
        ".sha256/x", ".tmp/x", "C:/x")) {
      assertThatThrownBy(() -> store.write(bad, text("x"))).as(bad)
          .isInstanceOf(MloopException.class)
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
          .hasMessageContaining("'" + bad + "' is not allowed");
    }
    assertThatThrownBy(() -> store.write("", text("x"))).hasMessageContaining("it is empty");
    assertThatThrownBy(() -> store.read("../x")).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> store.list("a/../..")).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> store.delete("")).hasMessageContaining("it is empty");
    assertThat(Files.exists(root.resolveSibling("outside"))).isFalse();
  }

  @Test
  void listsChildrenAndTreesWithRootRelativePaths() {
    store.write("data/diabetes/abc/part-0.csv", text("a"));
    store.write("data/diabetes/abc/nested/part-1.csv", text("bb"));
    store.write("code/xyz/job.yml", text("ccc"));

    assertThat(store.list("")).extracting(ArtifactFile::path, ArtifactFile::directory)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("code", true),
            org.assertj.core.groups.Tuple.tuple("data", true));
    assertThat(store.list("data/diabetes/abc")).containsExactly(
        new ArtifactFile("data/diabetes/abc/nested", true, null, null),
        new ArtifactFile("data/diabetes/abc/part-0.csv", false, 1L, ContentHash.ofString("a")));
    assertThat(store.listRecursive("data")).containsExactly(
        new ArtifactFile("data/diabetes/abc/nested/part-1.csv", false, 2L, ContentHash.ofString("bb")),
        new ArtifactFile("data/diabetes/abc/part-0.csv", false, 1L, ContentHash.ofString("a")));
    assertThat(store.listRecursive("")).extracting(ArtifactFile::path).containsExactly(
        "code/xyz/job.yml", "data/diabetes/abc/nested/part-1.csv", "data/diabetes/abc/part-0.csv");
    assertThat(store.list("missing")).isEmpty();
    assertThat(store.listRecursive("missing")).isEmpty();
  }

  @Test
  void filesPlacedByOtherMeansGetADigest() throws IOException {
    Files.createDirectories(root.resolve("manual"));
    Files.writeString(root.resolve("manual/x.txt"), "by hand");
    assertThat(store.stat("manual/x.txt").orElseThrow().sha256()).isEqualTo(ContentHash.ofString("by hand"));
  }

  @Test
  void deletesFilesAndTreesWithTheirDigests() {
    store.write("jobs/j1/outputs/model/a.bin", text("a"));
    store.write("jobs/j1/outputs/model/b.bin", text("b"));
    store.write("jobs/j2/logs/std_log.txt", text("log"));
    store.delete("jobs/j1/outputs/model/a.bin");
    assertThat(store.exists("jobs/j1/outputs/model/a.bin")).isFalse();
    assertThat(Files.exists(root.resolve(".sha256/jobs/j1/outputs/model/a.bin"))).isFalse();
    store.delete("jobs/j1");
    assertThat(store.exists("jobs/j1")).isFalse();
    assertThat(Files.exists(root.resolve(".sha256/jobs/j1"))).isFalse();
    assertThat(store.listRecursive("")).extracting(ArtifactFile::path).containsExactly("jobs/j2/logs/std_log.txt");
    store.delete("never/there"); // ignored
  }

  @Test
  void materializeIsTheStoresOwnDirectory() {
    store.write("data/d/v1/file.csv", text("x"));
    Path cache = root.resolveSibling("cache-unused");
    assertThat(store.materialize("data/d/v1", cache)).isEqualTo(root.toAbsolutePath().resolve("data/d/v1"));
    assertThat(Files.exists(cache)).isFalse();
    assertThatThrownBy(() -> store.materialize("data/none", cache))
        .isInstanceOf(MloopException.class)
        .hasMessageContaining("data/none");
  }

  @Test
  void uriIsAFileUri() {
    assertThat(store.uri("a/b.txt")).isEqualTo(root.toAbsolutePath().resolve("a/b.txt").toUri().toString());
    assertThat(store.uri("a/b.txt")).startsWith("file:///");
  }

  @Test
  void readingAMissingFileIsNotFound() {
    assertThatThrownBy(() -> store.read("nope.txt"))
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }
}
