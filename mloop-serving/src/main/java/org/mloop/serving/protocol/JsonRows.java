package org.mloop.serving.protocol;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.END_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Arrays;
import org.mloop.core.MessageText;

/**
 * The table shapes of JSON scoring requests, read from a streaming parser straight into rows in
 * signature order: pandas' split orientation ({@code {"columns", "index", "data"}}), a list of
 * rows, a list of records ({@code [{"Age": 50, ...}]}) and columns ({@code {"Age": [50, 21]}}).
 * Each reader starts on the value's first token; {@code field} names the value in messages.
 */
final class JsonRows {
  private JsonRows() {}

  /** {@code {"columns": [...], "index": [...], "data": [[...]]}}; without columns, values are in signature order. */
  static double[][] split(JsonParser p, InputLayout layout, ScoringLimits limits, String field) throws IOException {
    int[] positions = null;
    double[][] rows = null;
    TokenBuffer early = null; // "data" before "columns": replayed once the columns are known
    JsonToken t;
    while ((t = p.nextToken()) == FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "columns" -> {
          if (positions != null) {
            throw ScoringException.badRequest(field + " has the field 'columns' twice");
          }
          positions = columns(p, value, layout, field + ".columns");
        }
        case "data" -> {
          if (rows != null || early != null) {
            throw ScoringException.badRequest(field + " has the field 'data' twice");
          }
          if (positions != null) {
            rows = rows(p, value, layout, positions, limits, field + ".data");
          } else {
            early = new TokenBuffer(p);
            early.copyCurrentStructure(p);
          }
        }
        case "index" -> p.skipChildren();
        default -> throw ScoringException.badRequest(field + " has unknown field '" + MessageText.abbreviate(name)
            + "'; it takes columns, index and data");
      }
    }
    if (t != END_OBJECT) {
      throw ScoringException.badRequest(field + " is not a complete JSON object");
    }
    if (early != null) {
      try (JsonParser replay = early.asParser()) {
        rows = rows(replay, replay.nextToken(), layout, positions == null ? layout.identity : positions, limits,
            field + ".data");
      }
    }
    if (rows == null) {
      throw ScoringException.badRequest(field + " has no field 'data'; send {\"columns\": [" + quoted(layout)
          + "], \"data\": [[...], ...]}");
    }
    return rows;
  }

  /** The column names of a request: the signature position of each, in the request's order. */
  static int[] columns(JsonParser p, JsonToken t, InputLayout layout, String field) throws IOException {
    JsonIo.expectArray(p, t, field, "of column names");
    int[] positions = new int[layout.width];
    long seen = 0;
    boolean[] seenWide = layout.width > 64 ? new boolean[layout.width] : null;
    int n = 0;
    while ((t = p.nextToken()) != END_ARRAY) {
      if (t != VALUE_STRING) {
        throw ScoringException.badRequest(field + " must hold column names (text), found " + JsonIo.describe(p, t));
      }
      String name = p.getText();
      int at = layout.indexOf(name);
      if (at < 0) {
        throw layout.unknownColumn(field, MessageText.abbreviate(name));
      }
      boolean already = seenWide != null ? seenWide[at] : (seen & (1L << at)) != 0;
      if (already) {
        throw layout.duplicateColumn(field, name);
      }
      if (seenWide != null) {
        seenWide[at] = true;
      } else {
        seen |= 1L << at;
      }
      positions[n++] = at;
    }
    long seenBits = seen;
    java.util.function.IntPredicate present = c -> seenWide != null ? seenWide[c] : (seenBits & (1L << c)) != 0;
    for (int c = 0; c < layout.width; c++) {
      if (!present.test(c) && layout.columns[c].required()) {
        throw layout.missingColumns(field, present);
      }
    }
    return n == positions.length ? positions : Arrays.copyOf(positions, n);
  }

  /** {@code [[v, ...], ...]}: row values in the order {@code positions} gives. */
  static double[][] rows(JsonParser p, JsonToken t, InputLayout layout, int[] positions, ScoringLimits limits,
      String field) throws IOException {
    JsonIo.expectArray(p, t, field, "of rows");
    return rowsFrom(p, p.nextToken(), layout, positions, limits, field);
  }

  /** The rows of a list whose first element's token {@code first} has just been read. */
  static double[][] rowsFrom(JsonParser p, JsonToken first, InputLayout layout, int[] positions, ScoringLimits limits,
      String field) throws IOException {
    RowBuffer rows = new RowBuffer(limits);
    boolean partial = positions.length < layout.width;
    for (JsonToken t = first; t != END_ARRAY; t = p.nextToken()) {
      int r = rows.size();
      if (t != START_ARRAY) {
        throw ScoringException.badRequest(field + " row " + (r + 1) + " must be a list of " + positions.length
            + " values, found " + JsonIo.describe(p, t));
      }
      double[] row = new double[layout.width];
      if (partial) {
        Arrays.fill(row, Double.NaN); // optional columns left out
      }
      int k = 0;
      JsonToken v;
      while ((v = p.nextToken()) != END_ARRAY) {
        if (k == positions.length) {
          throw ScoringException.badRequest(field + " row " + (r + 1) + " has more than " + positions.length
              + " values; the columns are " + names(layout, positions));
        }
        int c = positions[k++];
        row[c] = JsonIo.value(p, v, layout, c, r);
      }
      if (k < positions.length) {
        throw ScoringException.badRequest(field + " row " + (r + 1) + " has " + k + " values but there are "
            + positions.length + " columns: " + names(layout, positions));
      }
      rows.add(row);
    }
    return nonEmpty(rows, field);
  }

  /** {@code [{"Age": 50, ...}, ...]}. */
  static double[][] records(JsonParser p, JsonToken t, InputLayout layout, ScoringLimits limits, String field)
      throws IOException {
    JsonIo.expectArray(p, t, field, "of records");
    return recordsFrom(p, p.nextToken(), layout, limits, field);
  }

  /** The records of a list whose first element's token {@code first} has just been read. */
  static double[][] recordsFrom(JsonParser p, JsonToken first, InputLayout layout, ScoringLimits limits, String field)
      throws IOException {
    RowBuffer rows = new RowBuffer(limits);
    boolean[] seen = new boolean[layout.width];
    for (JsonToken t = first; t != END_ARRAY; t = p.nextToken()) {
      int r = rows.size();
      if (t != START_OBJECT) {
        throw ScoringException.badRequest(field + " record " + (r + 1) + " must be a JSON object of column values,"
            + " found " + JsonIo.describe(p, t));
      }
      rows.add(record(p, layout, r, seen, field + " record " + (r + 1)));
    }
    return nonEmpty(rows, field);
  }

  /** One record, the parser on its START_OBJECT. */
  static double[] record(JsonParser p, InputLayout layout, int r, boolean[] seen, String where) throws IOException {
    Arrays.fill(seen, false);
    double[] row = new double[layout.width];
    JsonToken t;
    while ((t = p.nextToken()) == FIELD_NAME) {
      String name = p.currentName();
      int c = layout.indexOf(name);
      if (c < 0) {
        throw layout.unknownColumn(where, MessageText.abbreviate(name));
      }
      if (seen[c]) {
        throw layout.duplicateColumn(where, name);
      }
      seen[c] = true;
      row[c] = JsonIo.value(p, p.nextToken(), layout, c, r);
    }
    for (int c = 0; c < layout.width; c++) {
      if (!seen[c]) {
        if (layout.columns[c].required()) {
          throw layout.missingColumns(where, k -> seen[k]);
        }
        row[c] = Double.NaN;
      }
    }
    return row;
  }

  /** {@code {"Age": [50, 21], ...}}: one list of values per column, all as long. */
  static double[][] columnar(JsonParser p, JsonToken t, InputLayout layout, ScoringLimits limits, String field)
      throws IOException {
    if (t != START_OBJECT) {
      throw ScoringException.badRequest(field + " must be a JSON object of column lists, found " + JsonIo.describe(p, t));
    }
    double[][] byColumn = new double[layout.width][];
    int n = -1;
    String first = null;
    while ((t = p.nextToken()) == FIELD_NAME) {
      String name = p.currentName();
      int c = layout.indexOf(name);
      String where = field + " column '" + MessageText.abbreviate(name) + "'";
      if (c < 0) {
        throw layout.unknownColumn(field, MessageText.abbreviate(name));
      }
      if (byColumn[c] != null) {
        throw layout.duplicateColumn(field, name);
      }
      t = p.nextToken();
      JsonIo.expectArray(p, t, where, "of values");
      double[] values = new double[n < 0 ? 16 : n];
      int k = 0;
      while ((t = p.nextToken()) != END_ARRAY) {
        if (k == limits.maxRows()) {
          throw RowBuffer.tooMany(limits.maxRows());
        }
        if (k == values.length) {
          values = Arrays.copyOf(values, Math.min(Math.max(16, values.length * 2), Math.max(limits.maxRows(), 1)));
        }
        values[k] = JsonIo.value(p, t, layout, c, k);
        k++;
      }
      if (n >= 0 && k != n) {
        throw ScoringException.badRequest(where + " has " + k + " values but column '" + first + "' has " + n
            + "; every column needs one value per row");
      }
      n = k;
      first = first == null ? name : first;
      byColumn[c] = values;
    }
    for (int c = 0; c < layout.width; c++) {
      if (byColumn[c] == null && layout.columns[c].required()) {
        double[][] given = byColumn;
        throw layout.missingColumns(field, k -> given[k] != null);
      }
    }
    if (n <= 0) {
      throw ScoringException.badRequest(field + " has no rows; send at least one value per column");
    }
    return transpose(byColumn, n, layout.width);
  }

  /** Columns to rows; a column left out (optional) is NaN. */
  static double[][] transpose(double[][] byColumn, int n, int width) {
    double[][] rows = new double[n][width];
    for (int c = 0; c < width; c++) {
      double[] column = byColumn[c];
      for (int r = 0; r < n; r++) {
        rows[r][c] = column == null ? Double.NaN : column[r];
      }
    }
    return rows;
  }

  static double[][] nonEmpty(RowBuffer rows, String field) {
    if (rows.size() == 0) {
      throw ScoringException.badRequest(field + " has no rows; send at least one row");
    }
    return rows.toArray();
  }

  private static String names(InputLayout layout, int[] positions) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < positions.length; i++) {
      b.append(i == 0 ? "" : ", ").append(layout.names.get(positions[i]));
    }
    return b.toString();
  }

  private static String quoted(InputLayout layout) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < layout.width; i++) {
      b.append(i == 0 ? "\"" : ", \"").append(layout.names.get(i)).append('"');
    }
    return b.toString();
  }
}
