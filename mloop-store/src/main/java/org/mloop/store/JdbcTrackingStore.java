package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.OrderBy;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunData;
import org.mloop.core.tracking.RunInfo;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.tracking.SearchFilter;
import org.mloop.store.RunRows.RunRow;

/**
 * MLflow's tracking store semantics on the JDBC schema of V1__tracking.sql. This class adds the runs
 * (lifecycle, params, tags, search) to the experiments of {@link JdbcExperiments}; run reading is
 * {@link RunRows}, metric rows {@link MetricRows}.
 */
final class JdbcTrackingStore extends JdbcExperiments {
  static final String RUN_NAME_TAG = RunTag.RUN_NAME;
  private static final String ACTIVE = Experiment.ACTIVE;
  private static final String DELETED = Experiment.DELETED;

  JdbcTrackingStore(Database db) {
    super(db);
  }

  // ---------------------------------------------------------------- runs

  @Override
  public Run createRun(String experimentId, String userId, long startTime, String runName, List<RunTag> tags) {
    List<RunTag> given = tags == null ? List.of() : tags;
    String tagName = given.stream().filter(t -> t.key().equals(RUN_NAME_TAG)).map(RunTag::value)
        .reduce((a, b) -> b).orElse(null);
    if (runName != null && tagName != null && !runName.equals(tagName)) {
      throw MloopException.invalid("Both the run name '" + runName + "' and the tag " + RUN_NAME_TAG + " = '" + tagName
          + "' were given, with different values; give one of them, or the same value in both.");
    }
    String name = runName != null && !runName.isEmpty() ? runName
        : tagName != null && !tagName.isEmpty() ? tagName : RunNames.random();
    Map<String, String> tagMap = new LinkedHashMap<>();
    given.forEach(t -> tagMap.put(t.key(), t.value()));
    tagMap.put(RUN_NAME_TAG, name);
    long id = JdbcExperiments.requireExperimentId(experimentId);
    String runId = UUID.randomUUID().toString().replace("-", "");
    long start = startTime > 0 ? startTime : System.currentTimeMillis();

    RunInfo info = db.write(c -> {
      Experiment experiment = JdbcExperiments.requireActiveExperiment(c, id, "create a run in experiment", "");
      String artifactUri = stripTrailingSlash(experiment.artifactLocation()) + "/" + runId + "/artifacts";
      RunInfo created = new RunInfo(runId, experiment.experimentId(), name, userId, RunStatus.RUNNING, start, null,
          artifactUri, ACTIVE);
      long pk = Jdbc.returning(c,
          "INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, "
              + "lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?) RETURNING run_pk",
          runId, id, name, userId, RunStatus.RUNNING.name(), start, artifactUri, ACTIVE);
      upsertTags(c, pk, tagMap);
      return created;
    });
    List<RunTag> runTags = new ArrayList<>();
    new TreeMap<>(tagMap).forEach((k, v) -> runTags.add(new RunTag(k, v)));
    return new Run(info, new RunData(List.of(), List.of(), List.copyOf(runTags)));
  }

  private static String stripTrailingSlash(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }

  @Override
  public Optional<Run> getRun(String runId) {
    if (runId == null) {
      return Optional.empty();
    }
    return db.read(c -> {
      Optional<RunRow> row = RunRows.find(c, runId);
      if (row.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Run(row.get().info(), RunRows.data(c, List.of(row.get())).get(runId)));
    });
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    return db.write(c -> {
      long pk = RunRows.requireActive(c, runId).pk();
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE runs SET status = COALESCE(?, status), end_time = COALESCE(?, end_time), "
              + "run_name = COALESCE(?, run_name) WHERE run_pk = ?")) {
        Jdbc.setNullableString(update, 1, status == null ? null : status.name());
        Jdbc.setNullableLong(update, 2, endTime);
        Jdbc.setNullableString(update, 3, runName);
        update.setLong(4, pk);
        update.executeUpdate();
      }
      if (runName != null) {
        upsertTags(c, pk, Map.of(RUN_NAME_TAG, runName));
      }
      return RunRows.find(c, runId).orElseThrow().info();
    });
  }

  @Override
  public void deleteRun(String runId) {
    setRunStage(runId, DELETED);
  }

  @Override
  public void restoreRun(String runId) {
    setRunStage(runId, ACTIVE);
  }

  private void setRunStage(String runId, String stage) {
    db.write(c -> {
      RunInfo info = RunRows.require(c, runId).info();
      if (stage.equals(ACTIVE)) {
        Experiment experiment = JdbcExperiments.requireExperiment(c, Long.parseLong(info.experimentId()));
        if (!experiment.lifecycleStage().equals(ACTIVE)) {
          throw new MloopException(ErrorCode.INVALID_STATE, "Cannot restore run " + runId + ": its experiment '"
              + experiment.name() + "' is deleted; restore the experiment instead.");
        }
      }
      try (PreparedStatement update =
          c.prepareStatement("UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_id = ?")) {
        update.setString(1, stage);
        Jdbc.setNullableLong(update, 2, stage.equals(DELETED) ? System.currentTimeMillis() : null);
        update.setString(3, runId);
        update.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    List<Metric> m = metrics == null ? List.of() : metrics;
    List<Param> p = params == null ? List.of() : params;
    List<RunTag> t = tags == null ? List.of() : tags;
    db.write(c -> {
      long pk = RunRows.requireActive(c, runId).pk();
      if (!p.isEmpty()) {
        insertParams(c, pk, runId, p);
      }
      if (!t.isEmpty()) {
        Map<String, String> tagMap = new LinkedHashMap<>();
        t.forEach(tag -> tagMap.put(tag.key(), tag.value()));
        upsertTags(c, pk, tagMap);
        String name = tagMap.get(RUN_NAME_TAG);
        if (name != null) {
          try (PreparedStatement update = c.prepareStatement("UPDATE runs SET run_name = ? WHERE run_pk = ?")) {
            update.setString(1, name);
            update.setLong(2, pk);
            update.executeUpdate();
          }
        }
      }
      if (!m.isEmpty()) {
        MetricRows.insert(c, pk, m);
      }
      return null;
    });
  }

  /**
   * Params are write-once: the batch inserts what is new, then reads back every key of the batch
   * and fails (rolling back the whole batch) if a stored value differs, which also covers a
   * concurrent writer on PostgreSQL.
   */
  private void insertParams(Connection c, long pk, String runId, List<Param> params) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO params (run_pk, param_key, param_value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (Param param : params) {
        insert.setLong(1, pk);
        insert.setString(2, param.key());
        insert.setString(3, param.value());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    Map<String, String> stored = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(
        "SELECT param_key, param_value FROM params WHERE run_pk = ? AND param_key IN ("
            + Jdbc.placeholders(params.size()) + ")")) {
      select.setLong(1, pk);
      Jdbc.bind(select, 2, params.stream().map(Param::key).toList());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          stored.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    for (Param param : params) {
      String old = stored.get(param.key());
      if (!param.value().equals(old)) {
        throw MloopException.invalid("Changing param values is not allowed. Param with key '" + param.key()
            + "' was already logged with value '" + old + "' for run ID '" + runId
            + "'. Attempted logging new value '" + param.value() + "'. Log it under another key or in a new run.");
      }
    }
  }

  private static void upsertTags(Connection c, long pk, Map<String, String> tags) throws SQLException {
    Jdbc.batchKeyValues(c, "INSERT INTO tags (run_pk, tag_key, tag_value) VALUES (?, ?, ?) "
        + "ON CONFLICT (run_pk, tag_key) DO UPDATE SET tag_value = excluded.tag_value", pk, tags);
  }

  @Override
  public void deleteTag(String runId, String key) {
    db.write(c -> {
      long pk = RunRows.requireActive(c, runId).pk();
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM tags WHERE run_pk = ? AND tag_key = ?")) {
        delete.setLong(1, pk);
        delete.setString(2, key);
        if (delete.executeUpdate() == 0) {
          throw MloopException.notFound("No tag with name '" + key + "' in run " + runId + ".");
        }
      }
      return null;
    });
  }

  @Override
  public List<Metric> getMetricHistory(String runId, String metricKey) {
    return db.read(c -> {
      long pk = RunRows.require(c, runId).pk();
      return MetricRows.history(c, pk, metricKey);
    });
  }

  @Override
  public Page<Run> searchRuns(RunSearch search) {
    SearchFilter filter = SearchFilter.parseRuns(search.filter());
    List<OrderBy> orderBy = OrderBy.parseRuns(search.orderBy());
    int limit = PageToken.maxResults(search.maxResults());
    long offset = PageToken.decode(search.pageToken());
    List<Long> experimentIds = null;
    if (search.experimentIds() != null && !search.experimentIds().isEmpty()) {
      experimentIds = search.experimentIds().stream().map(JdbcExperiments::parseExperimentId)
          .filter(Objects::nonNull).distinct().toList();
      if (experimentIds.isEmpty()) {
        return new Page<>(List.of(), null);
      }
    }
    SearchSql.Query query = searchSql.runs(experimentIds, filter, search.viewType(), orderBy, limit + 1, offset);
    List<Run> runs = db.read(c -> {
      List<RunRow> found = Jdbc.list(c, query.sql(), query.binds(), RunRows::read);
      Map<String, RunData> data = RunRows.data(c, found);
      List<Run> out = new ArrayList<>(found.size());
      for (RunRow row : found) {
        out.add(new Run(row.info(), data.get(row.info().runId())));
      }
      return out;
    });
    return PageToken.page(runs, limit, offset);
  }
}
