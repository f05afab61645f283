package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.store.MetadataStoreContract.fails;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.LocalDataService;
import org.mloop.core.store.MetadataStore;

/** Data assets of a local workspace, on a real SQLite store and file artifact store. */
class LocalDataServiceTest {
  @TempDir Path temp;
  MetadataStore metadata;
  FileArtifactStore files;
  LocalDataService data;

  @BeforeEach
  void setUp() {
    metadata = MetadataStores.openSqlite(temp.resolve("mloop.db"));
    files = new FileArtifactStore(temp.resolve("artifacts"));
    data = new LocalDataService(metadata.data(), files);
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  @Test
  void aFolderBecomesTheNextVersionWithItsFilesReadableByPath() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("folder/sub"));
    Files.writeString(folder.resolve("rows.csv"), "a,b\n1,2\n");
    DataAsset v1 = data.create("diabetes-dev-folder", temp.resolve("folder"), "rows", Map.of("source", "test"));
    DataAsset v2 = data.create("diabetes-dev-folder", temp.resolve("folder"), null, null);

    assertThat(v2.version()).isEqualTo(v1.version() + 1);
    assertThat(v2.sha256()).as("same content, same hash").isEqualTo(v1.sha256());
    assertThat(data.get(AssetRef.parse("mloop:diabetes-dev-folder@latest"))).isEqualTo(v2);
    assertThat(data.listFiles(v1)).extracting(ArtifactFile::path).containsExactly("sub/rows.csv");
    try (InputStream in = data.openFile(v1, "sub/rows.csv")) {
      assertThat(in.readAllBytes()).isEqualTo("a,b\n1,2\n".getBytes());
    }
  }

  @Test
  void aBadNameIsRefusedBeforeAnythingIsStored() throws IOException {
    Path file = Files.writeString(temp.resolve("rows.csv"), "a,b\n1,2\n");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> data.create("bad name", file, null, null), "bad data asset name");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> data.create("n".repeat(10_000), file, null, null),
        "data asset name '" + "n".repeat(61) + "...' (10000 characters) is too long (max 255 characters)");
    assertThat(data.list(null)).isEmpty();
    assertThat(files.exists("data")).isFalse();
  }
}
