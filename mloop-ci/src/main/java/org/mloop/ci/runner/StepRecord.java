package org.mloop.ci.runner;

/**
 * One step of a job in run.json: {@code outcome} is what happened, {@code conclusion} what counts
 * (a failed step with continue-on-error has outcome failure and conclusion success).
 */
public record StepRecord(int number, String id, String name, Conclusion outcome, Conclusion conclusion,
    Long startedAt, Long endedAt) {}
