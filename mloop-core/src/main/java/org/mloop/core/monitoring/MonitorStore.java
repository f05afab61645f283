package org.mloop.core.monitoring;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where monitors, their runs, alerts and posted ground truth are kept (part of the metadata store).
 * Runs are stored whole, as JSON, once computed: a run is never half-written.
 */
public interface MonitorStore {

  /** Stores a new monitor; refused (ALREADY_EXISTS) when the name is taken. */
  Monitor createMonitor(MonitorSpec spec, long now);

  Optional<Monitor> getMonitor(String name);

  /** All monitors, by name. */
  List<Monitor> listMonitors();

  /** Deletes the monitor with its runs and alerts; false when there was none. */
  boolean deleteMonitor(String name);

  /** Stores a computed run and returns it with its id. */
  MonitorRun insertMonitorRun(MonitorRun run);

  Optional<MonitorRun> getMonitorRun(String monitor, long id);

  /** The newest run of a monitor, if any. */
  Optional<MonitorRun> latestMonitorRun(String monitor);

  /** Runs of a monitor, newest first, at most {@code limit}, without histograms. */
  List<MonitorRun> listMonitorRuns(String monitor, int limit);

  Alert insertAlert(Alert alert);

  void updateAlertDelivery(long alertId, String delivery);

  /** Alerts of a monitor (all monitors when null), newest first, at most {@code limit}. */
  List<Alert> listAlerts(String monitor, int limit);

  /** Alerts still "pending" delivery that were created before {@code createdBefore}, oldest first, at most {@code limit}. */
  List<Alert> listPendingAlerts(long createdBefore, int limit);

  /**
   * Stores ground truth for rows an endpoint scored; a label posted again for the same
   * (correlation id, row) replaces the earlier one. Returns how many were stored.
   */
  int saveGroundTruth(String endpoint, List<GroundTruth> labels, long receivedAt);

  /** The stored labels of an endpoint received at or after {@code receivedSince} (epoch millis), streamed. */
  void forEachGroundTruth(String endpoint, long receivedSince, Consumer<GroundTruth> action);
}
