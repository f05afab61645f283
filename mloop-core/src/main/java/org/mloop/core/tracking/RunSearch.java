package org.mloop.core.tracking;

import java.util.List;

/**
 * A runs/search request in MLflow's terms. {@code filter} uses MLflow's filter syntax
 * (see {@link SearchFilter}); {@code orderBy} entries look like "metrics.AUC DESC" or
 * "attributes.start_time".
 */
public record RunSearch(
    List<String> experimentIds,
    String filter,
    ViewType viewType,
    int maxResults,
    List<String> orderBy,
    String pageToken) {

  public static final int DEFAULT_MAX_RESULTS = 1000;
  public static final int MAX_RESULTS_LIMIT = 50000;
}
