package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.store.MetadataStore;

/** The metadata store contract on an SQLite file. */
class SqliteMetadataStoreTest extends MetadataStoreContract {
  @TempDir
  Path dir;

  @Override
  protected MetadataStore openFreshStore() {
    return MetadataStores.openSqlite(dir.resolve("sub/mloop.db"));
  }

  @Override
  protected MetadataStore openSecondStore() {
    return MetadataStores.open("jdbc:sqlite:" + dir.resolve("sub/mloop.db"));
  }

  @Test
  void createsTheFileInWalModeAndDescribesIt() {
    Path file = dir.resolve("sub/mloop.db").toAbsolutePath();
    assertThat(Files.isRegularFile(file)).isTrue();
    assertThat(store.describe()).isEqualTo("sqlite:" + file);
    store.tracking().createExperiment("wal", null, null);
    assertThat(Files.exists(file.resolveSibling("mloop.db-wal"))).isTrue();
  }

  @Test
  void reopeningKeepsTheData() {
    String id = store.tracking().createExperiment("kept", null, null);
    store.close();
    store = openFreshStore();
    assertThat(store.tracking().getExperiment(id).orElseThrow().name()).isEqualTo("kept");
  }

  @Test
  void inMemoryDatabaseWorksForOneStore() {
    try (MetadataStore memory = MetadataStores.open("jdbc:sqlite::memory:")) {
      String id = memory.tracking().createExperiment("in-memory", null, null);
      assertThat(memory.tracking().getExperiment(id)).isPresent();
      assertThat(memory.describe()).isEqualTo("sqlite::memory:");
    }
  }
}
