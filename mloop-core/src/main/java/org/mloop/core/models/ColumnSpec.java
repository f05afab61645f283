package org.mloop.core.models;

import java.util.Objects;

/**
 * One column of a model signature. Input columns are named; MLflow allows unnamed output columns
 * (a plain prediction), so {@code name} may be null there.
 */
public record ColumnSpec(String name, ColumnType type, boolean required) {
  public ColumnSpec {
    Objects.requireNonNull(type, "type");
  }

  public static ColumnSpec of(String name, ColumnType type) {
    return new ColumnSpec(name, type, true);
  }
}
