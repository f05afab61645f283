package org.mloop.core.endpoints;

import java.util.Map;

/**
 * One row a deployment scored, as its data collector wrote it (see {@link CollectedRecords} for the
 * file format). {@code timestamp} is when the request arrived, in epoch millis; {@code row} is the
 * row's index in its request, so (correlationId, row) identifies it. Input values are
 * {@link Double} for numbers, {@link String} or {@link Boolean} when a file holds such values, and
 * null for JSON null (or nested values, which collectors do not write). {@code probabilities} is
 * empty for a model that gives none.
 */
public record CollectedRecord(String correlationId, int row, long timestamp, String endpoint, String deployment,
    String model, int modelVersion, Map<String, Object> inputs, String label, Map<String, Double> probabilities) {

  /** A numeric input, or NaN when the column is missing or not a number. */
  public double input(String column) {
    return inputs.get(column) instanceof Double d ? d : Double.NaN;
  }

  /** The probability of {@code className}, or NaN when the record has none. */
  public double probability(String className) {
    Double p = probabilities.get(className);
    return p == null ? Double.NaN : p;
  }
}
