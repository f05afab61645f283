package org.mloop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.ModelVersionStatus;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.registry.RegistryStore;

/**
 * The model registry on JDBC. Version numbers come from registered_models.last_version, incremented
 * in the transaction that inserts the version: the row update serialises concurrent registrations
 * of one model (a row lock on PostgreSQL, the database write lock on SQLite), so numbers are
 * consecutive, and a rolled-back registration gives its number back. Every alias change and its
 * {@link AliasMove} are written in one transaction.
 */
final class JdbcRegistryStore implements RegistryStore {
  private static final String MODEL_COLUMNS = "model_name, description, tags_json, created_at, updated_at, last_version";
  private static final String VERSION_COLUMNS = "model_name, version, source_path, sha256, run_id, job_name, status, "
      + "description, tags_json, lineage_json, created_at, updated_at";
  private static final String MOVE_COLUMNS =
      "model_name, alias_name, from_version, to_version, moved_by, moved_at, reason";
  private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};
  private static final int MAX_TAG_KEY = 250;
  private static final int MAX_TEXT = 5000;

  private final Database db;

  JdbcRegistryStore(Database db) {
    this.db = db;
  }

  // ================================================================ registered models

  @Override
  public RegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags) {
    ModelRef.NAME.check(name);
    checkText("description", description);
    String tagsJson = tagsJson(tags);
    return db.write(c -> {
      long now = System.currentTimeMillis();
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO registered_models (" + MODEL_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, 0)")) {
        insert.setString(1, name);
        Jdbc.setNullableString(insert, 2, description);
        insert.setString(3, tagsJson);
        insert.setLong(4, now);
        insert.setLong(5, now);
        insert.executeUpdate();
      } catch (SQLException e) {
        if (db.dialect().isUniqueViolation(e)) {
          throw MloopException.alreadyExists("registered model '" + name + "' already exists");
        }
        throw e;
      }
      return readModel(c, name).orElseThrow();
    });
  }

  @Override
  public Optional<RegisteredModel> getRegisteredModel(String name) {
    return db.read(c -> readModel(c, name));
  }

  @Override
  public List<RegisteredModel> listRegisteredModels(String nameContains) {
    return db.read(c -> {
      String sql = "SELECT " + MODEL_COLUMNS + " FROM registered_models";
      List<Object> binds = new ArrayList<>();
      if (nameContains != null && !nameContains.isEmpty()) {
        sql += " WHERE LOWER(model_name) LIKE ? ESCAPE '\\'";
        binds.add("%" + nameContains.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
            .replace("_", "\\_") + "%");
      }
      List<RegisteredModel> models = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(sql + " ORDER BY model_name")) {
        Jdbc.bind(select, 1, binds);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            models.add(model(rows, Map.of()));
          }
        }
      }
      Map<String, Map<String, Integer>> aliases = allAliases(c);
      return models.stream().map(m -> withAliases(m, aliases.getOrDefault(m.name(), Map.of()))).toList();
    });
  }

  @Override
  public RegisteredModel updateRegisteredModelDescription(String name, String description) {
    checkText("description", description);
    return updateModel(name, "description = ?", description);
  }

  @Override
  public RegisteredModel setRegisteredModelTag(String name, String key, String value) {
    checkTag(key, value);
    return changeModelTags(name, tags -> {
      tags.put(key, value);
      return tags;
    });
  }

  @Override
  public RegisteredModel deleteRegisteredModelTag(String name, String key) {
    return changeModelTags(name, tags -> {
      if (tags.remove(key) == null) {
        throw MloopException.notFound("registered model '" + name + "' has no tag '" + key + "'");
      }
      return tags;
    });
  }

  private RegisteredModel changeModelTags(String name, UnaryOperator<Map<String, String>> change) {
    return db.write(c -> {
      RegisteredModel model = lockModel(c, name);
      String json = Json.write(change.apply(new TreeMap<>(model.tags())));
      execute(c, "UPDATE registered_models SET tags_json = ?, updated_at = ? WHERE model_name = ?",
          json, System.currentTimeMillis(), name);
      return readModel(c, name).orElseThrow();
    });
  }

  private RegisteredModel updateModel(String name, String assignment, String value) {
    return db.write(c -> {
      lockModel(c, name);
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE registered_models SET " + assignment + ", updated_at = ? WHERE model_name = ?")) {
        Jdbc.setNullableString(update, 1, value);
        update.setLong(2, System.currentTimeMillis());
        update.setString(3, name);
        update.executeUpdate();
      }
      return readModel(c, name).orElseThrow();
    });
  }

  // ================================================================ versions

  @Override
  public ModelVersion createModelVersion(String name, String source, String sha256, String description,
      Map<String, String> tags, Lineage lineage) {
    if (source == null || source.isBlank() || sha256 == null || sha256.isBlank()) {
      throw MloopException.invalid("model version of '" + name + "' needs the artifact path and sha256 of its files");
    }
    checkText("description", description);
    String tagsJson = tagsJson(tags);
    Lineage l = lineage == null ? Lineage.none() : lineage;
    String lineageJson = Json.write(l);
    return db.write(c -> {
      long now = System.currentTimeMillis();
      // A first registration creates the model; a concurrent one finds it (PostgreSQL waits for the other insert).
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO registered_models (" + MODEL_COLUMNS
          + ") VALUES (?, NULL, '{}', ?, ?, 0) ON CONFLICT (model_name) DO NOTHING")) {
        insert.setString(1, name);
        insert.setLong(2, now);
        insert.setLong(3, now);
        insert.executeUpdate();
      }
      int version;
      try (PreparedStatement next = c.prepareStatement("UPDATE registered_models SET last_version = last_version + 1, "
          + "updated_at = ? WHERE model_name = ? RETURNING last_version")) {
        next.setLong(1, now);
        next.setString(2, name);
        try (ResultSet rows = next.executeQuery()) {
          rows.next();
          version = rows.getInt(1);
        }
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_versions (" + VERSION_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, name);
        insert.setInt(2, version);
        insert.setString(3, source);
        insert.setString(4, sha256);
        Jdbc.setNullableString(insert, 5, l.runId());
        Jdbc.setNullableString(insert, 6, l.jobName());
        insert.setString(7, ModelVersionStatus.READY.name());
        Jdbc.setNullableString(insert, 8, description);
        insert.setString(9, tagsJson);
        insert.setString(10, lineageJson);
        insert.setLong(11, now);
        insert.setLong(12, now);
        insert.executeUpdate();
      }
      return readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public Optional<ModelVersion> getModelVersion(String name, int version) {
    return db.read(c -> readVersion(c, name, version));
  }

  @Override
  public Optional<ModelVersion> getModelVersionByAlias(String name, String alias) {
    return db.read(c -> {
      Integer version = aliasVersion(c, name, alias);
      return version == null ? Optional.empty() : readVersion(c, name, version);
    });
  }

  @Override
  public Optional<ModelVersion> getLatestModelVersion(String name) {
    return db.read(c -> versions(c, "model_name = ? AND status = ? ORDER BY version DESC LIMIT 1",
        name, ModelVersionStatus.READY.name()).stream().findFirst());
  }

  @Override
  public List<ModelVersion> listModelVersions(String name) {
    return db.read(c -> versions(c, "model_name = ? ORDER BY version DESC", name));
  }

  @Override
  public ModelVersion updateModelVersionDescription(String name, int version, String description) {
    checkText("description", description);
    return db.write(c -> {
      lockVersion(c, name, version);
      execute(c, "UPDATE model_versions SET description = ?, updated_at = ? WHERE model_name = ? AND version = ?",
          description, System.currentTimeMillis(), name, version);
      return readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public ModelVersion setModelVersionTag(String name, int version, String key, String value) {
    checkTag(key, value);
    return changeVersionTags(name, version, tags -> {
      tags.put(key, value);
      return tags;
    });
  }

  @Override
  public ModelVersion deleteModelVersionTag(String name, int version, String key) {
    return changeVersionTags(name, version, tags -> {
      if (tags.remove(key) == null) {
        throw MloopException.notFound("model version " + name + ":" + version + " has no tag '" + key + "'");
      }
      return tags;
    });
  }

  private ModelVersion changeVersionTags(String name, int version, UnaryOperator<Map<String, String>> change) {
    return db.write(c -> {
      ModelVersion v = lockVersion(c, name, version);
      execute(c, "UPDATE model_versions SET tags_json = ?, updated_at = ? WHERE model_name = ? AND version = ?",
          Json.write(change.apply(new TreeMap<>(v.tags()))), System.currentTimeMillis(), name, version);
      return readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public ModelVersion archiveModelVersion(String name, int version) {
    return db.write(c -> {
      ModelVersion v = lockVersion(c, name, version);
      if (!v.aliases().isEmpty()) {
        throw new MloopException(ErrorCode.INVALID_STATE, "cannot archive " + v.ref() + ": alias(es) "
            + v.aliases() + " point at it; point them at another version first");
      }
      execute(c, "UPDATE model_versions SET status = ?, updated_at = ? WHERE model_name = ? AND version = ?",
          ModelVersionStatus.ARCHIVED.name(), System.currentTimeMillis(), name, version);
      return readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public void deleteModelVersion(String name, int version) {
    db.write(c -> {
      ModelVersion v = lockVersion(c, name, version);
      List<String> usages = usages(c, name, version);
      if (!usages.isEmpty()) {
        throw new MloopException(ErrorCode.INVALID_STATE, "cannot delete " + v.ref() + ": it is in use by "
            + String.join(", ", usages) + "; remove those first");
      }
      if (!v.aliases().isEmpty()) {
        throw new MloopException(ErrorCode.INVALID_STATE, "cannot delete " + v.ref() + ": alias(es) " + v.aliases()
            + " point at it; move or delete them first");
      }
      execute(c, "DELETE FROM model_versions WHERE model_name = ? AND version = ?", name, version);
      return null;
    });
  }

  @Override
  public Set<String> listModelVersionSources() {
    return db.read(c -> Jdbc.strings(c, "SELECT DISTINCT source_path FROM model_versions"));
  }

  // ================================================================ aliases

  @Override
  public AliasMove setModelAlias(String name, String alias, int version, String who, String reason) {
    ModelRef.checkAlias(alias, alias);
    checkText("reason", reason);
    return db.write(c -> {
      lockModel(c, name);
      ModelVersion target = readVersion(c, name, version).orElseThrow(() -> MloopException.notFound(
          "model version " + name + ":" + version + " not found among the versions of registered model '" + name
              + "'"));
      if (target.status() != ModelVersionStatus.READY) {
        throw new MloopException(ErrorCode.INVALID_STATE,
            "cannot point alias '" + alias + "' at " + target.ref() + ": it is " + target.status());
      }
      Integer from = aliasVersion(c, name, alias);
      if (from != null && from == version) {
        return null;
      }
      execute(c, "INSERT INTO model_aliases (model_name, alias_name, version) VALUES (?, ?, ?) "
          + "ON CONFLICT (model_name, alias_name) DO UPDATE SET version = excluded.version", name, alias, version);
      return recordMove(c, name, alias, from, version, who, reason);
    });
  }

  @Override
  public AliasMove deleteModelAlias(String name, String alias, String who, String reason) {
    checkText("reason", reason);
    return db.write(c -> {
      lockModel(c, name);
      Integer from = aliasVersion(c, name, alias);
      if (from == null) {
        throw MloopException.notFound("registered model '" + name + "' has no alias '" + alias + "'");
      }
      execute(c, "DELETE FROM model_aliases WHERE model_name = ? AND alias_name = ?", name, alias);
      return recordMove(c, name, alias, from, null, who, reason);
    });
  }

  private AliasMove recordMove(Connection c, String name, String alias, Integer from, Integer to, String who,
      String reason) throws SQLException {
    long now = System.currentTimeMillis();
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO model_alias_moves (" + MOVE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, name);
      insert.setString(2, alias);
      setNullableInt(insert, 3, from);
      setNullableInt(insert, 4, to);
      Jdbc.setNullableString(insert, 5, who);
      insert.setLong(6, now);
      Jdbc.setNullableString(insert, 7, reason);
      insert.executeUpdate();
    }
    execute(c, "UPDATE registered_models SET updated_at = ? WHERE model_name = ?", now, name);
    return new AliasMove(name, alias, from, to, who, now, reason);
  }

  @Override
  public List<AliasMove> getAliasHistory(String name, String alias) {
    return db.read(c -> {
      if (readModel(c, name).isEmpty()) {
        throw modelNotFound(name);
      }
      String sql = "SELECT " + MOVE_COLUMNS + " FROM model_alias_moves WHERE model_name = ?"
          + (alias == null ? "" : " AND alias_name = ?") + " ORDER BY move_id";
      List<AliasMove> out = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(sql)) {
        select.setString(1, name);
        if (alias != null) {
          select.setString(2, alias);
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            out.add(new AliasMove(rows.getString("model_name"), rows.getString("alias_name"),
                Jdbc.nullableInt(rows, "from_version"), Jdbc.nullableInt(rows, "to_version"),
                rows.getString("moved_by"), rows.getLong("moved_at"), rows.getString("reason")));
          }
        }
      }
      return out;
    });
  }

  // ================================================================ usages

  @Override
  public void addModelVersionUsage(String name, int version, String usedBy) {
    if (usedBy == null || usedBy.isBlank()) {
      throw MloopException.invalid("a model version usage needs a name (what uses the version)");
    }
    db.write(c -> {
      lockVersion(c, name, version);
      execute(c, "INSERT INTO model_version_usages (model_name, version, used_by, created_at) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT (model_name, version, used_by) DO NOTHING", name, version, usedBy, System.currentTimeMillis());
      return null;
    });
  }

  @Override
  public void removeModelVersionUsage(String name, int version, String usedBy) {
    db.write(c -> {
      execute(c, "DELETE FROM model_version_usages WHERE model_name = ? AND version = ? AND used_by = ?",
          name, version, usedBy);
      return null;
    });
  }

  @Override
  public List<String> listModelVersionUsages(String name, int version) {
    return db.read(c -> usages(c, name, version));
  }

  private static List<String> usages(Connection c, String name, int version) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(
        "SELECT used_by FROM model_version_usages WHERE model_name = ? AND version = ? ORDER BY used_by")) {
      select.setString(1, name);
      select.setInt(2, version);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.add(rows.getString(1));
        }
      }
    }
    return out;
  }

  // ================================================================ reading

  private Optional<RegisteredModel> readModel(Connection c, String name) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM registered_models WHERE model_name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(model(rows, aliases(c, name)));
      }
    }
  }

  /** Locks the model's row for the rest of the transaction (PostgreSQL), so alias moves of one model queue. */
  private RegisteredModel lockModel(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT model_name FROM registered_models WHERE model_name = ?" + db.dialect().forUpdate())) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw modelNotFound(name);
        }
      }
    }
    return readModel(c, name).orElseThrow();
  }

  private ModelVersion lockVersion(Connection c, String name, int version) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT version FROM model_versions WHERE model_name = ? "
        + "AND version = ?" + db.dialect().forUpdate())) {
      select.setString(1, name);
      select.setInt(2, version);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw MloopException.notFound("model version " + name + ":" + version + " not found among the versions"
              + " of registered model '" + name + "'");
        }
      }
    }
    return readVersion(c, name, version).orElseThrow();
  }

  private static MloopException modelNotFound(String name) {
    return MloopException.notFound("registered model '" + name + "' not found among the workspace's registered"
        + " models; registering a version of it creates it");
  }

  private static Optional<ModelVersion> readVersion(Connection c, String name, int version) throws SQLException {
    return versions(c, "model_name = ? AND version = ?", name, version).stream().findFirst();
  }

  private static List<ModelVersion> versions(Connection c, String where, Object... binds) throws SQLException {
    List<ModelVersion> out = new ArrayList<>();
    String model = (String) binds[0];
    Map<String, Integer> aliases = aliases(c, model);
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE " + where)) {
      Jdbc.bind(select, 1, Arrays.asList(binds));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          int version = rows.getInt("version");
          List<String> pointing = aliases.entrySet().stream().filter(e -> e.getValue() == version)
              .map(Map.Entry::getKey).sorted().toList();
          out.add(new ModelVersion(
              rows.getString("model_name"),
              version,
              rows.getString("source_path"),
              rows.getString("sha256"),
              rows.getString("run_id"),
              rows.getString("job_name"),
              ModelVersionStatus.valueOf(rows.getString("status")),
              rows.getString("description"),
              tags(rows.getString("tags_json")),
              rows.getLong("created_at"),
              rows.getLong("updated_at"),
              pointing,
              Json.read(rows.getString("lineage_json"), Lineage.class)));
        }
      }
    }
    return out;
  }

  private static Integer aliasVersion(Connection c, String name, String alias) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT version FROM model_aliases WHERE model_name = ? AND alias_name = ?")) {
      select.setString(1, name);
      select.setString(2, alias);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getInt(1) : null;
      }
    }
  }

  private static Map<String, Integer> aliases(Connection c, String name) throws SQLException {
    Map<String, Integer> out = new TreeMap<>();
    try (PreparedStatement select =
        c.prepareStatement("SELECT alias_name, version FROM model_aliases WHERE model_name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.put(rows.getString(1), rows.getInt(2));
        }
      }
    }
    return out;
  }

  private static Map<String, Map<String, Integer>> allAliases(Connection c) throws SQLException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    try (PreparedStatement select = c.prepareStatement("SELECT model_name, alias_name, version FROM model_aliases");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        out.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).put(rows.getString(2), rows.getInt(3));
      }
    }
    return out;
  }

  private static RegisteredModel model(ResultSet rows, Map<String, Integer> aliases) throws SQLException {
    int last = rows.getInt("last_version");
    return new RegisteredModel(
        rows.getString("model_name"),
        rows.getString("description"),
        tags(rows.getString("tags_json")),
        rows.getLong("created_at"),
        rows.getLong("updated_at"),
        Map.copyOf(aliases),
        last == 0 ? null : last);
  }

  private static RegisteredModel withAliases(RegisteredModel m, Map<String, Integer> aliases) {
    return new RegisteredModel(m.name(), m.description(), m.tags(), m.createdAt(), m.updatedAt(), Map.copyOf(aliases),
        m.latestVersion());
  }

  // ================================================================ helpers

  private static void execute(Connection c, String sql, Object... binds) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      Jdbc.bind(statement, 1, Arrays.asList(binds));
      statement.executeUpdate();
    }
  }

  private static void setNullableInt(PreparedStatement statement, int index, Integer value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  private static String tagsJson(Map<String, String> tags) {
    Map<String, String> sorted = new TreeMap<>(tags == null ? Map.of() : tags);
    sorted.forEach(JdbcRegistryStore::checkTag);
    return Json.write(sorted);
  }

  private static void checkTag(String key, String value) {
    if (key == null || key.isBlank() || key.length() > MAX_TAG_KEY) {
      throw MloopException.invalid("tag key '" + key + "' must be 1 to " + MAX_TAG_KEY + " characters");
    }
    if (value == null) {
      throw MloopException.invalid("tag '" + key + "' needs a value (use KEY=VALUE)");
    }
    checkText("tag '" + key + "'", value);
  }

  private static void checkText(String what, String text) {
    if (text != null && text.length() > MAX_TEXT) {
      throw MloopException.invalid(what + " is " + text.length() + " characters; the limit is " + MAX_TEXT);
    }
  }

  private static Map<String, String> tags(String json) {
    try {
      return Map.copyOf(Json.mapper().readValue(json, TAGS));
    } catch (JsonProcessingException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "unreadable tags of a registered model: " + json, e);
    }
  }
}
