package org.mloop.serving.protocol;

/**
 * A decoded, validated request: one row per input row, values in the order of the model
 * signature's inputs, every value finite and of the column's type. {@code columns} are the
 * signature's input names (for data collection).
 */
public record ScoringInput(java.util.List<String> columns, double[][] rows) {
  public int size() {
    return rows.length;
  }
}
