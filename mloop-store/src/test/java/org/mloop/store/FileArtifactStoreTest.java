package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.artifacts.testing.ArtifactStoreContract;

/** The artifact store contract on a local folder, and what only a folder store does. */
class FileArtifactStoreTest extends ArtifactStoreContract {
  @TempDir
  Path root;

  @Override
  protected ArtifactStore openEmptyStore() {
    return new FileArtifactStore(root);
  }

  @Override
  protected ArtifactStore openSameStoreAgain() {
    return new FileArtifactStore(root);
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aNewStoresFolderIsItsOwnersAlone() throws IOException {
    Path fresh = root.resolve("fresh/artifacts");
    new FileArtifactStore(fresh);
    assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void filesAreKeptUnderTheirOwnPathsInTheFolder() throws IOException {
    store.write("big/blob.bin", text("blob"));
    assertThat(Files.readString(root.resolve("big/blob.bin"))).isEqualTo("blob");
    assertThat(Files.readString(root.resolve(".sha256/big/blob.bin"))).isEqualTo(ContentHash.ofString("blob"));
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
  void aFailedWriteLeavesNoTemporaryFile() throws IOException {
    assertThatThrownBy(() -> store.write("data/new.csv", new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    })).isInstanceOf(MloopException.class).hasMessageNotContaining(root.toString());
    try (Stream<Path> temps = Files.list(root.resolve(".tmp"))) {
      assertThat(temps).as("temp files are cleaned up").isEmpty();
    }
  }

  @Test
  void theHiddenFoldersAreNeverListedNorAddressable() {
    store.write("a.txt", text("a"));
    for (String hidden : List.of(".sha256/x", ".tmp/x", ".tmp", ".sha256/a.txt")) {
      assertThatThrownBy(() -> store.write(hidden, text("x"))).as(hidden)
          .isInstanceOf(MloopException.class)
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
          .hasMessageContaining("'" + hidden + "' is not allowed: '" + hidden.split("/")[0]
              + "' is the store's own hidden folder");
      assertThatThrownBy(() -> store.read(hidden)).as(hidden).hasMessageContaining("hidden folder");
      assertThatThrownBy(() -> store.delete(hidden)).as(hidden).hasMessageContaining("hidden folder");
    }
    assertThat(store.list("")).extracting(ArtifactFile::path).containsExactly("a.txt");
    assertThat(store.listRecursive("")).extracting(ArtifactFile::path).containsExactly("a.txt");
  }

  @Test
  void unsafePathsNeverReachTheDisk() {
    assertThatThrownBy(() -> store.write("../outside", text("x"))).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> store.list("a/../..")).hasMessageContaining("not allowed");
    assertThat(Files.exists(root.resolveSibling("outside"))).isFalse();
  }

  @Test
  void filesPlacedByOtherMeansGetADigest() throws IOException {
    Files.createDirectories(root.resolve("manual"));
    Files.writeString(root.resolve("manual/x.txt"), "by hand");
    assertThat(store.stat("manual/x.txt").orElseThrow().sha256()).isEqualTo(ContentHash.ofString("by hand"));
  }

  @Test
  void deletingRemovesTheRecordedDigestsToo() {
    store.write("jobs/j1/outputs/model/a.bin", text("a"));
    store.write("jobs/j1/outputs/model/b.bin", text("b"));
    store.delete("jobs/j1/outputs/model/a.bin");
    assertThat(Files.exists(root.resolve(".sha256/jobs/j1/outputs/model/a.bin"))).isFalse();
    store.delete("jobs/j1");
    assertThat(Files.exists(root.resolve(".sha256/jobs/j1"))).isFalse();
  }

  @Test
  void materializeIsTheStoresOwnDirectory() {
    store.write("data/d/v1/file.csv", text("x"));
    Path unused = root.resolveSibling("cache-unused");
    assertThat(store.materialize("data/d/v1", unused)).isEqualTo(root.toAbsolutePath().resolve("data/d/v1"));
    assertThat(Files.exists(unused)).isFalse();
  }

  @Test
  void uriIsAFileUri() {
    assertThat(store.uri("a/b.txt")).isEqualTo(root.toAbsolutePath().resolve("a/b.txt").toUri().toString());
    assertThat(store.uri("a/b.txt")).startsWith("file:///");
  }
}
