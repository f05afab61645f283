package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactStore;

/** Artifact stores are opened by URI, chosen by its scheme. */
class ArtifactStoresTest {
  @TempDir
  Path dir;

  private static FileArtifactStore fileStore(ArtifactStore store) {
    assertThat(store).isInstanceOf(FileArtifactStore.class);
    return (FileArtifactStore) store;
  }

  @Test
  void aPlainFolderPathIsAFolderStoreRelativeToTheBase() {
    assertThat(fileStore(ArtifactStores.open("artifacts", dir)).root()).isEqualTo(dir.resolve("artifacts"));
    assertThat(fileStore(ArtifactStores.open("shared/../artifacts", dir)).root()).isEqualTo(dir.resolve("artifacts"));
    Path absolute = dir.resolve("elsewhere").toAbsolutePath();
    assertThat(fileStore(ArtifactStores.open(absolute.toString(), dir.resolve("ignored"))).root()).isEqualTo(absolute);
  }

  @Test
  void aFileUriIsAFolderStoreAtItsPath() {
    Path folder = dir.resolve("with space/artifacts").toAbsolutePath();
    assertThat(fileStore(ArtifactStores.open(folder.toUri().toString())).root()).isEqualTo(folder);
    assertThat(fileStore(ArtifactStores.open("FILE://localhost" + folder.toUri().getRawPath())).root()).isEqualTo(folder);
    assertThat(fileStore(ArtifactStores.open("file:" + folder.toUri().getRawPath())).root()).isEqualTo(folder);
  }

  @Test
  void aStoresOwnUriOpensTheSameStore() {
    ArtifactStore first = ArtifactStores.open("artifacts", dir);
    first.write("data/a.csv", new ByteArrayInputStream("a".getBytes(StandardCharsets.UTF_8)));
    ArtifactStore again = ArtifactStores.open(first.uri(""));
    assertThat(again.listRecursive("")).extracting(f -> f.path()).containsExactly("data/a.csv");
  }

  @Test
  void anUnknownSchemeIsRefusedNamingTheKnownOnes() {
    assertThat(ArtifactStores.schemes()).containsExactly("file:", "");
    assertThatThrownBy(() -> ArtifactStores.open("s3://bucket/mloop", dir))
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessage("unsupported artifact store URI 's3://bucket/mloop': use file: (as file:///srv/mloop/artifacts), "
            + "or a plain path (as artifacts, a folder relative to the workspace)");
    assertThatThrownBy(() -> ArtifactStores.open(" ", dir)).hasMessageStartingWith("no artifact store URI given: use file:");
    assertThatThrownBy(() -> ArtifactStores.open(null, dir)).hasMessageStartingWith("no artifact store URI given");
  }

  @Test
  void aFileUriMustNameAFolderOnThisMachine() {
    for (String bad : new String[] {"file:relative/folder", "file://fileserver/share/artifacts"}) {
      assertThatThrownBy(() -> ArtifactStores.open(bad, dir)).as(bad)
          .isInstanceOf(MloopException.class)
          .hasMessageContaining("'" + bad + "' does not name a folder on this machine")
          .hasMessageContaining("file:///absolute/path/to/folder");
    }
    assertThatThrownBy(() -> ArtifactStores.open("file:///a b", dir)).hasMessageContaining("is not a valid URI");
  }
}
