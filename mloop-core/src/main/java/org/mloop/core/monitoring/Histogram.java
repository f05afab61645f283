package org.mloop.core.monitoring;

import java.util.List;

/**
 * Baseline and production counts of one feature over the same bins, for reports. Numeric features
 * have {@code edges} (bins.size() + 1 ascending values, bin i = [edges[i], edges[i+1]), the last bin
 * closed); categorical ones have {@code bins} (the category names) and no edges.
 */
public record Histogram(Signal signal, String feature, List<String> bins, List<Double> edges, List<Long> baseline,
    List<Long> production) {
  public Histogram {
    bins = List.copyOf(bins);
    edges = edges == null ? List.of() : List.copyOf(edges);
    baseline = List.copyOf(baseline);
    production = List.copyOf(production);
  }
}
