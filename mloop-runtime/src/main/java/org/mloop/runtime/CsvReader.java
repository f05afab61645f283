package org.mloop.runtime;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.MloopException;

/**
 * The one reader of CSV data (data assets for training and the champion gate, monitor baselines,
 * ground-truth label files): RFC 4180 as spreadsheets and pandas write it, read with FastCSV. A
 * header row, then one record a row; fields may be double-quoted, with commas, line breaks and
 * {@code ""} for a quote inside; lines may end in LF or CRLF; a UTF-8 byte order mark is dropped;
 * blank lines are skipped. The header's names are trimmed; cells are handed over as written.
 *
 * <p>Errors name the document ({@code where}, such as a file and its data asset) and the line a
 * record starts on: an empty document, a record whose width is not the header's, a quoted field
 * without its closing quote, text after a closing quote.
 *
 * <pre>
 * CsvReader csv = CsvReader.open(reader, "data asset diabetes:3, file part-0.csv");
 * List&lt;String&gt; columns = csv.header();
 * csv.rows((cells, line) -&gt; ...);
 * </pre>
 */
public final class CsvReader {
  /** Receives one record's cells (one per header column, untrimmed) and the line it starts on (1-based). */
  @FunctionalInterface
  public interface Row {
    void accept(String[] cells, long line);
  }

  private final String where;
  private final QuoteCountingReader input;
  private final CloseableIterator<CsvRecord> records;
  private final List<String> header;
  private final long headerLine;

  private CsvReader(Reader in, String where) throws IOException {
    this.where = where;
    this.input = new QuoteCountingReader(in);
    this.records = de.siegmar.fastcsv.reader.CsvReader.builder()
        .skipEmptyLines(true)
        .allowExtraFields(true) // the width is checked here, to name the line and both counts
        .allowMissingFields(true)
        .ofCsvRecord(input)
        .iterator();
    CsvRecord first = nextNonBlank();
    if (first == null) {
      throw MloopException.invalid(where + " is empty: expected a header row");
    }
    List<String> names = new ArrayList<>(first.getFieldCount());
    for (int i = 0; i < first.getFieldCount(); i++) {
      names.add(first.getField(i).trim());
    }
    this.header = List.copyOf(names);
    this.headerLine = first.getStartingLineNumber();
  }

  /**
   * Reads the header of a document; the caller keeps {@code in} and closes it. {@code where} names
   * the document in errors.
   */
  public static CsvReader open(Reader in, String where) throws IOException {
    try {
      return new CsvReader(in, where);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The header's column names, trimmed. */
  public List<String> header() {
    return header;
  }

  /** The line the header is on (after any blank lines before it). */
  public long headerLine() {
    return headerLine;
  }

  /** Hands each record after the header to {@code row}, in order; a record of another width is refused. */
  public void rows(Row row) throws IOException {
    int width = header.size();
    try {
      for (CsvRecord record = nextNonBlank(); record != null; record = nextNonBlank()) {
        long line = record.getStartingLineNumber();
        if (input.endedInsideQuotes() && !hasNext()) {
          throw MloopException.invalid(where + ", line " + line + ": a quoted value has no closing quote");
        }
        int count = record.getFieldCount();
        if (count != width) {
          throw MloopException.invalid(where + ", line " + line + ": " + count + " values but the header has "
              + width + " columns");
        }
        String[] cells = new String[count];
        for (int i = 0; i < count; i++) {
          cells[i] = record.getField(i);
        }
        row.accept(cells, line);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The next record that is not a blank line (spaces only count as blank too), or null at the end. */
  private CsvRecord nextNonBlank() {
    while (hasNext()) {
      CsvRecord record;
      try {
        record = records.next();
      } catch (CsvParseException e) {
        throw refused(e);
      }
      if (record.getFieldCount() != 1 || !record.getField(0).isBlank()) {
        return record;
      }
    }
    return null;
  }

  private boolean hasNext() {
    try {
      return records.hasNext();
    } catch (CsvParseException e) {
      throw refused(e);
    }
  }

  private MloopException refused(CsvParseException e) {
    return MloopException.invalid(where + (problem(e).startsWith("line ") ? ", " : ": ") + problem(e));
  }

  /** FastCSV's "Exception when reading record that started in line N" with its cause, as one sentence. */
  private static String problem(CsvParseException e) {
    String message = String.valueOf(e.getMessage());
    String prefix = "Exception when reading record that started in line ";
    if (message.startsWith(prefix) && e.getCause() != null) {
      String cause = String.valueOf(e.getCause().getMessage());
      return "line " + message.substring(prefix.length()) + ": "
          + (cause.isEmpty() ? cause : Character.toLowerCase(cause.charAt(0)) + cause.substring(1))
          + (cause.contains("closing quote") ? " (a quoted value ends at its closing quote; write \"\" for a quote"
              + " inside it)" : "");
    }
    return message;
  }

  /**
   * Drops a leading byte order mark and counts double quotes: a well-formed document has an even
   * number, so an odd count at its end means the last record opened a quote it never closed (which
   * the parser would otherwise take as a value running to the end of the document).
   */
  private static final class QuoteCountingReader extends FilterReader {
    private boolean started;
    private boolean ended;
    private long quotes;

    QuoteCountingReader(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        ended = true;
        return n;
      }
      int from = offset;
      if (!started && n > 0) {
        started = true;
        if (buffer[offset] == '\uFEFF') {
          if (n == 1) {
            return read(buffer, offset, length);
          }
          System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
          n--;
        }
      }
      for (int i = from, end = offset + n; i < end; i++) {
        if (buffer[i] == '"') {
          quotes++;
        }
      }
      return n;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public int read() throws IOException {
      char[] one = new char[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0];
    }

    boolean endedInsideQuotes() {
      return ended && (quotes & 1) == 1;
    }
  }
}
