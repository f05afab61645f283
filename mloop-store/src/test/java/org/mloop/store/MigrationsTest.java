package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.auth.Role;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.store.Token;
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
    assertThat(sqlite.stream().mapToInt(Integer::parseInt).max().orElseThrow() + 1)
        .as("the Java migration EncryptEndpointKeys follows the newest SQL one, and SCHEMA_VERSION names it")
        .isEqualTo(EncryptEndpointKeys.VERSION)
        .isEqualTo(MetadataStores.SCHEMA_VERSION);
  }

  /**
   * A workspace made before roles and encryption: its tokens become workspace-wide admin tokens (so
   * nothing that worked stops working) and its endpoint keys, stored readable, are encrypted with the
   * workspace key file, created mode 0600 beside the database.
   */
  @Test
  void oldTokensBecomeAdminsAndPlainEndpointKeysAreEncryptedWhenOpened(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("old.db");
    SQLiteDataSource raw = new SQLiteDataSource();
    raw.setUrl("jdbc:sqlite:" + file);
    Flyway.configure().dataSource(raw).locations(Dialect.SQLITE.migrationLocation()).target("7").load().migrate();
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO tokens (token_id, token_name, sha256, created_at) VALUES ('t1', 'ci', '"
          + "a".repeat(64) + "', 1)");
      s.executeUpdate("INSERT INTO endpoints (name, auth_mode, primary_key, secondary_key, traffic_json, mirror_json,"
          + " generation, created_at, updated_at) VALUES ('diabetes-prod', 'KEY', 'plain-primary', 'plain-secondary',"
          + " '{}', '{}', 1, 1, 1)");
    }

    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      Token old = store.tokens().findTokenBySha256("a".repeat(64)).orElseThrow();
      assertThat(old.role()).isEqualTo(Role.ADMIN);
      assertThat(old.scope().unrestricted()).isTrue();
      assertThat(old.expiresAt()).isNull();
      Endpoint e = store.endpoints().getEndpoint("diabetes-prod").orElseThrow();
      assertThat(e.keys().primary()).isEqualTo("plain-primary");
      assertThat(e.keys().secondary()).isEqualTo("plain-secondary");
    }
    try (Connection c = raw.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT primary_key, secondary_key FROM endpoints")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).startsWith("aesgcm1:").doesNotContain("plain");
      assertThat(rows.getString(2)).startsWith("aesgcm1:").doesNotContain("plain");
    }
    Path key = dir.resolve(SecretBox.FILE_NAME);
    assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(MetadataStores.SCHEMA_VERSION);
  }

  @Test
  void keysSealedWithOneWorkspaceKeyDoNotOpenWithAnother(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.db");
    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      store.endpoints().createEndpoint(new Endpoint("diabetes-prod", null, AuthMode.KEY, EndpointKeys.generate(), null, null, 0, 0,
          0));
    }
    Files.delete(dir.resolve(SecretBox.FILE_NAME));
    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      assertThatThrownBy(() -> store.endpoints().getEndpoint("diabetes-prod"))
          .hasMessageContaining("another workspace key file").hasMessageNotContaining("aesgcm1:");
    }
  }

  @Test
  void appliedVersionReadsFlywayHistory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.db");
    SQLiteDataSource raw = new SQLiteDataSource();
    raw.setUrl("jdbc:sqlite:" + file);
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(-1);
    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      assertThat(store.tracking().getExperiment("0")).isPresent();
    }
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(MetadataStores.SCHEMA_VERSION);
  }

  @Test
  void aNewDatabaseFileIsItsOwnersAlone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("new.db");
    MetadataStores.openSqlite(file).close();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void aWorkspaceMadeBeforeEndpointsGetsTheirTablesWhenOpened(@TempDir Path dir) {
    Path file = dir.resolve("old.db");
    SQLiteDataSource raw = new SQLiteDataSource();
    raw.setUrl("jdbc:sqlite:" + file);
    Flyway.configure().dataSource(raw).locations(Dialect.SQLITE.migrationLocation()).target("5").load().migrate();
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(5);

    try (MetadataStore store = MetadataStores.openSqlite(file)) {
      store.endpoints().createEndpoint(new Endpoint("diabetes-prod", null, AuthMode.KEY, EndpointKeys.generate(), null, null, 0, 0,
          0));
      assertThat(store.endpoints().listEndpoints()).extracting(Endpoint::name).containsExactly("diabetes-prod");
    }
    assertThat(MetadataStores.appliedVersion(raw)).isEqualTo(MetadataStores.SCHEMA_VERSION);
  }
}
