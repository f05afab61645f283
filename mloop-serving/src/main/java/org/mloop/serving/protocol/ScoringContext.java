package org.mloop.serving.protocol;

/** What a response may mention besides predictions: where it was scored, and the request's id. */
public record ScoringContext(String endpoint, String deployment, String modelName, int modelVersion,
    String requestId) {}
