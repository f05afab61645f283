package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.tracking.Metric;

/**
 * A run's metrics on the metrics (history) and latest_metrics tables: logging a batch, reading a
 * history, and the row format both share (NaN stored as 0 with is_nan set).
 */
final class MetricRows {
  /** Rows per multi-row INSERT of metric history: one statement step instead of 100. */
  private static final int METRIC_ROWS_PER_INSERT = 100;

  /**
   * Appends to the history (an exact repeat of key, step, timestamp and value is ignored) and
   * moves each key's latest value forward when the new one is later by (step, timestamp, value),
   * MLflow's order. The history is written with multi-row INSERTs in primary-key order, and the
   * batch is reduced to one candidate per key first, so a batch of 1000 steps of one metric costs
   * one upsert.
   */
  static void insert(Connection c, long pk, List<Metric> metrics) throws SQLException {
    List<Metric> ordered = new ArrayList<>(metrics);
    ordered.sort(Comparator.comparing(Metric::key).thenComparingLong(Metric::step).thenComparingLong(Metric::timestamp));
    Map<String, Metric> latest = new LinkedHashMap<>();
    for (Metric metric : ordered) {
      latest.merge(metric.key(), metric, (a, b) -> later(b, a) ? b : a);
    }
    int full = ordered.size() / METRIC_ROWS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement insert = c.prepareStatement(metricInsert(METRIC_ROWS_PER_INSERT))) {
        for (int chunk = 0; chunk < full; chunk++) {
          bindMetrics(insert, pk, ordered.subList(chunk * METRIC_ROWS_PER_INSERT, (chunk + 1) * METRIC_ROWS_PER_INSERT));
          insert.executeUpdate();
        }
      }
    }
    List<Metric> rest = ordered.subList(full * METRIC_ROWS_PER_INSERT, ordered.size());
    if (!rest.isEmpty()) {
      try (PreparedStatement insert = c.prepareStatement(metricInsert(rest.size()))) {
        bindMetrics(insert, pk, rest);
        insert.executeUpdate();
      }
    }
    try (PreparedStatement upsert = c.prepareStatement(
        "INSERT INTO latest_metrics (run_pk, metric_key, metric_step, metric_timestamp, metric_value, is_nan) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_pk, metric_key) DO UPDATE SET "
            + "metric_step = excluded.metric_step, metric_timestamp = excluded.metric_timestamp, "
            + "metric_value = excluded.metric_value, is_nan = excluded.is_nan "
            + "WHERE (excluded.metric_step, excluded.metric_timestamp, excluded.metric_value) > "
            + "(latest_metrics.metric_step, latest_metrics.metric_timestamp, latest_metrics.metric_value)")) {
      for (Metric metric : latest.values()) {
        bindMetric(upsert, 0, pk, metric);
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static String metricInsert(int rows) {
    return "INSERT INTO metrics (run_pk, metric_key, metric_step, metric_timestamp, metric_value, is_nan) VALUES "
        + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?)")) + " ON CONFLICT DO NOTHING";
  }

  private static void bindMetrics(PreparedStatement insert, long pk, List<Metric> metrics) throws SQLException {
    int offset = 0;
    for (Metric metric : metrics) {
      bindMetric(insert, offset, pk, metric);
      offset += 6;
    }
  }

  /** Binds one metric row to parameters offset + 1 .. offset + 6. */
  private static void bindMetric(PreparedStatement statement, int offset, long pk, Metric metric) throws SQLException {
    boolean nan = Double.isNaN(metric.value());
    statement.setLong(offset + 1, pk);
    statement.setString(offset + 2, metric.key());
    statement.setLong(offset + 3, metric.step());
    statement.setLong(offset + 4, metric.timestamp());
    statement.setDouble(offset + 5, nan ? 0 : metric.value());
    statement.setInt(offset + 6, nan ? 1 : 0);
  }

  /** True if {@code a} comes after {@code b} in MLflow's latest-metric order: step, timestamp, value. */
  private static boolean later(Metric a, Metric b) {
    if (a.step() != b.step()) {
      return a.step() > b.step();
    }
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp();
    }
    return storedValue(a) > storedValue(b);
  }

  private static double storedValue(Metric metric) {
    return Double.isNaN(metric.value()) ? 0 : metric.value();
  }

  /** The metric's history in a run, ordered by step, timestamp and value. */
  static List<Metric> history(Connection c, long pk, String metricKey) throws SQLException {
    return Jdbc.list(c, "SELECT metric_key, metric_value, metric_timestamp, metric_step, is_nan FROM metrics "
        + "WHERE run_pk = ? AND metric_key = ? ORDER BY metric_step, metric_timestamp, metric_value",
        List.of(pk, metricKey), rows -> read(rows, 1));
  }

  /** Reads metric_key, metric_value, metric_timestamp, metric_step, is_nan from column {@code first} on. */
  static Metric read(ResultSet rows, int first) throws SQLException {
    String key = rows.getString(first);
    double value = rows.getDouble(first + 1);
    long timestamp = rows.getLong(first + 2);
    long step = rows.getLong(first + 3);
    boolean nan = rows.getInt(first + 4) == 1;
    return new Metric(key, nan ? Double.NaN : value, timestamp, step);
  }

  private MetricRows() {}
}
