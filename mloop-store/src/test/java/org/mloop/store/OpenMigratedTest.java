package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.store.MetadataStore;
import org.sqlite.SQLiteDataSource;

/**
 * {@link MetadataStores#openMigrated}: a job's executor opens the store its CLI has just migrated
 * and skips Flyway when the schema history is exactly at this build's newest migration.
 */
class OpenMigratedTest {
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

  @TempDir
  Path dir;

  @Test
  void eachDialectKnowsItsNewestMigration() throws IOException, URISyntaxException {
    for (Dialect dialect : Dialect.values()) {
      Path folder = Path.of(getClass().getClassLoader().getResource(dialect.migrationFolder()).toURI());
      int newest;
      try (Stream<Path> files = Files.list(folder)) {
        newest = files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
            .filter(Matcher::matches)
            .mapToInt(m -> Integer.parseInt(m.group(1)))
            .max().orElseThrow();
      }
      assertThat(dialect.schemaVersion())
          .as("Dialect.%s.schemaVersion() must name the newest migration in %s", dialect, folder)
          .isEqualTo(newest);
    }
  }

  @Test
  void aNewDatabaseIsMigratedByFlyway() {
    try (MetadataStore store = MetadataStores.openMigrated(url())) {
      assertThat(store.getExperiment("0")).isPresent();
    }
    assertThat(MetadataStores.schemaIsCurrent(dataSource(), Dialect.SQLITE)).isTrue();
  }

  @Test
  void aCurrentSchemaIsUsedWithoutRunningFlyway() throws SQLException {
    String id;
    try (MetadataStore store = MetadataStores.open(url())) {
      id = store.createExperiment("kept", null, null);
    }
    // An edited migration: Flyway's validation refuses it, so only a skipped Flyway opens the store.
    execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    assertThatThrownBy(() -> MetadataStores.open(url())).isInstanceOf(MloopException.class)
        .hasMessageContaining("up to date");
    try (MetadataStore store = MetadataStores.openMigrated(url())) {
      assertThat(store.getExperiment(id).orElseThrow().name()).isEqualTo("kept");
    }
  }

  @Test
  void aSchemaBehindOrFailedIsNotCurrent() throws SQLException {
    MetadataStores.open(url()).close();
    execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '2'");
    assertThat(MetadataStores.schemaIsCurrent(dataSource(), Dialect.SQLITE)).isFalse();
    execute("UPDATE flyway_schema_history SET success = 1 WHERE version = '2'");
    assertThat(MetadataStores.schemaIsCurrent(dataSource(), Dialect.SQLITE)).isTrue();
    execute("DELETE FROM flyway_schema_history WHERE version = '" + Dialect.SQLITE.schemaVersion() + "'");
    assertThat(MetadataStores.schemaIsCurrent(dataSource(), Dialect.SQLITE)).isFalse();
  }

  @Test
  void aDatabaseWithoutHistoryIsNotCurrent() throws SQLException {
    execute("CREATE TABLE unrelated (x INTEGER)");
    assertThat(MetadataStores.schemaIsCurrent(dataSource(), Dialect.SQLITE)).isFalse();
  }

  private String url() {
    return MetadataStores.sqliteUrl(dir.resolve("mloop.db"));
  }

  private SQLiteDataSource dataSource() {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl(url());
    return source;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
