package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Uploads a server left staged when it stopped (crashed, or killed mid-transfer) are removed when
 * the next server starts on the folder, unless another server uses it: then only those untouched
 * for a day go, as while serving. One warning line says how many and how large, never where.
 */
class UploadLeftoversTest {
  @TempDir Path dir;
  Path staging;
  ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void capture() {
    staging = dir.resolve("uploads");
    log.start();
    ((Logger) LoggerFactory.getLogger(Uploads.class)).addAppender(log);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger(Uploads.class)).detachAppender(log);
  }

  private Path leftover(String id, Duration age) throws IOException {
    Path upload = staging.resolve(id);
    Files.createDirectories(upload.resolve("files/data"));
    Files.createDirectories(upload.resolve("partial"));
    Files.writeString(upload.resolve("files/data/a.csv"), "x,y\n1,2\n");
    Files.writeString(upload.resolve("partial/file-1.part"), "x,y\n3");
    try (Stream<Path> all = Files.walk(upload)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
      }
    }
    return upload;
  }

  private List<String> staged() throws IOException {
    try (Stream<Path> entries = Files.list(staging)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theFirstServerOnTheFolderRemovesEveryUploadLeftBehind() throws IOException {
    leftover("a".repeat(32), Duration.ZERO);
    leftover("b".repeat(32), Duration.ofMinutes(5));

    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"),
        ServerOptions.ephemeral().withUploadDirectory(staging))) {
      assertThat(staged()).containsExactly(Uploads.LOCK_FILE);
    }
    assertThat(log.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).isEqualTo("removed 2 uploads left by an earlier server (26 bytes)");
    });
  }

  @Test
  void whileAnotherServerUsesTheFolderOnlyUploadsUntouchedForADayGo() throws IOException {
    try (TestWorkspace first = TestWorkspace.served(dir.resolve("one"),
        ServerOptions.ephemeral().withUploadDirectory(staging))) {
      leftover("c".repeat(32), Duration.ofMinutes(5)); // may be the first server's transfer in progress
      leftover("d".repeat(32), Duration.ofHours(25));

      try (TestWorkspace second = TestWorkspace.served(dir.resolve("two"),
          ServerOptions.ephemeral().withUploadDirectory(staging))) {
        assertThat(staged()).containsExactly(Uploads.LOCK_FILE, "c".repeat(32));
      }
    }
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("removed 1 upload left by an earlier server (13 bytes)");
  }
}
