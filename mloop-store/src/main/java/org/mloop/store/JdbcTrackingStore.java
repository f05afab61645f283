package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
import org.mloop.core.tracking.ExperimentSearch;
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
import org.mloop.core.tracking.TrackingStore;

/** MLflow's tracking store semantics on the JDBC schema of V1__tracking.sql. */
final class JdbcTrackingStore implements TrackingStore {
  static final String RUN_NAME_TAG = RunTag.RUN_NAME;
  private static final String ACTIVE = Experiment.ACTIVE;
  private static final String DELETED = Experiment.DELETED;

  private final Database db;
  private final SearchSql searchSql;

  JdbcTrackingStore(Database db) {
    this.db = db;
    this.searchSql = new SearchSql(db.dialect());
  }

  // ---------------------------------------------------------------- experiments

  @Override
  public String createExperiment(String name, String artifactLocation, Map<String, String> tags) {
    Map<String, String> tagMap = tags == null ? Map.of() : tags;
    long now = System.currentTimeMillis();
    return db.write(c -> {
      if (experimentIdByName(c, name) != null) {
        throw experimentExists(name);
      }
      long id;
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) "
              + "VALUES (?, ?, ?, ?, ?) RETURNING experiment_id")) {
        insert.setString(1, name);
        insert.setString(2, artifactLocation == null ? "" : artifactLocation);
        insert.setString(3, ACTIVE);
        insert.setLong(4, now);
        insert.setLong(5, now);
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          id = rows.getLong(1);
        }
      } catch (SQLException e) {
        if (db.dialect().isUniqueViolation(e)) {
          throw experimentExists(name);
        }
        throw e;
      }
      if (artifactLocation == null || artifactLocation.isBlank()) {
        try (PreparedStatement update =
            c.prepareStatement("UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?")) {
          update.setString(1, "mlflow-artifacts:/" + id);
          update.setLong(2, id);
          update.executeUpdate();
        }
      }
      upsertExperimentTags(c, id, tagMap);
      return String.valueOf(id);
    });
  }

  private static MloopException experimentExists(String name) {
    return MloopException.alreadyExists(
        "Experiment '" + name + "' already exists (experiment names are unique, deleted experiments included); "
            + "choose another name or restore the deleted one.");
  }

  @Override
  public Optional<Experiment> getExperiment(String experimentId) {
    Long id = parseExperimentId(experimentId);
    if (id == null) {
      return Optional.empty();
    }
    return db.read(c -> loadExperiments(c, "e.experiment_id = ?", List.of(id)).stream().findFirst());
  }

  @Override
  public Optional<Experiment> getExperimentByName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return db.read(c -> loadExperiments(c, "e.name = ?", List.of(name)).stream().findFirst());
  }

  @Override
  public Page<Experiment> searchExperiments(ExperimentSearch search) {
    SearchFilter filter = SearchFilter.parseExperiments(search.filter());
    List<OrderBy> orderBy = OrderBy.parseExperiments(search.orderBy());
    int limit = maxResults(search.maxResults());
    long offset = PageToken.decode(search.pageToken());
    SearchSql.Query query = searchSql.experiments(filter, search.viewType(), orderBy, limit + 1, offset);
    List<Experiment> found = db.read(c -> {
      List<Experiment> experiments = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(query.sql())) {
        Jdbc.bind(select, 1, query.binds());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            experiments.add(experiment(rows, Map.of()));
          }
        }
      }
      return withExperimentTags(c, experiments);
    });
    return page(found, limit, offset);
  }

  @Override
  public void renameExperiment(String experimentId, String newName) {
    long id = requireExperimentId(experimentId);
    db.write(c -> {
      Experiment experiment = requireExperiment(c, id);
      if (!experiment.lifecycleStage().equals(ACTIVE)) {
        throw new MloopException(ErrorCode.INVALID_STATE,
            "Cannot rename experiment '" + experiment.name() + "' (id " + id + "): it is deleted; restore it first.");
      }
      if (experiment.name().equals(newName)) {
        return null;
      }
      if (experimentIdByName(c, newName) != null) {
        throw experimentExists(newName);
      }
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?")) {
        update.setString(1, newName);
        update.setLong(2, System.currentTimeMillis());
        update.setLong(3, id);
        update.executeUpdate();
      } catch (SQLException e) {
        if (db.dialect().isUniqueViolation(e)) {
          throw experimentExists(newName);
        }
        throw e;
      }
      return null;
    });
  }

  /** Marks the experiment and its active runs deleted, as MLflow's SQL store does. */
  @Override
  public void deleteExperiment(String experimentId) {
    long id = requireExperimentId(experimentId);
    if (id == 0) {
      throw new MloopException(ErrorCode.INVALID_STATE,
          "The default experiment '0' cannot be deleted: runs without an experiment go there.");
    }
    setExperimentStage(id, ACTIVE, DELETED);
  }

  @Override
  public void restoreExperiment(String experimentId) {
    setExperimentStage(requireExperimentId(experimentId), DELETED, ACTIVE);
  }

  private void setExperimentStage(long id, String from, String to) {
    long now = System.currentTimeMillis();
    db.write(c -> {
      Experiment experiment = requireExperiment(c, id);
      if (!experiment.lifecycleStage().equals(from)) {
        throw new MloopException(ErrorCode.INVALID_STATE,
            "Experiment '" + experiment.name() + "' (id " + id + ") is already " + experiment.lifecycleStage() + ".");
      }
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?")) {
        update.setString(1, to);
        update.setLong(2, now);
        update.setLong(3, id);
        update.executeUpdate();
      }
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ? AND lifecycle_stage = ?")) {
        update.setString(1, to);
        Jdbc.setNullableLong(update, 2, to.equals(DELETED) ? now : null);
        update.setLong(3, id);
        update.setString(4, from);
        update.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void setExperimentTag(String experimentId, String key, String value) {
    long id = requireExperimentId(experimentId);
    db.write(c -> {
      Experiment experiment = requireExperiment(c, id);
      if (!experiment.lifecycleStage().equals(ACTIVE)) {
        throw new MloopException(ErrorCode.INVALID_STATE,
            "Cannot tag experiment '" + experiment.name() + "' (id " + id + "): it is deleted; restore it first.");
      }
      upsertExperimentTags(c, id, Map.of(key, value));
      return null;
    });
  }

  private void upsertExperimentTags(Connection c, long id, Map<String, String> tags) throws SQLException {
    if (tags.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = c.prepareStatement(
        "INSERT INTO experiment_tags (experiment_id, tag_key, tag_value) VALUES (?, ?, ?) "
            + "ON CONFLICT (experiment_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value")) {
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        upsert.setLong(1, id);
        upsert.setString(2, tag.getKey());
        upsert.setString(3, tag.getValue());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static Long experimentIdByName(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT experiment_id FROM experiments WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : null;
      }
    }
  }

  private Experiment requireExperiment(Connection c, long id) throws SQLException {
    return loadExperiments(c, "e.experiment_id = ?", List.of(id)).stream().findFirst()
        .orElseThrow(() -> MloopException.notFound("No experiment with id " + id + " exists."));
  }

  private List<Experiment> loadExperiments(Connection c, String condition, List<Object> binds) throws SQLException {
    List<Experiment> experiments = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(
        "SELECT " + SearchSql.EXPERIMENT_COLUMNS + " FROM experiments e WHERE " + condition)) {
      Jdbc.bind(select, 1, binds);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          experiments.add(experiment(rows, Map.of()));
        }
      }
    }
    return withExperimentTags(c, experiments);
  }

  private static List<Experiment> withExperimentTags(Connection c, List<Experiment> experiments) throws SQLException {
    if (experiments.isEmpty()) {
      return experiments;
    }
    Map<String, Map<String, String>> tags = new HashMap<>();
    List<Long> ids = experiments.stream().map(e -> Long.parseLong(e.experimentId())).toList();
    for (List<Long> chunk : Jdbc.chunks(ids, Jdbc.IN_CHUNK)) {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT experiment_id, tag_key, tag_value FROM experiment_tags WHERE experiment_id IN ("
              + Jdbc.placeholders(chunk.size()) + ")")) {
        Jdbc.bind(select, 1, chunk);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            tags.computeIfAbsent(String.valueOf(rows.getLong(1)), k -> new TreeMap<>())
                .put(rows.getString(2), rows.getString(3));
          }
        }
      }
    }
    List<Experiment> out = new ArrayList<>(experiments.size());
    for (Experiment e : experiments) {
      out.add(new Experiment(e.experimentId(), e.name(), e.artifactLocation(), e.lifecycleStage(), e.creationTime(),
          e.lastUpdateTime(), Map.copyOf(tags.getOrDefault(e.experimentId(), Map.of()))));
    }
    return out;
  }

  private static Experiment experiment(ResultSet rows, Map<String, String> tags) throws SQLException {
    return new Experiment(
        String.valueOf(rows.getLong("experiment_id")),
        rows.getString("name"),
        rows.getString("artifact_location"),
        rows.getString("lifecycle_stage"),
        rows.getLong("creation_time"),
        rows.getLong("last_update_time"),
        tags);
  }

  static Long parseExperimentId(String experimentId) {
    if (experimentId == null || !experimentId.matches("\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(experimentId);
  }

  private static long requireExperimentId(String experimentId) {
    Long id = parseExperimentId(experimentId);
    if (id == null) {
      throw MloopException.notFound("No experiment with id '" + experimentId + "' exists (experiment ids are numbers).");
    }
    return id;
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
    long id = requireExperimentId(experimentId);
    String runId = UUID.randomUUID().toString().replace("-", "");
    long start = startTime > 0 ? startTime : System.currentTimeMillis();

    RunInfo info = db.write(c -> {
      Experiment experiment = requireExperiment(c, id);
      if (!experiment.lifecycleStage().equals(ACTIVE)) {
        throw new MloopException(ErrorCode.INVALID_STATE,
            "Cannot create a run in experiment '" + experiment.name() + "' (id " + id + "): it is deleted.");
      }
      String artifactUri = stripTrailingSlash(experiment.artifactLocation()) + "/" + runId + "/artifacts";
      RunInfo created = new RunInfo(runId, experiment.experimentId(), name, userId, RunStatus.RUNNING, start, null,
          artifactUri, ACTIVE);
      long pk;
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, "
              + "lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?) RETURNING run_pk")) {
        insert.setString(1, runId);
        insert.setLong(2, id);
        insert.setString(3, name);
        Jdbc.setNullableString(insert, 4, userId);
        insert.setString(5, RunStatus.RUNNING.name());
        insert.setLong(6, start);
        insert.setString(7, artifactUri);
        insert.setString(8, ACTIVE);
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          pk = rows.getLong(1);
        }
      }
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
      Optional<RunRow> row = runRow(c, runId);
      if (row.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Run(row.get().info(), loadData(c, List.of(row.get())).get(runId)));
    });
  }

  @Override
  public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
    return db.write(c -> {
      long pk = requireActiveRun(c, runId).pk();
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
      return runRow(c, runId).orElseThrow().info();
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
      RunInfo info = requireRun(c, runId).info();
      if (stage.equals(ACTIVE)) {
        Experiment experiment = requireExperiment(c, Long.parseLong(info.experimentId()));
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
      long pk = requireActiveRun(c, runId).pk();
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
        insertMetrics(c, pk, m);
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

  private void upsertTags(Connection c, long pk, Map<String, String> tags) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(
        "INSERT INTO tags (run_pk, tag_key, tag_value) VALUES (?, ?, ?) "
            + "ON CONFLICT (run_pk, tag_key) DO UPDATE SET tag_value = excluded.tag_value")) {
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        upsert.setLong(1, pk);
        upsert.setString(2, tag.getKey());
        upsert.setString(3, tag.getValue());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** Rows per multi-row INSERT of metric history: one statement step instead of 100. */
  private static final int METRIC_ROWS_PER_INSERT = 100;

  /**
   * Appends to the history (an exact repeat of key, step, timestamp and value is ignored) and
   * moves each key's latest value forward when the new one is later by (step, timestamp, value),
   * MLflow's order. The history is written with multi-row INSERTs in primary-key order, and the
   * batch is reduced to one candidate per key first, so a batch of 1000 steps of one metric costs
   * one upsert.
   */
  private void insertMetrics(Connection c, long pk, List<Metric> metrics) throws SQLException {
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

  @Override
  public void deleteTag(String runId, String key) {
    db.write(c -> {
      long pk = requireActiveRun(c, runId).pk();
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
      long pk = requireRun(c, runId).pk();
      List<Metric> history = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(
          "SELECT metric_key, metric_value, metric_timestamp, metric_step, is_nan FROM metrics "
              + "WHERE run_pk = ? AND metric_key = ? ORDER BY metric_step, metric_timestamp, metric_value")) {
        select.setLong(1, pk);
        select.setString(2, metricKey);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            history.add(metric(rows, 1));
          }
        }
      }
      return history;
    });
  }

  @Override
  public Page<Run> searchRuns(RunSearch search) {
    SearchFilter filter = SearchFilter.parseRuns(search.filter());
    List<OrderBy> orderBy = OrderBy.parseRuns(search.orderBy());
    int limit = maxResults(search.maxResults());
    long offset = PageToken.decode(search.pageToken());
    List<Long> experimentIds = null;
    if (search.experimentIds() != null && !search.experimentIds().isEmpty()) {
      experimentIds = search.experimentIds().stream().map(JdbcTrackingStore::parseExperimentId)
          .filter(Objects::nonNull).distinct().toList();
      if (experimentIds.isEmpty()) {
        return new Page<>(List.of(), null);
      }
    }
    SearchSql.Query query = searchSql.runs(experimentIds, filter, search.viewType(), orderBy, limit + 1, offset);
    List<Run> runs = db.read(c -> {
      List<RunRow> found = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(query.sql())) {
        Jdbc.bind(select, 1, query.binds());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            found.add(runRow(rows));
          }
        }
      }
      Map<String, RunData> data = loadData(c, found);
      List<Run> out = new ArrayList<>(found.size());
      for (RunRow row : found) {
        out.add(new Run(row.info(), data.get(row.info().runId())));
      }
      return out;
    });
    return page(runs, limit, offset);
  }

  private static <T> Page<T> page(List<T> rows, int limit, long offset) {
    if (rows.size() > limit) {
      return new Page<>(List.copyOf(rows.subList(0, limit)), PageToken.encode(offset + limit));
    }
    return new Page<>(List.copyOf(rows), null);
  }

  private static int maxResults(int requested) {
    if (requested <= 0) {
      return RunSearch.DEFAULT_MAX_RESULTS;
    }
    if (requested > RunSearch.MAX_RESULTS_LIMIT) {
      throw MloopException.invalid("Invalid value " + requested + " for max_results: it must be at most "
          + RunSearch.MAX_RESULTS_LIMIT + "; page through larger results with the page token.");
    }
    return requested;
  }

  // ---------------------------------------------------------------- run rows

  /** A run's info with its internal key, which the child tables reference. */
  private record RunRow(long pk, RunInfo info) {}

  private static Optional<RunRow> runRow(Connection c, String runId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + SearchSql.RUN_COLUMNS + " FROM runs r WHERE r.run_id = ?")) {
      select.setString(1, runId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(runRow(rows)) : Optional.empty();
      }
    }
  }

  private static RunRow requireRun(Connection c, String runId) throws SQLException {
    return runRow(c, runId).orElseThrow(() -> MloopException.notFound("Run with id=" + runId + " not found."));
  }

  private static RunRow requireActiveRun(Connection c, String runId) throws SQLException {
    RunRow row = requireRun(c, runId);
    if (!row.info().lifecycleStage().equals(ACTIVE)) {
      throw MloopException.invalid("The run " + runId + " must be in the 'active' state. Current state is "
          + row.info().lifecycleStage() + "; restore it first.");
    }
    return row;
  }

  /** Reads the columns of {@link SearchSql#RUN_COLUMNS}, by position. */
  private static RunRow runRow(ResultSet rows) throws SQLException {
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

  /** Reads metric_key, metric_value, metric_timestamp, metric_step, is_nan from column {@code first} on. */
  private static Metric metric(ResultSet rows, int first) throws SQLException {
    String key = rows.getString(first);
    double value = rows.getDouble(first + 1);
    long timestamp = rows.getLong(first + 2);
    long step = rows.getLong(first + 3);
    boolean nan = rows.getInt(first + 4) == 1;
    return new Metric(key, nan ? Double.NaN : value, timestamp, step);
  }

  /** Latest metrics, params and tags of the given runs by run id, each list sorted by key. */
  private static Map<String, RunData> loadData(Connection c, List<RunRow> runs) throws SQLException {
    Map<Long, List<Metric>> metrics = new HashMap<>();
    Map<Long, List<Param>> params = new HashMap<>();
    Map<Long, List<RunTag>> tags = new HashMap<>();
    List<Long> pks = runs.stream().map(RunRow::pk).toList();
    for (List<Long> chunk : Jdbc.chunks(pks, Jdbc.IN_CHUNK)) {
      String in = " WHERE run_pk IN (" + Jdbc.placeholders(chunk.size()) + ")";
      try (PreparedStatement select = c.prepareStatement(
          "SELECT run_pk, metric_key, metric_value, metric_timestamp, metric_step, is_nan FROM latest_metrics" + in)) {
        Jdbc.bind(select, 1, chunk);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            metrics.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(metric(rows, 2));
          }
        }
      }
      try (PreparedStatement select = c.prepareStatement("SELECT run_pk, param_key, param_value FROM params" + in)) {
        Jdbc.bind(select, 1, chunk);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            params.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>())
                .add(new Param(rows.getString(2), rows.getString(3)));
          }
        }
      }
      try (PreparedStatement select = c.prepareStatement("SELECT run_pk, tag_key, tag_value FROM tags" + in)) {
        Jdbc.bind(select, 1, chunk);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            tags.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>())
                .add(new RunTag(rows.getString(2), rows.getString(3)));
          }
        }
      }
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

  private static <T> List<T> sorted(List<T> values, Comparator<T> order) {
    if (values == null) {
      return List.of();
    }
    values.sort(order);
    return List.copyOf(values);
  }
}
