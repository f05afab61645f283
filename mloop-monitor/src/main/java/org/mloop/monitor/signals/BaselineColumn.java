package org.mloop.monitor.signals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.monitor.stats.Distribution;

/**
 * One column of the baseline: its finite numbers (numeric columns) or its non-null values as text
 * (other columns), with how many values were missing. The baseline is a data asset of bounded size
 * (the training data), so its values are kept; production data never is.
 */
public final class BaselineColumn {
  private final String name;
  private final boolean numeric;
  private final double[] numbers;
  private final Distribution distribution;
  private final Map<String, Long> categories;
  private final long missing;

  private BaselineColumn(String name, boolean numeric, double[] numbers, Map<String, Long> categories, long missing) {
    this.name = name;
    this.numeric = numeric;
    this.numbers = numbers;
    this.distribution = numeric ? Distribution.ofSample(numbers) : null;
    this.categories = categories;
    this.missing = missing;
  }

  /** A numeric column from its values; NaN (and infinite) values count as missing. */
  public static BaselineColumn numeric(String name, double[] values) {
    double[] finite = new double[values.length];
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        finite[n++] = v;
      }
    }
    return new BaselineColumn(name, true, Arrays.copyOf(finite, n), null, values.length - n);
  }

  /** A text column (or the predicted labels) from its values; nulls count as missing. */
  public static BaselineColumn text(String name, List<String> values) {
    Map<String, Long> counts = new LinkedHashMap<>();
    long missing = 0;
    for (String v : values) {
      if (v == null) {
        missing++;
      } else {
        counts.merge(v, 1L, Long::sum);
      }
    }
    return new BaselineColumn(name, false, null, counts, missing);
  }

  public String name() {
    return name;
  }

  public boolean numeric() {
    return numeric;
  }

  /** Values that were present (and finite, for numbers). */
  public long count() {
    return numeric ? numbers.length : categories.values().stream().mapToLong(Long::longValue).sum();
  }

  public long missing() {
    return missing;
  }

  /** The finite values of a numeric column, in row order. */
  public double[] numbers() {
    return numbers;
  }

  public Distribution distribution() {
    return distribution;
  }

  /** Count per value of a text column, in first-seen order. */
  public Map<String, Long> categories() {
    return categories;
  }

  /** Distinct present values. */
  public int distinct() {
    return numeric ? distribution.size() : categories.size();
  }

  /** The distinct numbers of a numeric column, ascending. */
  public List<Double> distinctNumbers() {
    List<Double> out = new ArrayList<>(distribution.size());
    for (int i = 0; i < distribution.size(); i++) {
      out.add(distribution.value(i));
    }
    return out;
  }
}
