package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mloop.core.files.FileTrees;
import org.mloop.core.store.MetadataStore;
import org.mloop.store.testing.PostgresServer;

/**
 * The metadata store contract on a real PostgreSQL server: one server for the class (started
 * here, or MLOOP_TEST_POSTGRES_URL), one new database per test, copied from a migrated template.
 */
class PostgresMetadataStoreTest extends MetadataStoreContract {
  private static PostgresServer server;
  /** A database migrated once; each test gets a copy of it. */
  private static String template;
  private String url;
  /** The workspace key file every store of the class shares, as the CLI and server of one workspace do. */
  private static Path keyFile;

  @BeforeAll
  static void startServer() throws IOException {
    keyFile = Files.createTempDirectory("mloop-pg-key").resolve(SecretBox.FILE_NAME);
    server = PostgresServer.start();
    template = server.createDatabase();
    MetadataStores.open(template).close();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    if (keyFile != null) {
      FileTrees.deleteTree(keyFile.getParent());
    }
  }

  @Override
  protected MetadataStore openFreshStore() {
    url = server.createDatabaseFrom(template);
    return MetadataStores.open(url, keyFile);
  }

  @Override
  protected MetadataStore openSecondStore() {
    return MetadataStores.open(url, keyFile);
  }

  @AfterEach
  void dropDatabase() {
    if (store != null) {
      store.close();
      store = null;
    }
    server.dropDatabase(url);
  }

  @Test
  void describeHidesCredentials() {
    assertThat(store.describe()).startsWith("postgresql://").doesNotContain("user=").doesNotContain("password");
    assertThat(MetadataStores.describePostgres("jdbc:postgresql://u:secret@db.example:5432/mloop?password=secret"))
        .isEqualTo("postgresql://db.example:5432/mloop");
  }
}
