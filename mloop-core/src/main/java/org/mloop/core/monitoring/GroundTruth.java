package org.mloop.core.monitoring;

/**
 * The true label of one scored row, posted after the fact: the correlation id scoring returned, the
 * row's index in that request (0 for single-row requests) and the label as the model names classes.
 */
public record GroundTruth(String correlationId, int row, String label) {}
