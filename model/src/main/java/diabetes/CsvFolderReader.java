package diabetes;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mloop.core.MloopException;
import org.mloop.runtime.CsvReader;

/**
 * Reads tabular data given as one CSV file or as a folder of CSV files (every {@code *.csv} directly
 * in it, in name order, concatenated), the way data assets of type uri_folder arrive in a job.
 *
 * <p>Every file must have a header line, and all headers must agree. Each file is read with the
 * platform's {@link CsvReader} (RFC 4180: quoted fields, CRLF, a byte order mark and blank lines
 * are fine), as the champion gate and monitor baselines read the same data asset.
 */
public final class CsvFolderReader {
  private CsvFolderReader() {}

  /** Receives the rows of {@link #scan}, one at a time. */
  @FunctionalInterface
  public interface RowHandler {
    /** Called with each file's header before its rows, e.g. to check required columns; does nothing by default. */
    default void header(Path file, List<String> columns) {}

    /**
     * @param file the file the row comes from
     * @param lineNumber its 1-based line number in that file
     * @param cells the row's values, one per header column
     */
    void row(Path file, long lineNumber, String[] cells);
  }

  /** All rows in memory; fine for the sizes a unit test or a laptop uses. */
  public static CsvTable read(Path path) {
    List<String[]> rows = new ArrayList<>();
    CsvHeader header = scan(path, (file, line, cells) -> rows.add(cells));
    return new CsvTable(header.columns(), header.files(), rows);
  }

  /** The CSV files that {@code path} stands for: the file itself, or the folder's *.csv files sorted by name. */
  public static List<Path> csvFiles(Path path) {
    if (!Files.exists(path)) {
      throw new InputError("training data path " + path + " does not exist: pass a CSV file or a folder of CSV files");
    }
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    List<Path> files;
    try (Stream<Path> children = Files.list(path)) {
      files = children
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().endsWith(".csv"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputError("cannot list the folder " + path + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InputError("the folder " + path + " has no *.csv files: put the training data there as CSV files with a header line");
    }
    return files;
  }

  /**
   * Streams the rows of every file to {@code handler} without keeping them, checking headers and row lengths.
   *
   * @return the common header and the files read
   */
  public static CsvHeader scan(Path path, RowHandler handler) {
    List<Path> files = csvFiles(path);
    List<String> columns = null;
    Path firstFile = null;
    for (Path file : files) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        CsvReader csv = CsvReader.open(in, file.toString());
        List<String> header = csv.header();
        handler.header(file, header);
        if (columns == null) {
          columns = header;
          firstFile = file;
        } else if (!columns.equals(header)) {
          throw new InputError("the CSV file " + file + " has the header " + String.join(",", header)
              + " but " + firstFile + " has " + String.join(",", columns) + ": all files of a folder need the same columns");
        }
        csv.rows((cells, line) -> handler.row(file, line, cells));
      } catch (MloopException e) {
        throw new InputError(e.getMessage(), e);
      } catch (IOException e) {
        throw new InputError("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return new CsvHeader(columns, files);
  }

  /** The columns shared by all files, and the files in the order they were read. */
  public record CsvHeader(List<String> columns, List<Path> files) {}

  /** A whole table in memory. */
  public record CsvTable(List<String> columns, List<Path> files, List<String[]> rows) {
    public int size() {
      return rows.size();
    }
  }
}
