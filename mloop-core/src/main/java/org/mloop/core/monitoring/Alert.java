package org.mloop.core.monitoring;

import java.util.List;

/**
 * Recorded when a run breaches a threshold. {@code delivery} says what happened to its webhooks:
 * "none" (no webhook configured), "pending", "delivered", or "failed: REASON" after the retries.
 */
public record Alert(long id, String monitor, long runId, long createdAt, List<Signal> signals, String message,
    String delivery) {
  public Alert {
    signals = List.copyOf(signals);
  }
}
