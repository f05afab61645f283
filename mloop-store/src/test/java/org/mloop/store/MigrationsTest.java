package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.store.MetadataStore;
import org.sqlite.SQLiteDataSource;

class MigrationsTest {

  private static List<String> versions(String dialect) throws Exception {
    Path dir = Path.of(MigrationsTest.class.getResource("/db/migration/" + dialect).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("V"))
          .map(n -> n.substring(1, n.indexOf("__"))).sorted().toList();
    }
  }

  @Test
  void bothDialectsShipTheSameVersionsUpToSchemaVersion() throws Exception {
    List<String> sqlite = versions("sqlite");
    assertThat(versions("postgresql")).isEqualTo(sqlite);
    assertThat(sqlite.stream().mapToInt(Integer::parseInt).max().orElseThrow())
        .as("MetadataStores.SCHEMA_VERSION must name the newest migration")
        .isEqualTo(MetadataStores.SCHEMA_VERSION);
  }

  @Test
  void appliedVersionReadsFlywayHistory(@TempDir Path dir) {
    Path file = dir.resolve("m.db");
    SQLiteDataSource raw = new SQLiteDataSource();
    raw.setUrl("jdbc:sqlite:" + file);
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(-1);
    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      assertThat(store.getExperiment("0")).isPresent();
    }
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(MetadataStores.SCHEMA_VERSION);
  }

  @Test
  void aWorkspaceMadeBeforeEndpointsGetsTheirTablesWhenOpened(@TempDir Path dir) {
    Path file = dir.resolve("old.db");
    SQLiteDataSource raw = new SQLiteDataSource();
    raw.setUrl("jdbc:sqlite:" + file);
    Flyway.configure().dataSource(raw).locations(Dialect.SQLITE.migrationLocation()).target("5").load().migrate();
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(5);

    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      store.createEndpoint(new Endpoint("diabetes-prod", null, AuthMode.KEY, EndpointKeys.generate(), null, null, 0, 0,
          0));
      assertThat(store.listEndpoints()).extracting(Endpoint::name).containsExactly("diabetes-prod");
    }
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(MetadataStores.SCHEMA_VERSION);
  }
}
