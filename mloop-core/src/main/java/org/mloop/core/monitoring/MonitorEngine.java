package org.mloop.core.monitoring;

import org.mloop.core.workspace.Workspace;

/**
 * Computes monitor runs; implemented outside core (the statistics live in {@code mloop-monitor}) and
 * handed to {@link org.mloop.core.workspace.LocalWorkspace}, which stores what it returns.
 */
public interface MonitorEngine {

  /**
   * Computes one run over the production rows collected in [from, to) (epoch millis) by the monitor's
   * endpoint, against its baseline, reading everything through {@code workspace}. Stores nothing;
   * the returned run has id 0. A window without rows gives {@link Verdict#NO_DATA}; a run that cannot
   * be computed gives {@link Verdict#FAILED} with the reason in its summary.
   */
  MonitorRun evaluate(Workspace workspace, Monitor monitor, long from, long to);

  /** The run as a self-contained HTML page (histograms side by side, each metric against its threshold). */
  byte[] report(Monitor monitor, MonitorRun run);

  /**
   * Posts an alert to the monitor's webhooks in the background, retrying, and reports the outcome to
   * {@code delivered} ("delivered" or "failed: REASON"). Returns at once.
   */
  void deliver(Monitor monitor, Alert alert, MonitorRun run, java.util.function.Consumer<String> delivered);

  /**
   * Lets deliveries in progress finish (for a bounded time) and stops the engine's threads. The
   * workspace calls it when it closes, before its store: a short-lived {@code mloop monitor run}
   * would otherwise exit before its alert reached the webhooks.
   */
  default void close() {}
}
