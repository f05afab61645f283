package org.mloop.runtime;

import java.math.BigDecimal;
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
    String where = ValueRules.where(row, c.name());
    if (value == null) {
      if (c.required()) {
        throw MloopException.invalid(ValueRules.missing(where));
      }
      return Double.NaN; // an optional missing value: Tribuo and XGBoost treat NaN as missing
    }
    if (!(value instanceof Number number) || value instanceof Boolean) {
      throw MloopException.invalid(ValueRules.notANumber(where, c.type(), describe(value)));
    }
    if (number instanceof BigDecimal b && b.stripTrailingZeros().scale() > 0
        && (c.type() == ColumnType.LONG || c.type() == ColumnType.INTEGER)) {
      // a fraction too small to survive the conversion to double is still a fraction
      throw MloopException.invalid(where + ": expected a whole number (" + c.type().mlflowName() + "), found " + b);
    }
    double d = number.doubleValue();
    String problem = ValueRules.problem(c.type(), d);
    if (problem != null) {
      throw MloopException.invalid(where + problem);
    }
    return d;
  }

  private static String describe(Object value) {
    return value instanceof String s ? "the text '" + s + "'" : value.getClass().getSimpleName() + " " + value;
  }
}
