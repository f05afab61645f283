package org.mloop.serving.host;

import java.time.Duration;
import org.mloop.serving.collect.RollingDataCollector;
import org.mloop.serving.protocol.ScoringLimits;

/**
 * How a scoring host behaves: how often it polls the workspace for endpoint changes, the request
 * limits, the name it signs deployment log lines with, and how many mirrored requests may wait.
 */
public record HostOptions(Duration pollInterval, ScoringLimits limits, String hostId, int mirrorQueue) {
  public static final Duration DEFAULT_POLL = Duration.ofMillis(500);

  public HostOptions {
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
    }
    limits = limits == null ? ScoringLimits.DEFAULT : limits;
    hostId = hostId == null || hostId.isBlank() ? defaultHostId() : hostId;
    if (mirrorQueue < 1) {
      throw new IllegalArgumentException("mirror queue must hold at least one request, got " + mirrorQueue);
    }
  }

  public static HostOptions defaults() {
    return new HostOptions(DEFAULT_POLL, ScoringLimits.DEFAULT, null, 1024);
  }

  public HostOptions withPollInterval(Duration interval) {
    return new HostOptions(interval, limits, hostId, mirrorQueue);
  }

  public HostOptions withLimits(ScoringLimits newLimits) {
    return new HostOptions(pollInterval, newLimits, hostId, mirrorQueue);
  }

  public HostOptions withHostId(String id) {
    return new HostOptions(pollInterval, limits, id, mirrorQueue);
  }

  /** Host name and process id, as the data collector names its files: tells replicas' log lines apart. */
  static String defaultHostId() {
    return RollingDataCollector.localHostId();
  }
}
