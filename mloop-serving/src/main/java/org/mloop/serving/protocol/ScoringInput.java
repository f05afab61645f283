package org.mloop.serving.protocol;

import java.util.List;

/**
 * A decoded, validated request: one row per input row, values in the order of the model
 * signature's inputs, every value finite and of the column's type (NaN only for an optional
 * column left out). {@code columns} are the signature's input names (for data collection).
 * {@code numericLabels}: the signature's output column is numeric, so responses write labels as
 * numbers. {@code requestId}: an id the request body carried (Open Inference's {@code id}), to
 * echo in the response; null when it had none.
 */
public record ScoringInput(List<String> columns, double[][] rows, boolean numericLabels, String requestId) {
  public ScoringInput(List<String> columns, double[][] rows) {
    this(columns, rows, false, null);
  }

  public int size() {
    return rows.length;
  }
}
