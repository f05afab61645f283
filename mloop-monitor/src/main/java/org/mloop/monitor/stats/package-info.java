/**
 * Drift statistics (population stability index, Jensen-Shannon distance, Wasserstein distance,
 * Kolmogorov-Smirnov and chi-squared p-values) and the bounded-memory summaries of a column they are
 * computed from.
 */
package org.mloop.monitor.stats;
