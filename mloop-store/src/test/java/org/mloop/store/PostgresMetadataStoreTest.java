package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
    template = server.createDatabase();
    MetadataStores.open(template).close();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected MetadataStore openFreshStore() {
    url = server.createDatabaseFrom(template);
    return MetadataStores.open(url);
  }

  @Override
  protected MetadataStore openSecondStore() {
    return MetadataStores.open(url);
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
