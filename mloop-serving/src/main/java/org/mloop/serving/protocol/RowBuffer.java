package org.mloop.serving.protocol;

import java.util.Arrays;

/** The rows of one request as they are decoded; refuses the row past {@link ScoringLimits#maxRows()}. */
final class RowBuffer {
  private final int maxRows;
  private double[][] rows = new double[4][];
  private int size;

  RowBuffer(ScoringLimits limits) {
    this.maxRows = limits.maxRows();
  }

  void add(double[] row) {
    if (size == maxRows) {
      throw tooMany(maxRows);
    }
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, Math.min(Math.max(8, size * 2), Math.max(maxRows, 1)));
    }
    rows[size++] = row;
  }

  int size() {
    return size;
  }

  double[][] toArray() {
    return size == rows.length ? rows : Arrays.copyOf(rows, size);
  }

  static ScoringException tooMany(int maxRows) {
    return ScoringException.tooLarge("the request has more than " + maxRows + " rows, the limit for one request"
        + " (maxRows); send the rows in several requests");
  }
}
