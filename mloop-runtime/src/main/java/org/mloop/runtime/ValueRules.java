package org.mloop.runtime;

import org.mloop.core.models.ColumnType;

/**
 * What a value must be to fill a numeric signature column, and the words used to refuse it. Shared
 * by {@link SignatureCheck} (batches) and the scoring host's streaming decoders, so both paths
 * refuse the same values with the same messages.
 */
public final class ValueRules {
  private ValueRules() {}

  /** "input row 3, column 'Age'" (rows counted from 1). */
  public static String where(int row, String column) {
    return "input row " + (row + 1) + ", column '" + column + "'";
  }

  public static String missing(String where) {
    return where + " has no value; the column is required";
  }

  /** {@code found} describes the value, e.g. "the text 'abc'". */
  public static String notANumber(String where, ColumnType type, String found) {
    return where + ": expected a number (" + type.mlflowName() + "), found " + found;
  }

  /**
   * Why {@code value} cannot be a value of a column of {@code type}, as text to append to
   * {@link #where}, or null when it can: NaN and infinities never, fractions not in integer
   * columns (a 2.5 for Pregnancies is an error rather than silently truncated), 32-bit range for
   * {@code integer}.
   */
  public static String problem(ColumnType type, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return " is " + value + "; values must be finite numbers";
    }
    boolean integral = type == ColumnType.LONG || type == ColumnType.INTEGER;
    if (integral && value != Math.rint(value)) {
      return ": expected a whole number (" + type.mlflowName() + "), found " + value;
    }
    if (type == ColumnType.INTEGER && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
      return ": " + format(value) + " does not fit a 32-bit integer";
    }
    return null;
  }

  /** A whole number without ".0" when it is one, for messages. */
  public static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
