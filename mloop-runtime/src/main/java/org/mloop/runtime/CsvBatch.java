package org.mloop.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.MloopException;

/**
 * Reads CSV text (a header row, then comma-separated values, quoted or not: see {@link CsvReader})
 * into a {@link Batch}. Integers become Longs, other numbers
 * Doubles, anything else stays a String; the predictor then checks them against its signature.
 * Several files can be read into one batch when their headers agree.
 */
public final class CsvBatch {
  private final String source;
  private List<String> columns;
  private final List<List<Object>> rows = new ArrayList<>();

  public CsvBatch(String source) {
    this.source = source;
  }

  /** Appends one CSV document; {@code name} appears in errors. */
  public CsvBatch read(Reader in, String name) {
    try {
      CsvReader csv = CsvReader.open(in, name);
      List<String> names = csv.header();
      if (columns == null) {
        columns = names;
      } else if (!columns.equals(names)) {
        throw MloopException.invalid(name + " has columns " + names + " but earlier files of " + source + " have "
            + columns);
      }
      csv.rows((cells, line) -> {
        List<Object> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
          row.add(parse(cell.trim()));
        }
        rows.add(row);
      });
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  public Batch batch() {
    if (columns == null) {
      throw MloopException.invalid(source + " has no CSV data");
    }
    return new Batch(columns, rows);
  }

  private static Object parse(String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(cell);
    } catch (NumberFormatException notLong) {
      try {
        return Double.parseDouble(cell);
      } catch (NumberFormatException notNumber) {
        return cell;
      }
    }
  }
}
