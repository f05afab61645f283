package org.mloop.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

/**
 * A connection pool plus the transaction discipline of the store.
 *
 * <p>SQLite: connections stay in auto-commit mode and transactions are opened explicitly. Writes
 * use BEGIN IMMEDIATE, which takes the database's write lock up front (waiting up to the busy
 * timeout for another process to finish) so a read-then-write transaction can never fail half way
 * with SQLITE_BUSY. Reads use a deferred BEGIN, a consistent WAL snapshot that never blocks
 * writers. (The driver's own non-auto-commit mode starts the next transaction right after each
 * commit, which would hold the write lock while the connection sits idle in the pool.) Writers of
 * this process queue on a fair lock first, so SQLite's polling busy handler only arbitrates
 * between processes.
 *
 * <p>PostgreSQL: ordinary JDBC transactions at READ COMMITTED; read-modify-write paths lock rows
 * with SELECT ... FOR UPDATE or retry on unique violations.
 */
final class Database implements AutoCloseable {
  private final Dialect dialect;
  private final HikariDataSource pool;
  private final String description;
  private final ReentrantLock writeLock = new ReentrantLock(true);

  Database(Dialect dialect, HikariDataSource pool, String description) {
    this.dialect = dialect;
    this.pool = pool;
    this.description = description;
  }

  Dialect dialect() {
    return dialect;
  }

  String description() {
    return description;
  }

  <T> T write(SqlWork<T> work) {
    if (dialect == Dialect.SQLITE) {
      writeLock.lock();
      try {
        return sqliteTransaction("BEGIN IMMEDIATE", work);
      } finally {
        writeLock.unlock();
      }
    }
    return postgresTransaction(work, false);
  }

  <T> T read(SqlWork<T> work) {
    return dialect == Dialect.SQLITE ? sqliteTransaction("BEGIN", work) : postgresTransaction(work, true);
  }

  private <T> T sqliteTransaction(String begin, SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(begin);
      }
      try {
        T result = work.run(connection);
        try (Statement statement = connection.createStatement()) {
          statement.execute("COMMIT");
        }
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackSqlite(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private void rollbackSqlite(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      // A connection whose transaction state is unknown must not go back into the pool.
      pool.evictConnection(connection);
    }
  }

  private <T> T postgresTransaction(SqlWork<T> work, boolean readOnly) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(readOnly);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
          pool.evictConnection(connection);
        }
        throw e;
      } finally {
        if (readOnly) {
          connection.setReadOnly(false);
        }
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  MloopException translate(SQLException e) {
    if (dialect.isBusy(e)) {
      return new MloopException(ErrorCode.INTERNAL_ERROR,
          "The metadata database " + description + " stayed locked by another process for longer than the "
              + "busy timeout; retry, and check for a process stuck while writing to it.", e);
    }
    return new MloopException(ErrorCode.INTERNAL_ERROR,
        "Metadata database error on " + description + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    pool.close();
  }
}
