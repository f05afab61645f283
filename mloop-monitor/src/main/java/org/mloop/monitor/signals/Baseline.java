package org.mloop.monitor.signals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.core.MloopException;

/**
 * What production is compared against: the baseline data asset's signature columns and, for
 * prediction drift, the served model's outputs on the baseline rows ({@code probability} of the
 * positive class and {@code label}; null when they could not be computed).
 */
public record Baseline(String ref, long rows, Map<String, BaselineColumn> columns, BaselineColumn probability,
    BaselineColumn label) {

  public Baseline {
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  public BaselineColumn column(String name) {
    BaselineColumn c = columns.get(name);
    if (c == null) {
      throw MloopException.invalid("baseline " + ref + " has no column '" + name + "'");
    }
    return c;
  }

  public Baseline withPredictions(BaselineColumn newProbability, BaselineColumn newLabel) {
    return new Baseline(ref, rows, columns, newProbability, newLabel);
  }
}
