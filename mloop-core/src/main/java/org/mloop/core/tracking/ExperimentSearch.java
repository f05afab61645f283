package org.mloop.core.tracking;

import java.util.List;

/** An experiments/search request; {@code filter} supports "name", "tags." and "attributes." clauses. */
public record ExperimentSearch(
    String filter, ViewType viewType, int maxResults, List<String> orderBy, String pageToken) {}
