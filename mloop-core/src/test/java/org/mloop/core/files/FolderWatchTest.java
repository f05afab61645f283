package org.mloop.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for other processes' files: woken by the change, bounded by the timeout. */
class FolderWatchTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aWaitWakesWhenARecordIsRewrittenAndSeesItsNewContent() throws Exception {
    Path record = dir.resolve("run.json");
    Files.writeString(record, "running");

    Optional<String> seen = awaitWhile(() -> FolderWatch.await(LONG, () -> List.of(dir), () -> completed(record)),
        () -> replace(record, "completed"));

    assertThat(seen).contains("completed");
  }

  @Test
  void aFolderThatDoesNotExistYetIsWatchedThroughItsParent() throws Exception {
    Path record = dir.resolve("runs").resolve("7").resolve("run.json");

    Optional<String> seen = awaitWhile(() -> FolderWatch.await(LONG, () -> List.of(record.getParent()),
        () -> completed(record)), () -> {
          Files.createDirectories(record.getParent());
          replace(record, "completed");
        });

    assertThat(seen).contains("completed");
  }

  @Test
  void aWaitForWhatNeverHappensIsEmptyOnceItsTimeoutPassed() throws InterruptedException {
    Optional<String> seen = FolderWatch.await(Duration.ofMillis(20), () -> List.of(dir), Optional::empty);

    assertThat(seen).isEmpty();
  }

  private static Optional<String> completed(Path record) {
    try {
      String text = Files.readString(record);
      return text.equals("completed") ? Optional.of(text) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Written aside and moved in, as the CI runner rewrites its run records. */
  private static void replace(Path file, String text) throws IOException {
    Path temp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), text);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface Waiting {
    Optional<String> await() throws InterruptedException;
  }

  /** Runs {@code waiting} in a thread, takes {@code step} once that thread blocks waiting, returns what it returned. */
  private static Optional<String> awaitWhile(Waiting waiting, Step step) throws Exception {
    AtomicReference<Optional<String>> result = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        result.set(waiting.await());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    thread.start();
    while (thread.getState() != Thread.State.TIMED_WAITING && thread.isAlive()) {
      Thread.onSpinWait();
    }
    assertThat(result.get()).as("nothing to see before the change").isNull();
    step.run();
    thread.join();
    return result.get();
  }
}
