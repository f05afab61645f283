package org.mloop.monitor.signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mloop.core.MloopException;
import org.mloop.core.models.ColumnSpec;
import org.mloop.runtime.CsvReader;

/**
 * Reads a baseline's CSV files (with the platform's one {@link CsvReader}, as training and the
 * champion gate read a data asset), keeping only the signature's columns. Numeric
 * columns take numbers; an empty cell, or text in a numeric column, is a missing value (counted in
 * {@link #unreadable()} for text). Every file must have every signature column.
 */
public final class BaselineReader {
  /** Opens one file of the baseline by its path. */
  @FunctionalInterface
  public interface Opener {
    InputStream open(String path) throws IOException;
  }

  private final String ref;
  private final List<ColumnSpec> columns;
  private final double[][] numbers;
  private final List<List<String>> texts;
  private int rows;
  private int capacity = 1024;
  private long unreadable;

  public BaselineReader(String ref, List<ColumnSpec> columns) {
    this.ref = ref;
    this.columns = List.copyOf(columns);
    this.numbers = new double[columns.size()][];
    this.texts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      boolean numeric = columns.get(i).type().numeric();
      numbers[i] = numeric ? new double[capacity] : null;
      texts.add(numeric ? null : new ArrayList<>());
    }
  }

  /** Reads every file, in order. */
  public BaselineReader read(List<String> paths, Opener opener) {
    if (paths.isEmpty()) {
      throw MloopException.invalid("baseline " + ref + " has no CSV files: give a data asset of CSV files with a header");
    }
    for (String path : paths) {
      try (Reader in = new InputStreamReader(opener.open(path), StandardCharsets.UTF_8)) {
        read(in, path);
      } catch (IOException e) {
        throw MloopException.invalid("cannot read baseline file '" + path + "' of " + ref + ": " + e.getMessage());
      }
    }
    return this;
  }

  private void read(Reader in, String path) throws IOException {
    String where = "baseline file '" + path + "' of " + ref;
    CsvReader csv = CsvReader.open(in, where);
    List<String> names = csv.header();
    int[] index = new int[columns.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = names.indexOf(columns.get(i).name());
      if (index[i] < 0) {
        throw MloopException.invalid(where + " has no column '" + columns.get(i).name()
            + "', which the model's signature needs (its columns: " + String.join(", ", names)
            + "); give a baseline with the model's input columns");
      }
    }
    csv.rows((cells, line) -> {
      if (rows == capacity) {
        grow();
      }
      for (int i = 0; i < index.length; i++) {
        String cell = cells[index[i]].trim();
        if (numbers[i] != null) {
          numbers[i][rows] = parse(cell);
        } else {
          texts.get(i).add(cell.isEmpty() ? null : cell);
        }
      }
      rows++;
    });
  }

  private void grow() {
    capacity *= 2;
    for (int i = 0; i < numbers.length; i++) {
      if (numbers[i] != null) {
        numbers[i] = Arrays.copyOf(numbers[i], capacity);
      }
    }
  }

  private double parse(String cell) {
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      unreadable++;
      return Double.NaN;
    }
  }

  public int rows() {
    return rows;
  }

  /** Cells of numeric columns that held text (read as missing). */
  public long unreadable() {
    return unreadable;
  }

  /** The baseline, without the model's outputs. */
  public Baseline baseline() {
    Map<String, BaselineColumn> out = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      out.put(name, numbers[i] != null
          ? BaselineColumn.numeric(name, Arrays.copyOf(numbers[i], rows))
          : BaselineColumn.text(name, texts.get(i)));
    }
    return new Baseline(ref, rows, out, null, null);
  }

  /** Whether every column is numeric (what the runtime's array scoring takes). */
  public boolean allNumeric() {
    return texts.stream().allMatch(t -> t == null);
  }

  /**
   * The rows with a finite value in every column, in signature order, {@code size} at a time, for
   * scoring the baseline with the served model.
   */
  public void forEachCompleteChunk(int size, Consumer<double[][]> action) {
    List<double[]> chunk = new ArrayList<>(size);
    for (int r = 0; r < rows; r++) {
      double[] row = new double[columns.size()];
      boolean complete = true;
      for (int i = 0; i < row.length && complete; i++) {
        row[i] = numbers[i][r];
        complete = Double.isFinite(row[i]);
      }
      if (complete) {
        chunk.add(row);
      }
      if (chunk.size() == size || (r == rows - 1 && !chunk.isEmpty())) {
        action.accept(chunk.toArray(new double[0][]));
        chunk.clear();
      }
    }
  }
}
