package org.mloop.core.endpoints;

import org.mloop.core.MloopException;

/**
 * Production data collection of a deployment: the share of requests (0-100 percent) whose inputs
 * and outputs are written to the artifact store for monitoring. 0 turns collection off.
 */
public record DataCollection(double samplePercent) {
  public static final DataCollection OFF = new DataCollection(0);
  public static final DataCollection ALL = new DataCollection(100);

  public DataCollection {
    if (!(samplePercent >= 0 && samplePercent <= 100)) {
      throw MloopException.invalid("data collection sample rate " + samplePercent
          + " is out of range: use a percentage from 0 (off) to 100 (every request)");
    }
  }

  public boolean enabled() {
    return samplePercent > 0;
  }
}
