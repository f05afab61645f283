package org.mloop.store;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The few places where SQLite and PostgreSQL need different SQL. Everything else (upserts with
 * ON CONFLICT, RETURNING, row-value comparisons, LIMIT/OFFSET) is written once for both.
 */
enum Dialect {
  SQLITE("db/migration/sqlite"),
  POSTGRESQL("db/migration/postgresql");

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  String migrationLocation() {
    return "classpath:" + migrations;
  }

  /** Row locking for read-modify-write; SQLite needs none because BEGIN IMMEDIATE already holds the write lock. */
  String forUpdate() {
    return this == POSTGRESQL ? " FOR UPDATE" : "";
  }

  /**
   * A case-sensitive LIKE with '\' as escape character. SQLite's LIKE ignores ASCII case, so there
   * the pattern is translated to GLOB (see {@link #likePattern}).
   */
  String like(String column) {
    return this == POSTGRESQL ? column + " LIKE ? ESCAPE '\\'" : column + " GLOB ?";
  }

  /** The bind value for {@link #like}. */
  String likePattern(String pattern) {
    return this == POSTGRESQL ? pattern : likeToGlob(pattern);
  }

  /** A case-insensitive LIKE with '\' as escape character. */
  String ilike(String column) {
    return this == POSTGRESQL ? column + " ILIKE ? ESCAPE '\\'" : column + " LIKE ? ESCAPE '\\'";
  }

  /**
   * SQL taking a transaction-scoped lock on a named resource (two int keys), or null where write
   * transactions are serialised anyway (SQLite).
   */
  String advisoryLock() {
    return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(?, ?)" : null;
  }

  /**
   * What {@code call} returns, a unique-key violation turned into {@code taken}'s exception (the
   * "already exists" of the thing being inserted or renamed).
   */
  <T> T unique(Jdbc.SqlCall<T> call, Supplier<? extends RuntimeException> taken) throws SQLException {
    try {
      return call.call();
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        throw taken.get();
      }
      throw e;
    }
  }

  boolean isUniqueViolation(SQLException e) {
    if (this == POSTGRESQL) {
      return "23505".equals(e.getSQLState());
    }
    return e instanceof SQLiteException se
        && (se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
  }

  boolean isBusy(SQLException e) {
    return this == SQLITE
        && e instanceof SQLiteException se
        && se.getResultCode().name().startsWith("SQLITE_BUSY");
  }

  /** Translates a LIKE pattern (% any run, _ one character, \ escapes) into a GLOB pattern. */
  static String likeToGlob(String like) {
    StringBuilder glob = new StringBuilder(like.length() + 8);
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        appendGlobLiteral(glob, like.charAt(++i));
      } else if (c == '%') {
        glob.append('*');
      } else if (c == '_') {
        glob.append('?');
      } else {
        appendGlobLiteral(glob, c);
      }
    }
    return glob.toString();
  }

  private static void appendGlobLiteral(StringBuilder glob, char c) {
    if (c == '*' || c == '?' || c == '[') {
      glob.append('[').append(c).append(']');
    } else {
      glob.append(c);
    }
  }
}
