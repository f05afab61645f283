package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.RunData;
import org.mloop.core.tracking.RunInfo;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;

/** Reading runs: a run's row by id, and the latest metrics, params and tags of a list of runs. */
final class RunRows {
  /** A run's info with its internal key, which the child tables reference. */
  record RunRow(long pk, RunInfo info) {}

  private RunRows() {}

  static Optional<RunRow> find(Connection c, String runId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + SearchSql.RUN_COLUMNS + " FROM runs r WHERE r.run_id = ?")) {
      select.setString(1, runId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  static RunRow require(Connection c, String runId) throws SQLException {
    return find(c, runId).orElseThrow(() -> MloopException.notFound("Run with id=" + runId + " not found."));
  }

  static RunRow requireActive(Connection c, String runId) throws SQLException {
    RunRow row = require(c, runId);
    if (!row.info().lifecycleStage().equals(Experiment.ACTIVE)) {
      throw MloopException.invalid("The run " + runId + " must be in the 'active' state. Current state is "
          + row.info().lifecycleStage() + "; restore it first.");
    }
    return row;
  }

  /** Reads the columns of {@link SearchSql#RUN_COLUMNS}, by position. */
  static RunRow read(ResultSet rows) throws SQLException {
    long endTime = rows.getLong(8);
    Long end = rows.wasNull() ? null : endTime;
    return new RunRow(rows.getLong(1), new RunInfo(
        rows.getString(2),
        String.valueOf(rows.getLong(3)),
        rows.getString(4),
        rows.getString(5),
        RunStatus.valueOf(rows.getString(6)),
        rows.getLong(7),
        end,
        rows.getString(9),
        rows.getString(10)));
  }

  /** Latest metrics, params and tags of the given runs by run id, each list sorted by key. */
  static Map<String, RunData> data(Connection c, List<RunRow> runs) throws SQLException {
    Map<Long, List<Metric>> metrics = new HashMap<>();
    Map<Long, List<Param>> params = new HashMap<>();
    Map<Long, List<RunTag>> tags = new HashMap<>();
    List<Long> pks = runs.stream().map(RunRow::pk).toList();
    for (List<Long> chunk : Jdbc.chunks(pks, Jdbc.IN_CHUNK)) {
      String in = " WHERE run_pk IN (" + Jdbc.placeholders(chunk.size()) + ")";
      byRun(c, "SELECT run_pk, metric_key, metric_value, metric_timestamp, metric_step, is_nan FROM latest_metrics"
          + in, chunk, metrics, rows -> MetricRows.read(rows, 2));
      byRun(c, "SELECT run_pk, param_key, param_value FROM params" + in, chunk, params,
          rows -> new Param(rows.getString(2), rows.getString(3)));
      byRun(c, "SELECT run_pk, tag_key, tag_value FROM tags" + in, chunk, tags,
          rows -> new RunTag(rows.getString(2), rows.getString(3)));
    }
    // Sorted here rather than in SQL, so the database's collation never decides the order.
    Map<String, RunData> out = new HashMap<>();
    for (RunRow run : runs) {
      out.put(run.info().runId(), new RunData(
          sorted(metrics.get(run.pk()), Comparator.comparing(Metric::key)),
          sorted(params.get(run.pk()), Comparator.comparing(Param::key)),
          sorted(tags.get(run.pk()), Comparator.comparing(RunTag::key))));
    }
    return out;
  }

  /** Adds each row of {@code sql} (run_pk first, bound to the chunk's keys) to its run's list in {@code into}. */
  private static <T> void byRun(Connection c, String sql, List<Long> chunk, Map<Long, List<T>> into,
      Jdbc.RowReader<T> reader) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(sql)) {
      Jdbc.bind(select, 1, chunk);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          into.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(reader.read(rows));
        }
      }
    }
  }

  private static <T> List<T> sorted(List<T> values, Comparator<T> order) {
    if (values == null) {
      return List.of();
    }
    values.sort(order);
    return List.copyOf(values);
  }
}
