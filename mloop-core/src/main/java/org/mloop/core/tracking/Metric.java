package org.mloop.core.tracking;

/** One metric value at a step; timestamp in epoch milliseconds. */
public record Metric(String key, double value, long timestamp, long step) {}
