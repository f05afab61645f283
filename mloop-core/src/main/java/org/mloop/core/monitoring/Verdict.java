package org.mloop.core.monitoring;

/** The outcome of one monitor run. */
public enum Verdict {
  /** Every computed metric is within its threshold. */
  OK,
  /** At least one metric breached its threshold; an {@link Alert} was recorded. */
  ALERT,
  /** The window held no production data: nothing was judged (never reported as "no drift"). */
  NO_DATA,
  /** The run could not be computed (baseline missing, unreadable data...); {@link MonitorRun#summary()} says why. */
  FAILED
}
