package org.mloop.core.monitoring;

import java.io.InputStream;
import java.util.List;

/**
 * The monitoring stage: monitors of online endpoints, their runs (with HTML reports), the alerts
 * breached thresholds raise, and the ground truth posted for scored rows. Local
 * ({@link LocalMonitorService}) and over HTTP (the client's {@code RemoteMonitorService}) alike.
 */
public interface MonitorService {

  /**
   * Stores a monitor of an endpoint. Deployments of the endpoint that collect no data get collection
   * at 100% (listed in the result), so the monitor has input.
   */
  MonitorCreation create(MonitorSpec spec);

  Monitor get(String name);

  List<Monitor> list();

  /** Deletes the monitor with its runs and alerts. */
  void delete(String name);

  /**
   * Computes a run now over [from, to) (epoch millis; {@code to} null = now, {@code from} null = to
   * minus the monitor's window), stores it with its HTML report, records an alert when a threshold is
   * breached and posts it to the monitor's webhooks in the background.
   */
  MonitorRun run(String name, Long from, Long to);

  /** One stored run, with histograms. */
  MonitorRun getRun(String name, long runId);

  /** Stored runs, newest first, at most {@code limit}, without histograms. */
  List<MonitorRun> listRuns(String name, int limit);

  /** The stored HTML report of a run. */
  InputStream openReport(String name, long runId);

  /** Alerts of a monitor (all monitors when null), newest first. */
  List<Alert> listAlerts(String name, int limit);

  /** Ground truth for rows an endpoint scored (by the correlation ids scoring returned); returns how many were stored. */
  int postGroundTruth(String endpoint, List<GroundTruth> labels);

  /** The labels posted for an endpoint at or after {@code receivedSince} (epoch millis; 0 for all). */
  List<GroundTruth> listGroundTruth(String endpoint, long receivedSince);
}
