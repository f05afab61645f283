package org.mloop.monitor.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} values from a stream of any length (Vitter's
 * algorithm R), deterministic for a given seed and input order, so a monitor run can be repeated. Holds
 * every value while fewer than {@code capacity} have been offered.
 */
public final class Reservoir {
  private final double[] sample;
  private final SplittableRandom random;
  private long seen;

  public Reservoir(int capacity, long seed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("reservoir capacity must be >= 1, got " + capacity);
    }
    this.sample = new double[capacity];
    this.random = new SplittableRandom(seed);
  }

  public void add(double value) {
    if (seen < sample.length) {
      sample[(int) seen] = value;
    } else {
      long k = random.nextLong(seen + 1);
      if (k < sample.length) {
        sample[(int) k] = value;
      }
    }
    seen++;
  }

  /** Values offered so far. */
  public long seen() {
    return seen;
  }

  /** Whether the sample holds every value offered. */
  public boolean complete() {
    return seen <= sample.length;
  }

  public double[] values() {
    return Arrays.copyOf(sample, (int) Math.min(seen, sample.length));
  }
}
