package org.mloop.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.Retry;
import org.mloop.core.files.PrivateFiles;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.store.SchemeRegistry;
import org.mloop.core.store.SchemeRegistry.Scheme;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens metadata stores by JDBC URL, chosen by its scheme through a registry ({@link #SCHEMES}),
 * and brings their schema up to date with Flyway.
 *
 * <ul>
 *   <li>{@code jdbc:sqlite:/path/to/mloop.db}: the file (and its folder) is created when missing,
 *       readable by its owner only; WAL journal with synchronous=FULL (a returned commit survives a
 *       power loss), a 60 s busy timeout and foreign keys on every connection.
 *   <li>{@code jdbc:postgresql://host:5432/mloop?user=u&password=p}: without a user in the URL,
 *       {@value #USER_ENV} and {@value #PASSWORD_ENV} are used when set.
 * </ul>
 */
public final class MetadataStores {
  public static final String USER_ENV = "MLOOP_DB_USER";
  public static final String PASSWORD_ENV = "MLOOP_DB_PASSWORD";

  /** How long a writer waits for another process's write transaction before giving up. */
  static final int SQLITE_BUSY_TIMEOUT_MILLIS = 60_000;

  private static final String SQLITE_PREFIX = "jdbc:sqlite:";
  private static final Pattern URL_USER = Pattern.compile("[?&]user=", Pattern.CASE_INSENSITIVE);
  /** Migrating one SQLite file from two threads of this JVM at once would overlap file locks. */
  private static final Object MIGRATION_MONITOR = new Object();

  /** Opens the store of one scheme: the URL, the user and password when not in it, and the key file or null. */
  @FunctionalInterface
  private interface Opener {
    JdbcMetadataStore open(String url, String user, String password, Path keyFile);
  }

  /**
   * The registry, as {@link ArtifactStores}' (an explicit list, for the reasons given there): adding a
   * database is one opener and one entry.
   */
  private static final SchemeRegistry<Opener> SCHEMES = new SchemeRegistry<>("metadata store URL", List.of(
      new Scheme<>("jdbc:sqlite", "jdbc:sqlite:/path/to/mloop.db", MetadataStores::openSqliteUrl),
      new Scheme<>("jdbc:postgresql", "jdbc:postgresql://host:5432/database", MetadataStores::openPostgres)),
      MetadataStores::redact);

  private MetadataStores() {}

  /**
   * Opens (creating and migrating as needed) the store at {@code jdbcUrl}. Secrets in it (endpoint keys)
   * are encrypted with the workspace key file beside a SQLite database; see {@link #open(String, Path)}.
   */
  public static MetadataStore open(String jdbcUrl) {
    return open(jdbcUrl, null);
  }

  /**
   * Opens the store at {@code jdbcUrl} with its secrets encrypted by the key in {@code keyFile}
   * ({@link SecretBox}, created mode 0600 on first use): a workspace passes DIR/{@value SecretBox#FILE_NAME}.
   * Null: the key file beside a SQLite database file; for an in-memory or PostgreSQL database
   * without a key file, a key of this process only.
   */
  public static MetadataStore open(String jdbcUrl, Path keyFile) {
    return openJdbc(jdbcUrl, System.getenv(USER_ENV), System.getenv(PASSWORD_ENV), keyFile);
  }

  /** The SQLite store in {@code file}. */
  public static MetadataStore openSqlite(Path file) {
    return open(sqliteUrl(file));
  }

  public static String sqliteUrl(Path file) {
    return SQLITE_PREFIX + file.toAbsolutePath().normalize();
  }

  /** The concrete store, for callers (benchmarks, tests) that need more than the port. */
  public static JdbcMetadataStore openJdbc(String jdbcUrl, String user, String password) {
    return openJdbc(jdbcUrl, user, password, null);
  }

  /** As {@link #openJdbc(String, String, String)} with the workspace key file (see {@link #open(String, Path)}). */
  public static JdbcMetadataStore openJdbc(String jdbcUrl, String user, String password, Path keyFile) {
    return SCHEMES.opener(jdbcUrl).open(jdbcUrl, user, password, keyFile);
  }

  /** The schemes a metadata store URL can have ("jdbc:sqlite:", "jdbc:postgresql:"). */
  public static List<String> schemes() {
    return SCHEMES.names();
  }

  private static JdbcMetadataStore openSqliteUrl(String jdbcUrl, String user, String password, Path keyFile) {
    String location = jdbcUrl.substring(SQLITE_PREFIX.length());
    int query = location.indexOf('?');
    String fileName = query < 0 ? location : location.substring(0, query);
    boolean memory = fileName.isEmpty() || fileName.equals(":memory:") || fileName.contains("mode=memory");
    Path file = memory ? null : Path.of(fileName).toAbsolutePath();
    if (file != null) {
      try {
        PrivateFiles.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new MloopException(ErrorCode.INTERNAL_ERROR,
            "Cannot create the folder of the metadata database " + file + ": " + e.getMessage(), e);
      }
      createPrivately(file);
    }
    SecretBox secrets = keyFile != null ? SecretBox.fromKeyFile(keyFile)
        : file != null ? SecretBox.fromKeyFile(file.resolveSibling(SecretBox.FILE_NAME)) : SecretBox.ephemeral();
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    if (!memory) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // FULL: the WAL is fsynced at every commit, so a commit that returned survives a power loss too.
      // (NORMAL syncs only at checkpoints: crash-safe, but a power loss may roll back the last commits,
      // and a version row could then be lost after its client was told it exists.)
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      // Searches probe many index pages: read them through a shared memory map rather than a
      // read() call per page, and keep a larger private page cache (the default is 2 MiB).
      config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(256L << 20));
      config.setCacheSize(-16 * 1024);
    }
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl(jdbcUrl);

    HikariConfig pool = new HikariConfig();
    pool.setPoolName("mloop-sqlite");
    pool.setDataSource(sqlite);
    if (memory) {
      // An in-memory database lives as long as its one connection.
      pool.setMaximumPoolSize(1);
      pool.setMaxLifetime(0);
      pool.setIdleTimeout(0);
    } else {
      pool.setMaximumPoolSize(4);
      pool.setMinimumIdle(1);
    }
    pool.setConnectionTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    String description = memory ? "sqlite::memory:" : "sqlite:" + file;
    HikariDataSource dataSource = startSqlitePool(pool, description);
    try {
      if (file == null) {
        migrate(dataSource, Dialect.SQLITE, description, secrets);
      } else {
        migrateUnderFileLock(dataSource, file, description, secrets);
      }
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new JdbcMetadataStore(new Database(Dialect.SQLITE, dataSource, description), secrets);
  }

  /**
   * A new database file is created empty (which SQLite takes as a new database) and readable by its
   * owner only; SQLite gives its -wal and -shm files the same permissions. An existing file keeps its own.
   */
  private static void createPrivately(Path file) {
    try (FileChannel created = PrivateFiles.createFile(file)) {
      created.force(true);
    } catch (FileAlreadyExistsException e) {
      // An existing database, or another process created it first.
    } catch (IOException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR,
          "Cannot create the metadata database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Several processes may open a new database at the same moment. Flyway documents no
   * cross-process lock for SQLite, so a lock file beside the database serialises migrations.
   */
  private static void migrateUnderFileLock(DataSource dataSource, Path file, String description, SecretBox secrets) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".migration-lock");
    synchronized (MIGRATION_MONITOR) {
      try (FileChannel channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE,
              StandardOpenOption.WRITE), PrivateFiles.fileAttributes());
          FileLock lock = channel.lock()) {
        migrate(dataSource, Dialect.SQLITE, description, secrets);
      } catch (IOException e) {
        throw new MloopException(ErrorCode.INTERNAL_ERROR,
            "Cannot lock " + lockFile + " to prepare the metadata database: " + e.getMessage(), e);
      }
    }
  }

  private static JdbcMetadataStore openPostgres(String jdbcUrl, String user, String password, Path keyFile) {
    SecretBox secrets = keyFile == null ? SecretBox.ephemeral() : SecretBox.fromKeyFile(keyFile);
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("mloop-postgresql");
    pool.setJdbcUrl(jdbcUrl);
    if (!URL_USER.matcher(jdbcUrl).find() && user != null && !user.isBlank()) {
      pool.setUsername(user);
      if (password != null) {
        pool.setPassword(password);
      }
    }
    pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    pool.setMaximumPoolSize(8);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(30_000);
    String description = describePostgres(jdbcUrl);
    HikariDataSource dataSource = startPool(pool, description);
    try {
      migrate(dataSource, Dialect.POSTGRESQL, description, secrets);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new JdbcMetadataStore(new Database(Dialect.POSTGRESQL, dataSource, description), secrets);
  }

  /**
   * A new connection sets WAL mode, which SQLite refuses at once (SQLITE_BUSY, without waiting on the
   * busy timeout) while another process or thread migrates the file: so a busy start is retried for
   * the busy timeout; any other failure is reported at once.
   */
  private static HikariDataSource startSqlitePool(HikariConfig template, String description) {
    return Retry.forUpTo(Duration.ofMillis(SQLITE_BUSY_TIMEOUT_MILLIS))
        .fixedDelay(Duration.ofMillis(50))
        .retryOn(MetadataStores::busy)
        .call(() -> {
          HikariConfig attempt = new HikariConfig();
          template.copyStateTo(attempt);
          return startPool(attempt, description);
        });
  }

  private static boolean busy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && Dialect.SQLITE.isBusy(sql)) {
        return true;
      }
    }
    return false;
  }

  private static HikariDataSource startPool(HikariConfig config, String description) {
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "Cannot connect to the metadata database " + description
          + ": " + cause.getMessage() + ". Check the URL, that the database server runs, and for PostgreSQL the "
          + "user and password (in the URL or " + USER_ENV + "/" + PASSWORD_ENV + ").", e);
    }
  }

  /**
   * The highest migration version: the SQL files in db/migration/{sqlite,postgresql} (a test keeps
   * them in step) and the Java migration {@link EncryptEndpointKeys}. A database already there skips
   * Flyway, which saves a CLI command about a third of a second.
   */
  static final int SCHEMA_VERSION = EncryptEndpointKeys.VERSION;

  private static void migrate(DataSource dataSource, Dialect dialect, String description, SecretBox secrets) {
    if (appliedVersion(dataSource) == SCHEMA_VERSION) {
      return;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrationLocation())
          .javaMigrations(new EncryptEndpointKeys(secrets))
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR,
          "Cannot bring the schema of the metadata database " + description + " up to date: " + e.getMessage(), e);
    }
  }

  /** The highest successfully applied Flyway migration, or -1 for a new or unreadable database. */
  static int appliedVersion(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      int max = -1;
      while (rows.next()) {
        String version = rows.getString(1);
        if (rows.getBoolean(2) && version != null && version.matches("\\d+")) {
          max = Math.max(max, Integer.parseInt(version));
        }
      }
      return max;
    } catch (SQLException e) {
      return -1; // no history table yet: Flyway creates it
    }
  }

  /** "postgresql://host:port/db" without credentials or options. */
  static String describePostgres(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:".length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    Matcher userInfo = Pattern.compile("//[^/@]*@").matcher(rest);
    return userInfo.find() ? rest.substring(0, userInfo.start()) + "//" + rest.substring(userInfo.end()) : rest;
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
