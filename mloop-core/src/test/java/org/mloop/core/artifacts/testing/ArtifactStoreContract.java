package org.mloop.core.artifacts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.ContentHash;

/**
 * What every {@link ArtifactStore} promises, as tests: a store passes them all by extending this
 * class (in mloop-core's test-jar) and saying how to open one:
 *
 * <pre>{@code
 * class S3ArtifactStoreTest extends ArtifactStoreContract {
 *   protected ArtifactStore openEmptyStore() { ... a new bucket prefix ... }
 *   protected ArtifactStore openSameStoreAgain() { ... the same prefix, a second client ... }
 * }
 * }</pre>
 *
 * Each test gets a new, empty store. The promises: streamed writes in bounded memory; atomic
 * visibility (a reader sees the old file or the whole new one) and nothing left by a failed
 * write; a sha256 and a size per file that match the bytes read; one writer's content and digest
 * when several write one path at once; listings of children and of trees, sorted, relative to
 * the store's root; ranged reads; NOT_FOUND for missing files; INVALID_PARAMETER_VALUE naming
 * the path for every path that is not a plain relative path; deletes of files and trees;
 * local copies of folders; a URI per path.
 */
public abstract class ArtifactStoreContract {
  private static final long MIB = 1024 * 1024;

  /** The store under test: new and empty for each test. */
  protected ArtifactStore store;

  /** Where {@link ArtifactStore#materialize} may download to. */
  @TempDir
  protected Path cache;

  /** A new, empty store. */
  protected abstract ArtifactStore openEmptyStore() throws Exception;

  /** A second store on the location of the last one opened, as another process would open it. */
  protected abstract ArtifactStore openSameStoreAgain() throws Exception;

  /** Releases a store after a test (a client, a connection); nothing by default. */
  protected void closeStore(ArtifactStore store) throws Exception {}

  /** The size of the large file that must stream in bounded memory; a remote store may choose less. */
  protected long largeFileBytes() {
    return 32 * MIB;
  }

  @BeforeEach
  void openStore() throws Exception {
    store = openEmptyStore();
  }

  @AfterEach
  void releaseStore() throws Exception {
    closeStore(store);
  }

  // ---- writing and reading

  @Test
  public void aWrittenFileReadsBackWithItsSizeAndSha256() {
    ArtifactFile written = store.write("mlartifacts/1/abc/artifacts/notes.txt", text("hello"));

    assertThat(written).isEqualTo(new ArtifactFile("mlartifacts/1/abc/artifacts/notes.txt", false, 5L,
        ContentHash.ofString("hello")));
    assertThat(readAll("mlartifacts/1/abc/artifacts/notes.txt")).isEqualTo("hello");
    assertThat(store.stat("mlartifacts/1/abc/artifacts/notes.txt")).contains(written);
    assertThat(store.exists("mlartifacts/1/abc/artifacts/notes.txt")).isTrue();
  }

  @Test
  public void anEmptyFileIsAFileWithTheDigestOfNothing() {
    ArtifactFile written = store.write("logs/empty.txt", text(""));

    assertThat(written.sizeBytes()).isZero();
    assertThat(written.sha256()).isEqualTo(ContentHash.ofString(""));
    assertThat(readAll("logs/empty.txt")).isEmpty();
    assertThat(store.stat("logs/empty.txt")).contains(written);
  }

  @Test
  public void everyRecordedSha256AndSizeIsThatOfTheBytesRead() throws IOException {
    store.write("data/a.csv", text("x,y\n1,2\n"));
    store.write("data/nested/b.bin", new Generated(300_000, -1));
    store.write("c.txt", text("c"));

    List<ArtifactFile> files = store.listRecursive("");
    assertThat(files).hasSize(3);
    for (ArtifactFile file : files) {
      byte[] bytes;
      try (InputStream in = store.read(file.path())) {
        bytes = in.readAllBytes();
      }
      assertThat(file.sha256()).as(file.path()).isEqualTo(ContentHash.hex(ContentHash.newDigest().digest(bytes)));
      assertThat(file.sizeBytes()).as(file.path()).isEqualTo(bytes.length);
      assertThat(store.stat(file.path())).contains(file);
    }
  }

  @Test
  public void overwritingReplacesContentSizeAndDigest() {
    store.write("a.txt", text("one"));
    ArtifactFile second = store.write("a.txt", text("second"));

    assertThat(readAll("a.txt")).isEqualTo("second");
    assertThat(second.sha256()).isEqualTo(ContentHash.ofString("second"));
    assertThat(store.stat("a.txt")).contains(second);
    assertThat(store.listRecursive("")).containsExactly(second);
  }

  @Test
  public void namesWithSpacesPlusSignsPercentSignsDotsAndAccentsAreKeptAsGiven() {
    List<String> names = List.of("reports/a b+c%20d.txt", "reports/Ämne ß/ü.csv", "reports/..x/y..", ".hidden/.env",
        "reports/100%.txt");
    for (String name : names) {
      assertThat(store.write(name, text(name)).path()).isEqualTo(name);
    }
    for (String name : names) {
      assertThat(readAll(name)).as(name).isEqualTo(name);
    }
    assertThat(store.listRecursive("")).extracting(ArtifactFile::path).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  public void aLargeFileStreamsThroughInBoundedMemory() throws IOException {
    long size = largeFileBytes() + 3;
    com.sun.management.ThreadMXBean threads = allocationCounter();

    long before = threads.getCurrentThreadAllocatedBytes();
    ArtifactFile written = store.write("big/blob.bin", new Generated(size, -1));
    long writing = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(written.sizeBytes()).isEqualTo(size);
    assertThat(written.sha256()).isEqualTo(Generated.sha256(size));
    before = threads.getCurrentThreadAllocatedBytes();
    MessageDigest read = ContentHash.newDigest();
    long count = 0;
    try (InputStream in = store.read("big/blob.bin")) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; count += n) {
        read.update(buffer, 0, n);
      }
    }
    long reading = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(count).isEqualTo(size);
    assertThat(ContentHash.hex(read.digest())).isEqualTo(written.sha256());
    // A store that held the file in memory would allocate at least its size.
    assertThat(writing).as("bytes allocated writing %,d bytes", size).isLessThan(size / 4);
    assertThat(reading).as("bytes allocated reading %,d bytes", size).isLessThan(size / 4);
  }

  // ---- atomic visibility, failures, concurrency

  @Test
  public void whileAWriteIsUnderWayReadersSeeTheOldFileOrNoneNeverAPart() throws Exception {
    store.write("reports/daily.csv", text("old"));
    Paused overwrite = new Paused(2 * MIB, MIB);
    Paused create = new Paused(2 * MIB, MIB);
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      Future<ArtifactFile> overwriting = writers.submit(() -> store.write("reports/daily.csv", overwrite));
      Future<ArtifactFile> creating = writers.submit(() -> store.write("reports/new.csv", create));
      assertThat(overwrite.halfway.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(create.halfway.await(60, TimeUnit.SECONDS)).isTrue();

      assertThat(readAll("reports/daily.csv")).isEqualTo("old");
      assertThat(store.stat("reports/daily.csv").orElseThrow().sha256()).isEqualTo(ContentHash.ofString("old"));
      assertThat(store.exists("reports/new.csv")).isFalse();
      assertThat(store.stat("reports/new.csv")).isEmpty();
      assertThat(store.listRecursive("")).extracting(ArtifactFile::path).containsExactly("reports/daily.csv");
      assertNotFound(() -> store.read("reports/new.csv"), "reports/new.csv");

      overwrite.release.countDown();
      create.release.countDown();
      ArtifactFile overwritten = overwriting.get(60, TimeUnit.SECONDS);
      ArtifactFile created = creating.get(60, TimeUnit.SECONDS);
      assertThat(overwritten.sha256()).isEqualTo(created.sha256()).isEqualTo(Generated.sha256(2 * MIB));
      assertThat(store.stat("reports/daily.csv")).contains(overwritten);
      assertThat(store.stat("reports/new.csv")).contains(created);
    } finally {
      overwrite.release.countDown();
      create.release.countDown();
      writers.shutdownNow();
    }
  }

  @Test
  public void aFailedWriteLeavesNothingOfItAndThePreviousFileWhole() {
    assertThatThrownBy(() -> store.write("data/new.csv", new Generated(MIB, 70_000)))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("data/new.csv");
    assertThat(store.exists("data/new.csv")).isFalse();
    assertThat(store.listRecursive("")).isEmpty();

    ArtifactFile complete = store.write("data/old.csv", text("complete"));
    assertThatThrownBy(() -> store.write("data/old.csv", new Generated(MIB, 70_000)))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("data/old.csv");
    assertThat(readAll("data/old.csv")).isEqualTo("complete");
    assertThat(store.listRecursive("")).containsExactly(complete);
  }

  /** Whichever writer wins, the digest and size recorded are those of the content that is there. */
  @Test
  public void concurrentWritersOfOnePathLeaveOneWritersContentWithItsOwnDigest() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 25; round++) {
        String path = "race/" + round + ".txt";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ArtifactFile>> writes = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          String content = ("writer " + w + " ").repeat(1 + w * 1000);
          contents.add(content);
          writes.add(writers.submit(() -> {
            start.await();
            return store.write(path, text(content));
          }));
        }
        start.countDown();
        for (Future<ArtifactFile> write : writes) {
          write.get(60, TimeUnit.SECONDS);
        }
        String content = readAll(path);
        ArtifactFile stat = store.stat(path).orElseThrow();
        assertThat(contents).as("round %d", round).contains(content);
        assertThat(stat.sha256()).as("round %d", round).isEqualTo(ContentHash.ofString(content));
        assertThat(stat.sizeBytes()).as("round %d", round).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
      }
    } finally {
      writers.shutdownNow();
    }
  }

  @Test
  public void concurrentWritersOfDifferentPathsAllLand() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<ArtifactFile>> writes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String path = "jobs/j" + (i % 4) + "/outputs/part-" + i + ".csv";
        String content = "part " + i;
        writes.add(writers.submit(() -> store.write(path, text(content))));
      }
      for (Future<ArtifactFile> write : writes) {
        write.get(60, TimeUnit.SECONDS);
      }
    } finally {
      writers.shutdownNow();
    }
    List<ArtifactFile> files = store.listRecursive("jobs");
    assertThat(files).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(readAll("jobs/j" + (i % 4) + "/outputs/part-" + i + ".csv")).isEqualTo("part " + i);
    }
  }

  @Test
  public void anotherStoreOnTheSameLocationSeesEveryWriteAndDelete() throws Exception {
    ArtifactFile written = store.write("shared/a.txt", text("from the first"));
    store.write("shared/b.txt", text("to be deleted"));
    ArtifactStore other = openSameStoreAgain();
    try {
      assertThat(other.stat("shared/a.txt")).contains(written);
      store.delete("shared/b.txt");
      assertThat(other.exists("shared/b.txt")).isFalse();
      ArtifactFile back = other.write("shared/c.txt", text("from the second"));
      assertThat(readAll("shared/c.txt")).isEqualTo("from the second");
      assertThat(store.listRecursive("shared")).containsExactly(written, back);
    } finally {
      closeStore(other);
    }
  }

  // ---- listing

  @Test
  public void listingGivesDirectChildrenSortedFoldersWithoutSizeOrDigest() {
    store.write("data/diabetes/abc/part-0.csv", text("a"));
    store.write("data/diabetes/abc/nested/part-1.csv", text("bb"));
    store.write("code/xyz/job.yml", text("ccc"));

    assertThat(store.list("")).containsExactly(
        new ArtifactFile("code", true, null, null),
        new ArtifactFile("data", true, null, null));
    assertThat(store.list("data/diabetes/abc")).containsExactly(
        new ArtifactFile("data/diabetes/abc/nested", true, null, null),
        new ArtifactFile("data/diabetes/abc/part-0.csv", false, 1L, ContentHash.ofString("a")));
    assertThat(store.stat("data/diabetes")).contains(new ArtifactFile("data/diabetes", true, null, null));
    assertThat(store.exists("data/diabetes")).isTrue();
  }

  @Test
  public void recursiveListingGivesEveryFileUnderAFolderSortedByPath() {
    store.write("data/diabetes/abc/part-0.csv", text("a"));
    store.write("data/diabetes/abc/nested/part-1.csv", text("bb"));
    store.write("code/xyz/job.yml", text("ccc"));
    store.write("data-other/x.csv", text("not under data/"));

    assertThat(store.listRecursive("data")).containsExactly(
        new ArtifactFile("data/diabetes/abc/nested/part-1.csv", false, 2L, ContentHash.ofString("bb")),
        new ArtifactFile("data/diabetes/abc/part-0.csv", false, 1L, ContentHash.ofString("a")));
    assertThat(store.listRecursive("")).extracting(ArtifactFile::path).containsExactly(
        "code/xyz/job.yml", "data-other/x.csv", "data/diabetes/abc/nested/part-1.csv", "data/diabetes/abc/part-0.csv");
  }

  @Test
  public void listingAMissingFolderOrAFileGivesNothing() {
    store.write("runs/a.txt", text("a"));

    assertThat(store.list("missing")).isEmpty();
    assertThat(store.listRecursive("missing")).isEmpty();
    assertThat(store.list("runs/a.txt")).isEmpty();
    assertThat(store.listRecursive("run")).isEmpty();
  }

  // ---- ranged reads

  @Test
  public void aRangedReadStartsAtItsOffsetAndIsEmptyAtOrPastTheEnd() throws IOException {
    store.write("jobs/j1/logs/std_log.txt", text("0123456789"));

    assertThat(readAll("jobs/j1/logs/std_log.txt", 0)).isEqualTo("0123456789");
    assertThat(readAll("jobs/j1/logs/std_log.txt", 4)).isEqualTo("456789");
    assertThat(readAll("jobs/j1/logs/std_log.txt", 10)).isEmpty();
    assertThat(readAll("jobs/j1/logs/std_log.txt", 1000)).isEmpty();
    assertThatThrownBy(() -> store.read("jobs/j1/logs/std_log.txt", -1))
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));

    long size = 3 * MIB + 5;
    store.write("big.bin", new Generated(size, -1));
    long offset = 2 * MIB + 1;
    try (InputStream in = store.read("big.bin", offset); InputStream expected = new Generated(size, -1)) {
      expected.skipNBytes(offset);
      assertThat(in.readAllBytes()).isEqualTo(expected.readAllBytes());
    }
  }

  // ---- missing files

  @Test
  public void aMissingFileIsNotFoundNamingIt() {
    store.write("data/present.csv", text("x"));

    assertNotFound(() -> store.read("data/absent.csv"), "data/absent.csv");
    assertNotFound(() -> store.read("data/absent.csv", 3), "data/absent.csv");
    assertNotFound(() -> store.read("data"), "data");
    assertNotFound(() -> store.materialize("nothing/here", cache), "nothing/here");
    assertThat(store.stat("data/absent.csv")).isEmpty();
    assertThat(store.exists("data/absent.csv")).isFalse();
  }

  // ---- paths

  @Test
  public void everyPathThatIsNotAPlainRelativePathIsRefusedByEveryOperation() {
    List<String> bad = List.of("/etc/passwd", "../outside", "a/../../b", "a/./b", "a\\b", "a//b", "a/", ".", "..",
        "C:/x", "a\0b");
    for (String path : bad) {
      assertRefused(() -> store.write(path, text("x")), path);
      assertRefused(() -> store.read(path), path);
      assertRefused(() -> store.read(path, 0), path);
      assertRefused(() -> store.stat(path), path);
      assertRefused(() -> store.exists(path), path);
      assertRefused(() -> store.list(path), path);
      assertRefused(() -> store.listRecursive(path), path);
      assertRefused(() -> store.delete(path), path);
      assertRefused(() -> store.materialize(path, cache), path);
      assertRefused(() -> store.uri(path), path);
    }
    assertThat(store.listRecursive("")).isEmpty();
  }

  @Test
  public void theRootCanBeListedButNeverWrittenReadOrDeleted() {
    store.write("kept.txt", text("kept"));

    assertThat(store.list("")).extracting(ArtifactFile::path).containsExactly("kept.txt");
    assertThat(store.listRecursive("")).extracting(ArtifactFile::path).containsExactly("kept.txt");
    for (String root : new String[] {"", null}) {
      assertRefused(() -> store.write(root, text("x")), null);
      assertRefused(() -> store.read(root), null);
      assertRefused(() -> store.delete(root), null);
    }
    assertThat(readAll("kept.txt")).isEqualTo("kept");
  }

  // ---- deleting

  @Test
  public void deletingAFileRemovesItFromReadsStatsAndListings() {
    store.write("jobs/j1/outputs/model/a.bin", text("a"));
    ArtifactFile b = store.write("jobs/j1/outputs/model/b.bin", text("b"));

    store.delete("jobs/j1/outputs/model/a.bin");

    assertThat(store.exists("jobs/j1/outputs/model/a.bin")).isFalse();
    assertThat(store.stat("jobs/j1/outputs/model/a.bin")).isEmpty();
    assertNotFound(() -> store.read("jobs/j1/outputs/model/a.bin"), "jobs/j1/outputs/model/a.bin");
    assertThat(store.listRecursive("")).containsExactly(b);
  }

  @Test
  public void deletingAFolderRemovesItsWholeTreeAndNothingElse() {
    store.write("jobs/j1/outputs/model/a.bin", text("a"));
    store.write("jobs/j1/logs/std_log.txt", text("log"));
    ArtifactFile kept = store.write("jobs/j2/logs/std_log.txt", text("log 2"));
    ArtifactFile sibling = store.write("jobs/j1-other.txt", text("a sibling"));

    store.delete("jobs/j1");

    assertThat(store.exists("jobs/j1")).isFalse();
    assertThat(store.listRecursive("")).containsExactly(sibling, kept);
    assertThat(store.list("jobs")).extracting(ArtifactFile::path).containsExactly("jobs/j1-other.txt", "jobs/j2");
    ArtifactFile again = store.write("jobs/j1/outputs/model/a.bin", text("written again"));
    assertThat(store.stat("jobs/j1/outputs/model/a.bin")).contains(again);
    assertThat(again.sha256()).isEqualTo(ContentHash.ofString("written again"));
  }

  @Test
  public void deletingAMissingPathIsIgnored() {
    store.delete("never/there");
    store.delete("never");
    assertThat(store.listRecursive("")).isEmpty();
  }

  // ---- local copies and URIs

  @Test
  public void materializeGivesALocalFolderWithTheStoredFiles() throws IOException {
    store.write("data/d/v1/file.csv", text("x,y\n"));
    store.write("data/d/v1/sub/more.csv", text("1,2\n"));

    Path local = store.materialize("data/d/v1", cache);

    assertThat(Files.readString(local.resolve("file.csv"))).isEqualTo("x,y\n");
    assertThat(Files.readString(local.resolve("sub/more.csv"))).isEqualTo("1,2\n");
  }

  @Test
  public void everyPathHasItsOwnUri() {
    store.write("a/b.txt", text("b"));

    assertThat(store.uri("a/b.txt")).endsWith("a/b.txt").isNotEqualTo(store.uri("a/c.txt"));
    assertThat(store.uri("a/b.txt")).matches("[a-z][a-z0-9+.-]*:.+");
  }

  // ---- helpers

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private String readAll(String path) {
    return readAll(path, 0);
  }

  private String readAll(String path, long offset) {
    try (InputStream in = store.read(path, offset)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertNotFound(ThrowingCallable call, String path) {
    assertThatThrownBy(call).isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).as(path).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
        .hasMessageContaining(path);
  }

  /** INVALID_PARAMETER_VALUE, naming the path as {@link MessageText#quoted} shows it (a NUL escaped). */
  private static void assertRefused(ThrowingCallable call, String path) {
    assertThatThrownBy(call).as(String.valueOf(path)).isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).as(path).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .satisfies(e -> {
          if (path != null && !path.isEmpty()) {
            assertThat(e.getMessage()).as(path).contains(MessageText.quoted(path.replace("\0", "\\0")));
          }
        });
  }

  private static com.sun.management.ThreadMXBean allocationCounter() {
    assumeThat(ManagementFactory.getThreadMXBean()).as("this JVM counts the bytes each thread allocates")
        .isInstanceOf(com.sun.management.ThreadMXBean.class);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
    return threads;
  }

  /** {@code size} bytes computed from their position (no buffer), failing after {@code failAfter} bytes (or never). */
  static class Generated extends InputStream {
    private final long size;
    private final long failAfter;
    private long position;

    Generated(long size, long failAfter) {
      this.size = size;
      this.failAfter = failAfter;
    }

    static byte at(long position) {
      return (byte) ((position * 31 + 7) ^ (position >>> 11));
    }

    static String sha256(long size) {
      MessageDigest digest = ContentHash.newDigest();
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = new Generated(size, -1)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ContentHash.hex(digest.digest());
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position == failAfter) {
        throw new IOException("connection reset");
      }
      if (position >= size) {
        return -1;
      }
      long end = Math.min(size, position + len);
      if (failAfter >= 0 && position < failAfter) {
        end = Math.min(end, failAfter);
      }
      int n = (int) (end - position);
      for (int i = 0; i < n; i++) {
        b[off + i] = at(position + i);
      }
      position = end;
      beforeReturning(position);
      return n;
    }

    /** Called with the count of bytes passed on so far, after each read. */
    void beforeReturning(long count) {}
  }

  /** Generated bytes that stop half-way until released, to look at the store during a write. */
  private static final class Paused extends Generated {
    final CountDownLatch halfway = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final long pauseAt;

    Paused(long size, long pauseAt) {
      super(size, -1);
      this.pauseAt = pauseAt;
    }

    @Override
    void beforeReturning(long count) {
      if (count >= pauseAt && halfway.getCount() > 0) {
        halfway.countDown();
        try {
          if (!release.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the paused write");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
