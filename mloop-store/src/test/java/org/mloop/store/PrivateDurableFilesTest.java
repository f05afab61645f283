package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.files.PrivateFiles;

/**
 * A workspace's database and artifacts cannot be read by other users of the machine (POSIX: folders
 * 0700, files 0600, whatever the umask allows), and the database commits durably (WAL with
 * synchronous=FULL: a returned commit is on the disk, not only in the page cache).
 */
class PrivateDurableFilesTest {
  @TempDir Path dir;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aNewSqliteDatabaseAndItsJournalFilesAreReadableByTheOwnerOnly() throws IOException {
    assumeThat(PrivateFiles.POSIX).as("POSIX permissions").isTrue();
    Path file = dir.resolve("new-folder/mloop.db");
    try (var store = MetadataStores.openSqlite(file)) {
      store.tracking().createExperiment("private", null, null);
      assertThat(mode(file.getParent())).isEqualTo("rwx------");
      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(mode(file.resolveSibling("mloop.db-wal"))).isEqualTo("rw-------");
      assertThat(mode(file.resolveSibling("mloop.db-shm"))).isEqualTo("rw-------");
      assertThat(mode(file.resolveSibling("mloop.db.migration-lock"))).isEqualTo("rw-------");
    }
  }

  @Test
  void anExistingDatabaseFileKeepsItsPermissions() throws IOException {
    assumeThat(PrivateFiles.POSIX).as("POSIX permissions").isTrue();
    Path file = dir.resolve("mloop.db");
    MetadataStores.openSqlite(file).close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----")); // shared with a group on purpose
    MetadataStores.openSqlite(file).close();
    assertThat(mode(file)).isEqualTo("rw-r-----");
  }

  @Test
  void everyConnectionCommitsDurablyInWalMode() throws Exception {
    try (JdbcMetadataStore store = MetadataStores.openJdbc(MetadataStores.sqliteUrl(dir.resolve("mloop.db")), null,
        null)) {
      for (int i = 0; i < 3; i++) { // several pooled connections, each with the settings
        String[] settings = store.database().read(c -> {
          try (Statement s = c.createStatement();
              ResultSet sync = s.executeQuery("PRAGMA synchronous")) {
            sync.next();
            int synchronous = sync.getInt(1);
            try (ResultSet journal = s.executeQuery("PRAGMA journal_mode")) {
              journal.next();
              return new String[] {String.valueOf(synchronous), journal.getString(1)};
            }
          }
        });
        assertThat(settings).as("synchronous (2 = FULL), journal mode").containsExactly("2", "wal");
      }
    }
  }

  @Test
  void artifactFoldersAndFilesAreReadableByTheOwnerOnly() throws IOException {
    assumeThat(PrivateFiles.POSIX).as("POSIX permissions").isTrue();
    Path root = dir.resolve("ws/artifacts");
    FileArtifactStore store = new FileArtifactStore(root);
    store.write("models/diabetes/abc/MLmodel", new ByteArrayInputStream("flavors: {}".getBytes(StandardCharsets.UTF_8)));

    for (Path folder : new Path[] {root.getParent(), root, root.resolve(".tmp"), root.resolve(".sha256"),
        root.resolve("models"), root.resolve("models/diabetes"), root.resolve("models/diabetes/abc"),
        root.resolve(".sha256/models/diabetes/abc")}) {
      assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
    }
    assertThat(mode(root.resolve("models/diabetes/abc/MLmodel"))).isEqualTo("rw-------");
    assertThat(mode(root.resolve(".sha256/models/diabetes/abc/MLmodel"))).as("its digest").isEqualTo("rw-------");
  }
}
