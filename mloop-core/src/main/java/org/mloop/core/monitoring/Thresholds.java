package org.mloop.core.monitoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mloop.core.DidYouMean;
import org.mloop.core.MloopException;

/**
 * The rules that turn a run's metrics into drift and alerts: named values with defaults that follow
 * Azure ML model monitoring and Evidently (data quality's tolerances: see docs/monitoring.md), each of
 * which can be changed for all features ({@code overrides}) or for one feature ({@code features}:
 * feature -> name -> value).
 *
 * <p>Names and defaults: see {@link #DEFAULTS}. In a thresholds file (YAML or JSON):
 * <pre>{@code
 * normalized_wasserstein: 0.15
 * features:
 *   Age: {normalized_wasserstein: 0.2}
 * }</pre>
 */
public record Thresholds(Map<String, Double> overrides, Map<String, Map<String, Double>> features) {
  /** Normalized Wasserstein distance (divided by the baseline's std) at or above which a numeric feature drifts. */
  public static final String WASSERSTEIN = "normalized_wasserstein";
  /** Kolmogorov-Smirnov p-value below which a numeric feature drifts (small baselines). */
  public static final String KS_P_VALUE = "ks_p_value";
  /** Jensen-Shannon distance at or above which a categorical / low-cardinality feature drifts. */
  public static final String JENSEN_SHANNON = "jensen_shannon";
  /** Chi-squared p-value below which a categorical feature drifts (small baselines). */
  public static final String CHI_SQUARED_P_VALUE = "chi_squared_p_value";
  /** Baselines with more rows than this use distances; smaller ones use the statistical tests. */
  public static final String SMALL_BASELINE_ROWS = "small_baseline_rows";
  /** Numeric features with at most this many distinct baseline values are treated as categorical. */
  public static final String CATEGORICAL_MAX_DISTINCT = "categorical_max_distinct";
  /** The dataset drifts when at least this share of its features drift. */
  public static final String DATASET_DRIFT_SHARE = "dataset_drift_share";
  /**
   * How far a column's share of missing values may rise above the baseline's share of missing values
   * before it alerts (the share itself is judged against baseline share + this). 0.01 by default: two
   * samples of one population differ in their share by sampling noise alone, while a pipeline that
   * loses a field loses it for more than 1% of the rows.
   */
  public static final String NULL_RATE = "null_rate";
  /**
   * Share of a column's values of the wrong type (text or booleans in a numeric column) above which it
   * alerts. 0 by default: unshifted data never has one (the baseline cannot: its text cells are read
   * as missing), so any is a producer sending something other than the signature says.
   */
  public static final String TYPE_ERROR_RATE = "type_error_rate";
  /**
   * Share of a numeric column's values outside the baseline's [min, max] above which it alerts. 0.01
   * by default: a new sample of the same population falls outside a sample's extremes now and then
   * (for continuous values about 2 in every baseline size + 1), which a threshold of 0 reports as an
   * alert; broken units or scales move far more than 1% of the values.
   */
  public static final String OUT_OF_RANGE_RATE = "out_of_range_rate";
  /** How far (absolute) a performance metric may fall below the registered version's before it alerts. */
  public static final String PERFORMANCE_DROP = "performance_drop";

  public static final Map<String, Double> DEFAULTS = defaultsMap();

  private static Map<String, Double> defaultsMap() {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put(WASSERSTEIN, 0.1);
    d.put(KS_P_VALUE, 0.05);
    d.put(JENSEN_SHANNON, 0.1);
    d.put(CHI_SQUARED_P_VALUE, 0.05);
    d.put(SMALL_BASELINE_ROWS, 1000.0);
    d.put(CATEGORICAL_MAX_DISTINCT, 5.0);
    d.put(DATASET_DRIFT_SHARE, 0.5);
    d.put(NULL_RATE, 0.01);
    d.put(TYPE_ERROR_RATE, 0.0);
    d.put(OUT_OF_RANGE_RATE, 0.01);
    d.put(PERFORMANCE_DROP, 0.05);
    return Collections.unmodifiableMap(d);
  }

  public Thresholds {
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    Map<String, Map<String, Double>> copy = new TreeMap<>();
    (features == null ? Map.<String, Map<String, Double>>of() : features).forEach((f, m) -> copy.put(f, Map.copyOf(m)));
    features = Collections.unmodifiableMap(copy);
    overrides.forEach((k, v) -> check(k, v, ""));
    features.forEach((f, m) -> m.forEach((k, v) -> check(k, v, "features." + f + ".")));
  }

  public static Thresholds defaults() {
    return new Thresholds(Map.of(), Map.of());
  }

  /** The value of {@code name} for {@code feature} (null or "*" for the dataset): feature override, global override, default. */
  public double get(String name, String feature) {
    if (!DEFAULTS.containsKey(name)) {
      throw new IllegalArgumentException("unknown threshold '" + name + "'");
    }
    if (feature != null) {
      Map<String, Double> own = features.get(feature);
      if (own != null && own.containsKey(name)) {
        return own.get(name);
      }
    }
    return overrides.getOrDefault(name, DEFAULTS.get(name));
  }

  public double get(String name) {
    return get(name, null);
  }

  private static void check(String name, Double value, String where) {
    if (!DEFAULTS.containsKey(name)) {
      throw MloopException.invalid("unknown threshold '" + where + name + "'" + DidYouMean.suggestion(name, DEFAULTS.keySet())
          + "; known: " + String.join(", ", DEFAULTS.keySet()));
    }
    if (value == null || !Double.isFinite(value) || value < 0) {
      throw MloopException.invalid("threshold '" + where + name + "' must be a number >= 0, got " + value);
    }
  }
}
