package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.ExperimentSearch;
import org.mloop.core.tracking.OrderBy;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.SearchFilter;
import org.mloop.core.tracking.TrackingStore;

/**
 * The experiment half of the tracking store (MLflow's semantics on the experiments and
 * experiment_tags tables of V1__tracking.sql): create, read, search, rename, tag, delete and restore,
 * the last two with their runs. {@link JdbcTrackingStore} adds the runs.
 */
abstract class JdbcExperiments implements TrackingStore {
  private static final String ACTIVE = Experiment.ACTIVE;
  private static final String DELETED = Experiment.DELETED;

  final Database db;
  final SearchSql searchSql;

  JdbcExperiments(Database db) {
    this.db = db;
    this.searchSql = new SearchSql(db.dialect());
  }

  @Override
  public String createExperiment(String name, String artifactLocation, Map<String, String> tags) {
    Map<String, String> tagMap = tags == null ? Map.of() : tags;
    long now = System.currentTimeMillis();
    return db.write(c -> {
      if (experimentIdByName(c, name) != null) {
        throw experimentExists(name);
      }
      long id = db.dialect().unique(() -> Jdbc.returning(c,
          "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) "
              + "VALUES (?, ?, ?, ?, ?) RETURNING experiment_id",
          name, artifactLocation == null ? "" : artifactLocation, ACTIVE, now, now), () -> experimentExists(name));
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
    int limit = PageToken.maxResults(search.maxResults());
    long offset = PageToken.decode(search.pageToken());
    SearchSql.Query query = searchSql.experiments(filter, search.viewType(), orderBy, limit + 1, offset);
    List<Experiment> found = db.read(c -> withExperimentTags(c,
        Jdbc.list(c, query.sql(), query.binds(), rows -> experiment(rows, Map.of()))));
    return PageToken.page(found, limit, offset);
  }

  @Override
  public void renameExperiment(String experimentId, String newName) {
    long id = requireExperimentId(experimentId);
    db.write(c -> {
      Experiment experiment = requireActiveExperiment(c, id, "rename experiment", "; restore it first");
      if (experiment.name().equals(newName)) {
        return null;
      }
      if (experimentIdByName(c, newName) != null) {
        throw experimentExists(newName);
      }
      db.dialect().unique(() -> Jdbc.execute(c, "UPDATE experiments SET name = ?, last_update_time = ? "
          + "WHERE experiment_id = ?", newName, System.currentTimeMillis(), id), () -> experimentExists(newName));
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
      Jdbc.execute(c, "UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?", to,
          now, id);
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
      requireActiveExperiment(c, id, "tag experiment", "; restore it first");
      upsertExperimentTags(c, id, Map.of(key, value));
      return null;
    });
  }

  private static void upsertExperimentTags(Connection c, long id, Map<String, String> tags) throws SQLException {
    Jdbc.batchKeyValues(c, "INSERT INTO experiment_tags (experiment_id, tag_key, tag_value) VALUES (?, ?, ?) "
        + "ON CONFLICT (experiment_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value", id, tags);
  }

  private static Long experimentIdByName(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT experiment_id FROM experiments WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : null;
      }
    }
  }

  /**
   * The experiment, refused as deleted with "Cannot {@code doing} 'NAME' (id ID): it is deleted{@code remedy}."
   * unless it is active.
   */
  static Experiment requireActiveExperiment(Connection c, long id, String doing, String remedy) throws SQLException {
    Experiment experiment = requireExperiment(c, id);
    if (!experiment.lifecycleStage().equals(ACTIVE)) {
      throw new MloopException(ErrorCode.INVALID_STATE,
          "Cannot " + doing + " '" + experiment.name() + "' (id " + id + "): it is deleted" + remedy + ".");
    }
    return experiment;
  }

  static Experiment requireExperiment(Connection c, long id) throws SQLException {
    return loadExperiments(c, "e.experiment_id = ?", List.of(id)).stream().findFirst()
        .orElseThrow(() -> MloopException.notFound("No experiment with id " + id + " exists."));
  }

  private static List<Experiment> loadExperiments(Connection c, String condition, List<Object> binds) throws SQLException {
    return withExperimentTags(c, Jdbc.list(c, "SELECT " + SearchSql.EXPERIMENT_COLUMNS + " FROM experiments e WHERE "
        + condition, binds, rows -> experiment(rows, Map.of())));
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

  static long requireExperimentId(String experimentId) {
    Long id = parseExperimentId(experimentId);
    if (id == null) {
      throw MloopException.notFound("No experiment with id '" + experimentId + "' exists (experiment ids are numbers).");
    }
    return id;
  }
}
