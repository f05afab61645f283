package org.mloop.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.mloop.core.MloopException;

/**
 * The plain CSV the platform reads (data assets, baselines): a header row, then comma-separated
 * rows without quoting. One reader for all of them, so a UTF-8 byte order mark, blank lines and a
 * row of the wrong width are handled, and reported, the same way everywhere.
 */
public final class CsvLines {
  /** Receives one row's cells (untrimmed) and its 1-based line number. */
  public interface Row {
    void accept(String[] cells, int lineNo);
  }

  private CsvLines() {}

  /** The header's column names, trimmed, without a leading byte order mark; refused when the document is empty. */
  public static List<String> header(BufferedReader in, String where) throws IOException {
    String header = in.readLine();
    if (header == null) {
      throw MloopException.invalid(where + " is empty: expected a header row");
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    return Arrays.stream(header.split(",", -1)).map(String::trim).toList();
  }

  /** Hands each non-blank row after the header to {@code row}; a row whose width is not {@code columns} is refused. */
  public static void rows(BufferedReader in, int columns, String where, Row row) throws IOException {
    int lineNo = 1;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != columns) {
        throw MloopException.invalid(where + ", line " + lineNo + ": " + cells.length + " values but the header has "
            + columns + " columns");
      }
      row.accept(cells, lineNo);
    }
  }
}
