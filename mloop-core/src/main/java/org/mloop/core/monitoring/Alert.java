package org.mloop.core.monitoring;

import java.util.List;

/**
 * Recorded when a run breaches a threshold. {@code delivery} says what happened to its webhooks:
 * "none" (no webhook configured), "pending", "delivered", or "failed: REASON" after the retries.
 */
public record Alert(long id, String monitor, long runId, long createdAt, List<Signal> signals, String message,
    String delivery) {
  /** Delivery of an alert whose monitor has no webhooks. */
  public static final String NONE = "none";
  /** Delivery not finished yet (or cut off by a stop, until a server re-sends it). */
  public static final String PENDING = "pending";
  /** Every webhook answered 2xx. */
  public static final String DELIVERED = "delivered";

  public Alert {
    signals = List.copyOf(signals);
  }
}
