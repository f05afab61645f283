package org.mloop.core.monitoring;

/**
 * One computed metric of a run, e.g. (data_drift, PlasmaGlucose, normalized_wasserstein, 0.41, 0.1,
 * AT_LEAST, true). {@code feature} is a signature column, "probability" or "label" for prediction
 * drift, or "*" for a whole-dataset figure. {@code threshold} is NaN for {@link Comparison#REPORTED}.
 */
public record MetricResult(Signal signal, String feature, String metric, double value, double threshold,
    Comparison comparison, boolean breached) {

  public static MetricResult judged(Signal signal, String feature, String metric, double value, double threshold,
      Comparison comparison) {
    return new MetricResult(signal, feature, metric, value, threshold, comparison,
        comparison.breached(value, threshold));
  }

  public static MetricResult reported(Signal signal, String feature, String metric, double value) {
    return new MetricResult(signal, feature, metric, value, Double.NaN, Comparison.REPORTED, false);
  }
}
