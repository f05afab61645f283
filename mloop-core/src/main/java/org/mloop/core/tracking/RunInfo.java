package org.mloop.core.tracking;

/** Run metadata, as MLflow's RunInfo. Times are epoch milliseconds; {@code endTime} is null while running. */
public record RunInfo(
    String runId,
    String experimentId,
    String runName,
    String userId,
    RunStatus status,
    long startTime,
    Long endTime,
    String artifactUri,
    String lifecycleStage) {}
