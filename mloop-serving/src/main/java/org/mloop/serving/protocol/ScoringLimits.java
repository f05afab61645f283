package org.mloop.serving.protocol;

/** How much one scoring request may carry: rows, and bytes of body. Over either: 413 naming the limit. */
public record ScoringLimits(int maxRows, int maxBodyBytes) {
  public static final ScoringLimits DEFAULT = new ScoringLimits(10_000, 16 * 1024 * 1024);
}
