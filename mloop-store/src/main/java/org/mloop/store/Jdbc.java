package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small JDBC helpers: binding positional values and reading nullable columns. */
final class Jdbc {
  /** IN lists are split into chunks well below SQLite's and PostgreSQL's bind-variable limits. */
  static final int IN_CHUNK = 500;

  private Jdbc() {}

  /** Binds values in order from index {@code first}; values are String, Long, Integer or Double. */
  static int bind(PreparedStatement statement, int first, List<?> values) throws SQLException {
    int index = first;
    for (Object value : values) {
      if (value instanceof String s) {
        statement.setString(index, s);
      } else if (value instanceof Long l) {
        statement.setLong(index, l);
      } else if (value instanceof Integer i) {
        statement.setInt(index, i);
      } else if (value instanceof Double d) {
        statement.setDouble(index, d);
      } else if (value == null) {
        statement.setNull(index, Types.NULL);
      } else {
        throw new IllegalArgumentException("cannot bind " + value.getClass().getSimpleName());
      }
      index++;
    }
    return index;
  }

  static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  static void setNullableInt(PreparedStatement statement, int index, Integer value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  /**
   * Runs one INSERT, UPDATE or DELETE with the values bound in order (see {@link #bind}); returns the
   * number of rows it changed.
   */
  static int execute(Connection c, String sql, Object... binds) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, 1, Arrays.asList(binds));
      return statement.executeUpdate();
    }
  }

  /**
   * Runs a statement that RETURNING one number (the key an INSERT generated, a counter an UPDATE
   * moved) with the values bound in order, and returns that number.
   */
  static long returning(Connection c, String sql, Object... binds) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, 1, Arrays.asList(binds));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** One statement's work, for {@link Dialect#unique}. */
  @FunctionalInterface
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  /** Reads one value from the current row of a result. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Every row of a SELECT with the values bound in order (see {@link #bind}), each read by {@code reader}. */
  static <T> List<T> list(Connection c, String sql, List<?> binds, RowReader<T> reader) throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      bind(select, 1, binds);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.add(reader.read(rows));
        }
      }
    }
    return out;
  }

  /**
   * Writes key-value rows of one owner in a batch: {@code sql} takes the owner's id, the key and the
   * value, in that order (an INSERT ... ON CONFLICT of a tags table). Nothing when there are none.
   */
  static void batchKeyValues(Connection c, String sql, long id, Map<String, String> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        statement.setLong(1, id);
        statement.setString(2, entry.getKey());
        statement.setString(3, entry.getValue());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  static Long nullableLong(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  static Integer nullableInt(ResultSet rows, String column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }

  /** "?, ?, ?" for an IN list of {@code n} values. */
  /** The first column of every row of a query without parameters. */
  static Set<String> strings(Connection c, String sql) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement select = c.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }

  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  static <T> List<List<T>> chunks(List<T> values, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i += size) {
      out.add(values.subList(i, Math.min(values.size(), i + size)));
    }
    return out;
  }
}
