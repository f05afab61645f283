package org.mloop.serving.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
      if (stop > pos) {
        split(text, pos, stop, fields, line);
        if (positions == null) {
          positions = header(fields, layout);
        } else {
          rows.add(row(fields, positions, layout, rows.size(), line));
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

  private static int[] header(List<String> names, InputLayout layout) {
    int[] positions = new int[names.size()];
    boolean[] seen = new boolean[layout.width];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).trim();
      int c = layout.indexOf(name);
      if (c < 0) {
        throw layout.unknownColumn("the CSV header", JsonIo.shorten(name));
      }
      if (seen[c]) {
        throw layout.duplicateColumn("the CSV header", name);
      }
      seen[c] = true;
      positions[i] = c;
    }
    for (int c = 0; c < layout.width; c++) {
      if (!seen[c] && layout.columns[c].required()) {
        throw layout.missingColumn("the CSV header", layout.names.get(c));
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
            + JsonIo.shorten(field) + "'") + onLine);
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
