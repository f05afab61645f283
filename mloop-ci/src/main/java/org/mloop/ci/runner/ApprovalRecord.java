package org.mloop.ci.runner;

/**
 * A protected environment's approval in run.json: {@code decision} is "pending", "approved" or
 * "rejected" ("auto-approved" when the settings approve it automatically).
 */
public record ApprovalRecord(String environment, String jobId, String decision, String decidedBy, Long requestedAt,
    Long decidedAt, String comment) {}
