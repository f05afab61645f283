package org.mloop.core.monitoring;

/** How a metric is judged against its threshold. */
public enum Comparison {
  /** Distances: breached when value >= threshold (Wasserstein, Jensen-Shannon). */
  AT_LEAST(">="),
  /** Rates: breached when value > threshold (so a threshold of 0 breaches on any occurrence). */
  ABOVE(">"),
  /** p-values and performance: breached when value < threshold. */
  BELOW("<"),
  /** Reported beside the others, never judged (e.g. the population stability index). */
  REPORTED("");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean breached(double value, double threshold) {
    return switch (this) {
      case AT_LEAST -> value >= threshold;
      case ABOVE -> value > threshold;
      case BELOW -> value < threshold;
      case REPORTED -> false;
    };
  }
}
