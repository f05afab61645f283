package org.mloop.serving.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mloop.core.MessageText;
import org.mloop.runtime.ValueRules;

/**
 * A CSV request body: a header row of column names, then one row of numbers per line. Fields may
 * be double-quoted; an empty field is a missing value (allowed for optional columns only).
 */
final class CsvRows {
  private CsvRows() {}

  static double[][] read(byte[] body, InputLayout layout, ScoringLimits limits) {
    String text = new String(body, StandardCharsets.UTF_8);
    int pos = text.startsWith("\uFEFF") ? 1 : 0;
    List<String> fields = new ArrayList<>(layout.width);
    int line = 0;
    int[] positions = null;
    RowBuffer rows = new RowBuffer(limits);
    while (pos < text.length()) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = text.length();
      }
      int stop = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
      line++;
      if (!blank(text, pos, stop)) { // blank lines (a trailing newline) are skipped
        double[] fast = positions == null ? null : plainRow(text, pos, stop, positions, layout);
        if (fast != null) {
          rows.add(fast);
        } else {
          split(text, pos, stop, fields, line);
          if (positions == null) {
            positions = header(fields, layout);
          } else {
            rows.add(row(fields, positions, layout, rows.size(), line));
          }
        }
      }
      pos = end + 1;
    }
    if (positions == null) {
      throw ScoringException.badRequest("the CSV body is empty; send a header row of column names ("
          + layout.columnList() + ") and one row per line");
    }
    return JsonRows.nonEmpty(rows, "the CSV body");
  }

  private static boolean blank(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A line of plain numbers (no quotes, no empty fields, every value valid for its column) read in
   * place, without a String per field; null for anything else, which {@link #row} then reads and
   * words the error for.
   */
  private static double[] plainRow(String text, int from, int to, int[] positions, InputLayout layout) {
    double[] row = new double[layout.width];
    if (positions.length < layout.width) {
      return null;
    }
    int start = from;
    for (int k = 0; k < positions.length; k++) {
      int comma = k == positions.length - 1 ? to : text.indexOf(',', start);
      if (comma < 0 || comma > to) {
        return null;
      }
      int a = start;
      int b = comma;
      while (a < b && text.charAt(a) == ' ') {
        a++;
      }
      while (b > a && text.charAt(b - 1) == ' ') {
        b--;
      }
      double d = plainNumber(text, a, b);
      int c = positions[k];
      if (!Double.isFinite(d) || ValueRules.problem(layout.type(c), d) != null) {
        return null;
      }
      row[c] = d;
      start = comma + 1;
    }
    return row;
  }

  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
      1e20, 1e21, 1e22};

  /** -?digits(.digits)?([eE][+-]?digits)? as a double (exactly as Double.parseDouble reads it), else NaN. */
  static double plainNumber(String s, int from, int to) {
    int i = from;
    boolean negative = i < to && s.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int exponent = 0;
    boolean exact = true;
    int digits = 0;
    for (; i < to && isDigit(s.charAt(i)); i++, digits++) {
      if (mantissa <= ((1L << 53) - 9) / 10) {
        mantissa = mantissa * 10 + (s.charAt(i) - '0');
      } else {
        exact = false;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < to && s.charAt(i) == '.') {
      i++;
      int fraction = i;
      for (; i < to && isDigit(s.charAt(i)); i++) {
        if (exact && mantissa <= ((1L << 53) - 9) / 10) {
          mantissa = mantissa * 10 + (s.charAt(i) - '0');
          exponent--;
        } else {
          exact = false;
        }
      }
      if (i == fraction) {
        return Double.NaN;
      }
    }
    if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      exact = false; // rare in CSV: let parseDouble have it
      i++;
      if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int expStart = i;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == expStart) {
        return Double.NaN;
      }
    }
    if (i != to) {
      return Double.NaN;
    }
    if (exact && exponent >= -22) {
      double value = mantissa / POWERS_OF_TEN[-exponent]; // Clinger's fast path: exact
      return negative ? -value : value;
    }
    return Double.parseDouble(s.substring(from, to));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int[] header(List<String> names, InputLayout layout) {
    int[] positions = new int[names.size()];
    boolean[] seen = new boolean[layout.width];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).trim();
      if (name.isEmpty()) {
        throw ScoringException.badRequest("the CSV header's column " + (i + 1) + " has no name (a pandas index?);"
            + " write the CSV without it (to_csv(index=False)) with the columns " + layout.columnList());
      }
      int c = layout.indexOf(name);
      if (c < 0) {
        throw layout.unknownColumn("the CSV header", MessageText.abbreviate(name));
      }
      if (seen[c]) {
        throw layout.duplicateColumn("the CSV header", name);
      }
      seen[c] = true;
      positions[i] = c;
    }
    for (int c = 0; c < layout.width; c++) {
      if (!seen[c] && layout.columns[c].required()) {
        throw layout.missingColumns("the CSV header", k -> seen[k]);
      }
    }
    return positions;
  }

  private static double[] row(List<String> fields, int[] positions, InputLayout layout, int r, int line) {
    if (fields.size() != positions.length) {
      throw ScoringException.badRequest("CSV line " + line + " has " + fields.size() + " fields but the header names "
          + positions.length + " columns");
    }
    double[] row = new double[layout.width];
    if (positions.length < layout.width) {
      Arrays.fill(row, Double.NaN);
    }
    for (int i = 0; i < positions.length; i++) {
      int c = positions[i];
      String field = fields.get(i).trim();
      String where = ValueRules.where(r, layout.names.get(c));
      String onLine = " (CSV line " + line + ")";
      if (field.isEmpty()) {
        if (layout.columns[c].required()) {
          throw ScoringException.badRequest(ValueRules.missing(where) + onLine);
        }
        continue;
      }
      double d = parse(field);
      if (Double.isNaN(d) && !field.equals("NaN")) {
        throw ScoringException.badRequest(ValueRules.notANumber(where, layout.type(c), "the text '"
            + MessageText.abbreviate(field) + "'") + onLine);
      }
      String problem = ValueRules.problem(layout.type(c), d);
      if (problem != null) {
        throw ScoringException.badRequest(where + problem + onLine);
      }
      row[c] = d;
    }
    return row;
  }

  /** A decimal number as JSON writes it (plus NaN/Infinity, to refuse by name); NaN for anything else. */
  private static double parse(String field) {
    for (int i = 0; i < field.length(); i++) {
      char ch = field.charAt(i);
      // Double.parseDouble would also take "1d", "0x1p3" and padding; a CSV number is plain digits
      if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
        return switch (field) {
          case "Infinity", "+Infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
          case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.NaN;
        };
      }
    }
    try {
      return Double.parseDouble(field);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Splits one line into fields, honouring double quotes ("" inside quotes is a quote). */
  private static void split(String text, int from, int to, List<String> fields, int line) {
    fields.clear();
    int i = from;
    while (true) {
      if (i < to && text.charAt(i) == '"') {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
          if (i >= to) {
            throw ScoringException.badRequest("CSV line " + line + " has a quoted field without its closing quote");
          }
          char ch = text.charAt(i++);
          if (ch == '"') {
            if (i < to && text.charAt(i) == '"') {
              b.append('"');
              i++;
            } else {
              break;
            }
          } else {
            b.append(ch);
          }
        }
        fields.add(b.toString());
        while (i < to && text.charAt(i) != ',') {
          i++; // text after a closing quote is ignored, as spreadsheets do
        }
      } else {
        int comma = text.indexOf(',', i);
        int end = comma < 0 || comma > to ? to : comma;
        fields.add(text.substring(i, end));
        i = end;
      }
      if (i >= to) {
        return;
      }
      i++; // the comma
      if (i == to) {
        fields.add("");
        return;
      }
    }
  }
}
