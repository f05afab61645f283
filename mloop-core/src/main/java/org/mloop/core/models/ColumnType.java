package org.mloop.core.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** MLflow's column data types, as written in a signature's column spec ({@code "type": "long"}). */
public enum ColumnType {
  BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE, STRING, BINARY, DATETIME;

  /** The name MLflow writes, e.g. {@code long}. */
  public String mlflowName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ColumnType> fromMlflowName(String name) {
    return Arrays.stream(values()).filter(t -> t.mlflowName().equals(name)).findFirst();
  }

  /** "boolean, integer, long, ..." for error messages. */
  public static String allNames() {
    return Arrays.stream(values()).map(ColumnType::mlflowName).collect(Collectors.joining(", "));
  }

  /** Whether values of this type are numbers (these are the types the Java predictors score). */
  public boolean numeric() {
    return this == INTEGER || this == LONG || this == FLOAT || this == DOUBLE;
  }
}
