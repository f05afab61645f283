package org.mloop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.MonitorStore;
import org.mloop.core.monitoring.Signal;

/**
 * Monitors, their runs and alerts, and posted ground truth on JDBC. A run is one insert (its JSON
 * without histograms, which run lists read, and the histograms beside it), so it is never half
 * written; ground truth is saved in one batched transaction per post.
 */
final class JdbcMonitorStore implements MonitorStore {
  private static final String MONITOR_COLUMNS = "name, endpoint_name, spec_json, created_at, updated_at";
  private static final String ALERT_COLUMNS = "id, monitor_name, run_id, created_at, signals_json, message, delivery";
  private static final TypeReference<List<Histogram>> HISTOGRAMS = new TypeReference<>() {};
  private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {};
  /** Rows fetched per round trip when streaming ground truth from PostgreSQL. */
  private static final int FETCH_SIZE = 1000;

  private final Database db;

  JdbcMonitorStore(Database db) {
    this.db = db;
  }

  // ================================================================ monitors

  @Override
  public Monitor createMonitor(MonitorSpec spec, long now) {
    return db.write(c -> {
      db.dialect().unique(() -> Jdbc.execute(c, "INSERT INTO monitors (" + MONITOR_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
          spec.name(), spec.endpoint(), Json.write(spec), now, now),
          () -> MloopException.alreadyExists("monitor '" + spec.name() + "' already exists; choose another name,"
              + " or delete it first"));
      return readMonitor(c, spec.name()).orElseThrow();
    });
  }

  @Override
  public Optional<Monitor> getMonitor(String name) {
    return db.read(c -> readMonitor(c, name));
  }

  @Override
  public List<Monitor> listMonitors() {
    return db.read(c -> {
      return Jdbc.list(c, "SELECT " + MONITOR_COLUMNS + " FROM monitors ORDER BY name", List.of(),
          JdbcMonitorStore::monitor);
    });
  }

  @Override
  public boolean deleteMonitor(String name) {
    return db.write(c -> {
      Jdbc.execute(c, "DELETE FROM monitor_alerts WHERE monitor_name = ?", name);
      Jdbc.execute(c, "DELETE FROM monitor_runs WHERE monitor_name = ?", name);
      return Jdbc.execute(c, "DELETE FROM monitors WHERE name = ?", name) > 0;
    });
  }

  // ================================================================ runs

  @Override
  public MonitorRun insertMonitorRun(MonitorRun run) {
    return db.write(c -> {
      if (readMonitor(c, run.monitor()).isEmpty()) {
        throw monitorNotFound(run.monitor());
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO monitor_runs (monitor_name, started_at, "
          + "finished_at, window_from, window_to, verdict, production_rows, labeled_rows, run_json, histograms_json) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        Jdbc.bind(insert, 1, List.of(run.monitor(), run.startedAt(), run.finishedAt(), run.windowFrom(), run.windowTo(),
            run.verdict().name(), run.rows(), run.labeledRows(), Json.write(run.withId(0).withoutHistograms()),
            Json.write(run.histograms())));
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          return run.withId(rows.getLong(1));
        }
      }
    });
  }

  @Override
  public Optional<MonitorRun> getMonitorRun(String monitor, long id) {
    return db.read(c -> runs(c, true, "monitor_name = ? AND id = ?", monitor, id).stream().findFirst());
  }

  @Override
  public Optional<MonitorRun> latestMonitorRun(String monitor) {
    return db.read(c -> runs(c, true, "monitor_name = ? ORDER BY id DESC LIMIT 1", monitor).stream().findFirst());
  }

  @Override
  public List<MonitorRun> listMonitorRuns(String monitor, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.read(c -> runs(c, false, "monitor_name = ? ORDER BY id DESC LIMIT ?", monitor, limit));
  }

  private static List<MonitorRun> runs(Connection c, boolean withHistograms, String where, Object... binds)
      throws SQLException {
    List<MonitorRun> out = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement("SELECT id, run_json"
        + (withHistograms ? ", histograms_json" : "") + " FROM monitor_runs WHERE " + where)) {
      Jdbc.bind(select, 1, Arrays.asList(binds));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          MonitorRun run = parse(rows.getString("run_json"), MonitorRun.class).withId(rows.getLong("id"));
          if (withHistograms) {
            List<Histogram> histograms = parse(rows.getString("histograms_json"), HISTOGRAMS);
            run = new MonitorRun(run.id(), run.monitor(), run.endpoint(), run.startedAt(), run.finishedAt(),
                run.windowFrom(), run.windowTo(), run.baseline(), run.baselineRows(), run.models(), run.rows(),
                run.labeledRows(), run.verdict(), run.summary(), run.signals(), run.metrics(), histograms, run.notes());
          }
          out.add(run);
        }
      }
    }
    return out;
  }

  // ================================================================ alerts

  @Override
  public Alert insertAlert(Alert alert) {
    return db.write(c -> {
      if (readMonitor(c, alert.monitor()).isEmpty()) {
        throw monitorNotFound(alert.monitor());
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO monitor_alerts (monitor_name, run_id, "
          + "created_at, signals_json, message, delivery) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
        Jdbc.bind(insert, 1, List.of(alert.monitor(), alert.runId(), alert.createdAt(), Json.write(alert.signals()),
            alert.message(), alert.delivery()));
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          return new Alert(rows.getLong(1), alert.monitor(), alert.runId(), alert.createdAt(), alert.signals(),
              alert.message(), alert.delivery());
        }
      }
    });
  }

  @Override
  public void updateAlertDelivery(long alertId, String delivery) {
    db.write(c -> {
      if (Jdbc.execute(c, "UPDATE monitor_alerts SET delivery = ? WHERE id = ?", delivery, alertId) == 0) {
        throw MloopException.notFound("alert " + alertId + " not found (its monitor may have been deleted)");
      }
      return null;
    });
  }

  @Override
  public List<Alert> listAlerts(String monitor, int limit) {
    return monitor == null
        ? selectAlerts("ORDER BY id DESC LIMIT ?", List.of(limit), limit)
        : selectAlerts("WHERE monitor_name = ? ORDER BY id DESC LIMIT ?", List.of(monitor, limit), limit);
  }

  @Override
  public List<Alert> listPendingAlerts(long createdBefore, int limit) {
    return selectAlerts("WHERE delivery = ? AND created_at < ? ORDER BY id LIMIT ?",
        List.of(Alert.PENDING, createdBefore, limit), limit);
  }

  private List<Alert> selectAlerts(String where, List<Object> params, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.read(c -> Jdbc.list(c, "SELECT " + ALERT_COLUMNS + " FROM monitor_alerts " + where, params,
        rows -> new Alert(rows.getLong("id"), rows.getString("monitor_name"), rows.getLong("run_id"),
            rows.getLong("created_at"), parse(rows.getString("signals_json"), SIGNALS), rows.getString("message"),
            rows.getString("delivery"))));
  }

  // ================================================================ ground truth

  @Override
  public int saveGroundTruth(String endpoint, List<GroundTruth> labels, long receivedAt) {
    if (labels.isEmpty()) {
      return 0;
    }
    return db.write(c -> {
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO ground_truth (endpoint_name, correlation_id, "
          + "row_index, label, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (endpoint_name, correlation_id, "
          + "row_index) DO UPDATE SET label = excluded.label, received_at = excluded.received_at")) {
        for (GroundTruth g : labels) {
          Jdbc.bind(upsert, 1, List.of(endpoint, g.correlationId(), g.row(), g.label(), receivedAt));
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      return labels.size();
    });
  }

  @Override
  public void forEachGroundTruth(String endpoint, long receivedSince, Consumer<GroundTruth> action) {
    db.read(c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT correlation_id, row_index, label FROM ground_truth "
          + "WHERE endpoint_name = ? AND received_at >= ? ORDER BY correlation_id, row_index")) {
        select.setFetchSize(FETCH_SIZE);
        select.setString(1, endpoint);
        select.setLong(2, receivedSince);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            action.accept(new GroundTruth(rows.getString(1), rows.getInt(2), rows.getString(3)));
          }
        }
      }
      return null;
    });
  }

  // ================================================================ helpers

  private static Optional<Monitor> readMonitor(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + MONITOR_COLUMNS + " FROM monitors WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(monitor(rows)) : Optional.empty();
      }
    }
  }

  private static Monitor monitor(ResultSet rows) throws SQLException {
    return new Monitor(parse(rows.getString("spec_json"), MonitorSpec.class), rows.getLong("created_at"),
        rows.getLong("updated_at"));
  }

  private static MloopException monitorNotFound(String name) {
    return MloopException.notFound("monitor '" + name + "' not found among the workspace's monitors");
  }

  private static <T> T parse(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "unreadable stored " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  private static <T> T parse(String json, TypeReference<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "unreadable stored monitoring JSON: " + e.getOriginalMessage(),
          e);
    }
  }
}
