package org.mloop.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.ModelSignature;

/**
 * Turns a batch into the numeric matrix a model scores, in signature order, refusing anything that
 * does not match the signature. Integer columns (long, integer) take whole numbers only, so a 2.5
 * for Pregnancies is an error rather than silently truncated.
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  public static double[][] toMatrix(ModelSignature signature, Batch batch) {
    List<ColumnSpec> inputs = signature.inputs();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < batch.columns().size(); i++) {
      String name = batch.columns().get(i);
      if (signature.input(name).isEmpty()) {
        throw MloopException.invalid("input has unknown column '" + name + "'; the model's columns are "
            + String.join(", ", signature.inputNames()));
      }
      if (position.put(name, i) != null) {
        throw MloopException.invalid("input has column '" + name + "' twice");
      }
    }
    for (ColumnSpec c : inputs) {
      if (!c.type().numeric()) {
        throw MloopException.invalid("signature input '" + c.name() + "' has type " + c.type().mlflowName()
            + "; this model runtime scores numeric columns only");
      }
      if (!position.containsKey(c.name()) && c.required()) {
        throw MloopException.invalid("input has no column '" + c.name() + "'; the model needs "
            + String.join(", ", signature.inputNames()));
      }
    }
    double[][] matrix = new double[batch.size()][inputs.size()];
    for (int r = 0; r < batch.size(); r++) {
      List<Object> row = batch.rows().get(r);
      if (row.size() != batch.columns().size()) {
        throw MloopException.invalid("input row " + (r + 1) + " has " + row.size() + " values but "
            + batch.columns().size() + " columns are named");
      }
      for (int k = 0; k < inputs.size(); k++) {
        ColumnSpec c = inputs.get(k);
        Integer at = position.get(c.name());
        Object value = at == null ? null : row.get(at);
        matrix[r][k] = value(c, r, value);
      }
    }
    return matrix;
  }

  private static double value(ColumnSpec c, int row, Object value) {
    String where = "input row " + (row + 1) + ", column '" + c.name() + "'";
    if (value == null) {
      if (c.required()) {
        throw MloopException.invalid(where + " has no value; the column is required");
      }
      return Double.NaN; // an optional missing value: Tribuo and XGBoost treat NaN as missing
    }
    if (!(value instanceof Number number) || value instanceof Boolean) {
      throw MloopException.invalid(where + ": expected a number (" + c.type().mlflowName() + "), found "
          + describe(value));
    }
    double d = number.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw MloopException.invalid(where + " is " + d + "; values must be finite numbers");
    }
    if ((c.type() == ColumnType.LONG || c.type() == ColumnType.INTEGER) && !whole(number)) {
      throw MloopException.invalid(where + ": expected a whole number (" + c.type().mlflowName() + "), found " + value);
    }
    if (c.type() == ColumnType.INTEGER && (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE)) {
      throw MloopException.invalid(where + ": " + value + " does not fit a 32-bit integer");
    }
    return d;
  }

  private static boolean whole(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof BigInteger) {
      return true;
    }
    if (n instanceof BigDecimal b) {
      return b.stripTrailingZeros().scale() <= 0;
    }
    double d = n.doubleValue();
    return d == Math.rint(d);
  }

  private static String describe(Object value) {
    return value instanceof String s ? "the text '" + s + "'" : value.getClass().getSimpleName() + " " + value;
  }
}
