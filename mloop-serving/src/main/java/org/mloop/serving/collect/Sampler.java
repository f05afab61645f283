package org.mloop.serving.collect;

import java.util.concurrent.ThreadLocalRandom;
import org.mloop.core.endpoints.DataCollection;

/**
 * Decides, per request, whether a deployment's request is collected: a deployment's
 * {@link DataCollection#samplePercent()} of them on average. Thread-safe and allocation-free, so the
 * request path can ask on every request; 0% and 100% never draw a random number.
 */
public final class Sampler {
  public static final Sampler NEVER = new Sampler(0);
  public static final Sampler ALWAYS = new Sampler(100);

  private final double fraction;

  private Sampler(double percent) {
    this.fraction = percent / 100.0;
  }

  public static Sampler of(DataCollection collection) {
    return collection == null ? NEVER : percent(collection.samplePercent());
  }

  /** A sampler taking {@code percent} (0-100) of the requests. */
  public static Sampler percent(double percent) {
    new DataCollection(percent); // the same range check, and message, as a deployment's setting
    return percent <= 0 ? NEVER : percent >= 100 ? ALWAYS : new Sampler(percent);
  }

  /** Whether to collect this request. */
  public boolean sample() {
    if (fraction >= 1) {
      return true;
    }
    return fraction > 0 && ThreadLocalRandom.current().nextDouble() < fraction;
  }

  /** False when nothing is ever collected, so the host can skip building batches at all. */
  public boolean enabled() {
    return fraction > 0;
  }

  public double percent() {
    return fraction * 100;
  }
}
