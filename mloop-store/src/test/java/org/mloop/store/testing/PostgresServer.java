package org.mloop.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests.
 *
 * <p>With {@value #URL_ENV} set (a JDBC URL of a server whose user may create databases), that
 * server is used. Otherwise the local PostgreSQL binaries ({@code pg_config --bindir}, else the
 * newest {@code /usr/lib/postgresql/<version>/bin}) run {@code initdb} into a temporary folder and
 * {@code pg_ctl start} a server on a free loopback port, with fsync off. PostgreSQL refuses to
 * run as root, so when the tests run as root both run as the {@code postgres} OS user through
 * {@code runuser}. No binaries is a failure, not a skip: the tests are meant to run.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start()) {
 *   String url = server.createDatabase();   // jdbc:postgresql://127.0.0.1:PORT/mloop_test_..?user=mloop
 *   String copy = server.createDatabaseFrom(url);   // a copy, e.g. of a migrated schema
 *   ...
 * }
 * }</pre>
 *
 * {@link #shared()} gives one server per JVM, stopped by a shutdown hook, for suites that want to
 * start it once. {@link #close()} stops a local server and deletes its folder; on an external
 * server it drops the databases it created.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String URL_ENV = "MLOOP_TEST_POSTGRES_URL";
  private static final String SUPERUSER = "mloop";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer shared;

  private final String adminUrl;
  private final Path directory;
  private final Path binaries;
  private final List<String> runAs;
  private final List<String> created = new ArrayList<>();
  private boolean closed;

  private PostgresServer(String adminUrl, Path directory, Path binaries, List<String> runAs) {
    this.adminUrl = adminUrl;
    this.directory = directory;
    this.binaries = binaries;
    this.runAs = runAs;
  }

  /** Uses {@value #URL_ENV} when set, else starts a local server. */
  public static PostgresServer start() {
    String external = System.getenv(URL_ENV);
    if (external != null && !external.isBlank()) {
      return new PostgresServer(external, null, null, List.of());
    }
    return startLocal();
  }

  /** One server for the whole JVM, started on first use and stopped when the JVM exits. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      PostgresServer server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-server-stop"));
      shared = server;
    }
    return shared;
  }

  /** The JDBC URL of the server's maintenance database, with a user that may create databases. */
  public String adminUrl() {
    return adminUrl;
  }

  /** Creates a new empty database and returns its JDBC URL (user included, no password needed locally). */
  public synchronized String createDatabase() {
    return create("");
  }

  /**
   * Creates a new database as a copy of another one made by {@link #createDatabase()}, which must
   * have no open connections: much faster than creating and migrating a schema for every test.
   */
  public synchronized String createDatabaseFrom(String templateJdbcUrl) {
    return create(" TEMPLATE " + databaseOf(templateJdbcUrl));
  }

  private String create(String template) {
    String name = "mloop_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + template);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + " on " + adminUrl + ": " + e.getMessage(), e);
    }
    created.add(name);
    return withDatabase(adminUrl, name);
  }

  /** Drops a database made by {@link #createDatabase()}; open connections to it are ended first. */
  public synchronized void dropDatabase(String jdbcUrl) {
    String name = databaseOf(jdbcUrl);
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
    }
    created.remove(name);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (directory == null) {
      for (String name : new ArrayList<>(created)) {
        try {
          dropDatabase(withDatabase(adminUrl, name));
        } catch (RuntimeException e) {
          System.err.println("warning: " + e.getMessage());
        }
      }
      return;
    }
    try {
      List<String> stop = new ArrayList<>(runAs);
      stop.addAll(List.of(binaries.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
          "-m", "immediate", "-w", "stop"));
      run(stop, false);
    } finally {
      deleteTree(directory);
    }
  }

  // ------------------------------------------------------------------ local server

  private static PostgresServer startLocal() {
    Path binaries = findBinaries().orElseThrow(() -> new IllegalStateException(
        "PostgreSQL server binaries (initdb, pg_ctl) not found via 'pg_config --bindir' or in /usr/lib/postgresql/*/bin. "
            + "Install Debian's postgresql package (apt-get install -y postgresql), or set " + URL_ENV
            + " to the JDBC URL of a PostgreSQL server whose user may create databases."));
    List<String> runAs = isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of();
    Path directory;
    try {
      directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "mloop-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the test PostgreSQL server", e);
    }
    PostgresServer server = null;
    try {
      if (!runAs.isEmpty()) {
        run(List.of("chown", "-R", "postgres:postgres", directory.toString()), true);
      }
      Path data = directory.resolve("data");
      List<String> initdb = new ArrayList<>(runAs);
      initdb.addAll(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
          "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
      run(initdb, true);
      IllegalStateException failure = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        List<String> start = new ArrayList<>(runAs);
        start.addAll(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(),
            "-l", directory.resolve("server.log").toString(), "-w", "-t", "60",
            "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start"));
        try {
          run(start, true);
          server = new PostgresServer(
              "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER, directory, binaries, runAs);
          return server;
        } catch (IllegalStateException e) {
          failure = e; // most likely the port was taken between probing and starting; try another
        }
      }
      throw failure;
    } finally {
      if (server == null) {
        deleteTree(directory);
      }
    }
  }

  private static Optional<Path> findBinaries() {
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && hasServer(Path.of(out))) {
        return Optional.of(Path.of(out));
      }
    } catch (IOException | InterruptedException e) {
      // no pg_config: look in Debian's folders
    }
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(PostgresServer::hasServer)
          .max(Comparator.comparing(PostgresServer::majorVersion));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean hasServer(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
  }

  private static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return out.equals("0");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static void run(List<String> command, boolean mustSucceed) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = p.waitFor(120, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      if (mustSucceed && (!done || p.exitValue() != 0)) {
        throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static void deleteTree(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("warning: cannot delete " + directory + ": " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ URLs

  static String withDatabase(String jdbcUrl, String database) {
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    String options = query < 0 ? "" : jdbcUrl.substring(query);
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    String hostPart = slash < 0 ? base : base.substring(0, slash);
    return hostPart + "/" + database + options;
  }

  static String databaseOf(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    String name = base.substring(base.lastIndexOf('/') + 1);
    if (!name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("not a test database URL: " + jdbcUrl);
    }
    return name;
  }
}
