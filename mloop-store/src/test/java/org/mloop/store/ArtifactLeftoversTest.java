package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.DataAssetType;
import org.mloop.core.files.FolderUse;
import org.mloop.core.registry.Lineage;
import org.mloop.core.store.MetadataStore;
import org.slf4j.LoggerFactory;

/**
 * What a crashed process leaves in the artifact store (temporary files of unfinished writes, model
 * and data folders whose row was never written) is removed when a process starts using the store
 * and no other process does; while another process uses it, only temporary files an hour old go.
 */
class ArtifactLeftoversTest {
  @TempDir Path dir;
  MetadataStore metadata;
  FileArtifactStore store;
  Path temp;
  ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void open() {
    metadata = MetadataStores.openSqlite(dir.resolve("mloop.db"));
    store = new FileArtifactStore(dir.resolve("artifacts"));
    temp = store.root().resolve(FileArtifactStore.TEMP_DIR);
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(ArtifactLeftovers.class);
    logger.setAdditive(false);
    logger.addAppender(log);
  }

  @AfterEach
  void close() {
    Logger logger = (Logger) LoggerFactory.getLogger(ArtifactLeftovers.class);
    logger.detachAppender(log);
    logger.setAdditive(true);
    metadata.close();
  }

  private void write(String path, String text) {
    store.write(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Path tempFile(String name, int bytes, Duration age) throws IOException {
    Path file = Files.write(temp.resolve(name), new byte[bytes]);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  /** A registered model and data asset, and what crashes left beside them. */
  private void storeWithLeftovers() throws IOException {
    write("models/diabetes/aaa/MLmodel", "kept: a version names it");
    metadata.registry().createModelVersion("diabetes", "models/diabetes/aaa", "aaa", null, Map.of(), Lineage.none());
    write("data/dev/ccc/part-0.csv", "a,b\n1,2\n");
    metadata.data().createDataAssetVersion("dev", DataAssetType.uri_folder, null, "data/dev/ccc", "ccc", 8, 1, Map.of());
    write("data/single/ddd/one.csv", "a\n1\n");
    metadata.data().createDataAssetVersion("single", DataAssetType.uri_file, null, "data/single/ddd/one.csv", "ddd", 4, 1,
        Map.of());

    write("models/diabetes/bbb/MLmodel", "0123456789"); // copied, then the process died before the row
    write("models/diabetes/bbb/model.bin", "01234");
    write("models/orphan/eee/MLmodel", "x");
    write("data/dev/fff/part-0.csv", "0123456789");
    tempFile("1f0e.part", 1000, Duration.ZERO);
    tempFile("2a3b.part", 24, Duration.ofHours(2));
    tempFile("4c5d.sha256", 64, Duration.ZERO);
  }

  @Test
  void theOnlyUserRemovesEveryLeftoverAndSaysWhatAndHowMuchInOneLine() throws IOException {
    storeWithLeftovers();

    try (FolderUse use = ArtifactLeftovers.enter(store, metadata)) {
      assertThat(Files.list(temp).map(p -> p.getFileName().toString())).containsExactly(ArtifactLeftovers.LOCK_FILE);
      assertThat(Files.exists(store.root().resolve("models/diabetes/bbb"))).isFalse();
      assertThat(Files.exists(store.root().resolve(".sha256/models/diabetes/bbb"))).as("its digests too").isFalse();
      assertThat(Files.exists(store.root().resolve("models/orphan"))).as("an emptied model name").isFalse();
      assertThat(Files.exists(store.root().resolve("data/dev/fff"))).isFalse();
      assertThat(read("models/diabetes/aaa/MLmodel")).isEqualTo("kept: a version names it");
      assertThat(read("data/dev/ccc/part-0.csv")).isEqualTo("a,b\n1,2\n");
      assertThat(read("data/single/ddd/one.csv")).as("a uri_file version's folder").isEqualTo("a\n1\n");
    }
    assertThat(log.list).as("one warning line, which the CLI shows").singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage).asString()
        .contains("removed leftovers of interrupted writes from the artifact store " + store.root())
        .contains("3 temporary files (1,088 bytes)")
        .contains("2 model folders without a version (16 bytes)")
        .contains("1 data folder without an asset version (10 bytes)");
  }

  @Test
  void whileAnotherProcessUsesTheStoreOnlyHourOldTemporaryFilesGoUntilItIsGone() throws Exception {
    storeWithLeftovers();
    Process other = startAnotherUser();
    try {
      try (FolderUse use = ArtifactLeftovers.enter(store, metadata)) {
        assertThat(Files.list(temp).map(p -> p.getFileName().toString())).as("fresh files may be live writes")
            .containsExactlyInAnyOrder(ArtifactLeftovers.LOCK_FILE, "1f0e.part", "4c5d.sha256");
        assertThat(Files.exists(store.root().resolve("models/diabetes/bbb")))
            .as("a registration elsewhere may be about to write its row").isTrue();
        assertThat(Files.exists(store.root().resolve("data/dev/fff"))).isTrue();
      }
      assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
          .endsWith(": 1 temporary file (24 bytes)");
    } finally {
      other.destroyForcibly(); // as a crash: the operating system releases its hold
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (FolderUse use = ArtifactLeftovers.enter(store, metadata)) {
      assertThat(Files.list(temp).map(p -> p.getFileName().toString())).containsExactly(ArtifactLeftovers.LOCK_FILE);
      assertThat(Files.exists(store.root().resolve("models/diabetes/bbb"))).isFalse();
      assertThat(Files.exists(store.root().resolve("data/dev/fff"))).isFalse();
    }
  }

  @Test
  void usesWithinOneProcessAreCountedSoASecondOneIsNeverTheOnlyUser() throws IOException {
    try (FolderUse first = ArtifactLeftovers.enter(store, metadata)) {
      storeWithLeftovers();
      try (FolderUse second = ArtifactLeftovers.enter(store, metadata)) {
        assertThat(Files.exists(temp.resolve("1f0e.part"))).isTrue();
        assertThat(Files.exists(store.root().resolve("models/diabetes/bbb"))).isTrue();
      }
      try (FolderUse third = ArtifactLeftovers.enter(store, metadata)) {
        assertThat(Files.exists(store.root().resolve("models/diabetes/bbb"))).as("the first use is still open").isTrue();
      }
    }
    try (FolderUse again = ArtifactLeftovers.enter(store, metadata)) {
      assertThat(Files.exists(store.root().resolve("models/diabetes/bbb"))).isFalse();
    }
  }

  private Process startAnotherUser() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreUserMain.class.getName(),
        temp.resolve(ArtifactLeftovers.LOCK_FILE).toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    byte[] line = new byte[5];
    int n = child.getInputStream().readNBytes(line, 0, line.length);
    assertThat(new String(line, 0, n, StandardCharsets.UTF_8)).as("the other process holds the store").isEqualTo("using");
    return child;
  }

  private String read(String path) throws IOException {
    try (InputStream in = store.read(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
