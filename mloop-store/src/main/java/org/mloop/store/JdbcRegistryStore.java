package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

/**
 * The model registry on JDBC. Version numbers come from registered_models.last_version, incremented
 * in the transaction that inserts the version: the row update serialises concurrent registrations
 * of one model (a row lock on PostgreSQL, the database write lock on SQLite), so numbers are
 * consecutive, and a rolled-back registration gives its number back. Every alias change and its
 * {@link AliasMove} are written in one transaction. Aliases are in {@link JdbcModelAliases}, row reading
 * {@link RegistryRows}, text limits {@link RegistryTags}.
 */
final class JdbcRegistryStore extends JdbcModelAliases {

  JdbcRegistryStore(Database db) {
    super(db);
  }

  // ================================================================ registered models

  @Override
  public RegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags) {
    ModelRef.NAME.check(name);
    RegistryTags.checkText("description", description);
    String tagsJson = RegistryTags.tagsJson(tags);
    return db.write(c -> {
      long now = System.currentTimeMillis();
      db.dialect().unique(() -> Jdbc.execute(c, "INSERT INTO registered_models (" + RegistryRows.MODEL_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, 0)", name, description, tagsJson, now, now),
          () -> MloopException.alreadyExists("registered model '" + name + "' already exists"));
      return stored.readModel(c, name).orElseThrow();
    });
  }

  @Override
  public Optional<RegisteredModel> getRegisteredModel(String name) {
    return db.read(c -> stored.readModel(c, name));
  }

  @Override
  public List<RegisteredModel> listRegisteredModels(String nameContains) {
    return db.read(c -> {
      String sql = "SELECT " + RegistryRows.MODEL_COLUMNS + " FROM registered_models";
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
            models.add(RegistryRows.model(rows, Map.of()));
          }
        }
      }
      Map<String, Map<String, Integer>> aliases = stored.allAliases(c);
      return models.stream().map(m -> RegistryRows.withAliases(m, aliases.getOrDefault(m.name(), Map.of()))).toList();
    });
  }

  @Override
  public RegisteredModel updateRegisteredModelDescription(String name, String description) {
    RegistryTags.checkText("description", description);
    return updateModel(name, "description = ?", description);
  }

  @Override
  public RegisteredModel setRegisteredModelTag(String name, String key, String value) {
    RegistryTags.checkTag(key, value);
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
      RegisteredModel model = stored.lockModel(c, name);
      String json = Json.write(change.apply(new TreeMap<>(model.tags())));
      Jdbc.execute(c, "UPDATE registered_models SET tags_json = ?, updated_at = ? WHERE model_name = ?",
          json, System.currentTimeMillis(), name);
      return stored.readModel(c, name).orElseThrow();
    });
  }

  private RegisteredModel updateModel(String name, String assignment, String value) {
    return db.write(c -> {
      stored.lockModel(c, name);
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE registered_models SET " + assignment + ", updated_at = ? WHERE model_name = ?")) {
        Jdbc.setNullableString(update, 1, value);
        update.setLong(2, System.currentTimeMillis());
        update.setString(3, name);
        update.executeUpdate();
      }
      return stored.readModel(c, name).orElseThrow();
    });
  }

  // ================================================================ versions

  @Override
  public ModelVersion createModelVersion(String name, String source, String sha256, String description,
      Map<String, String> tags, Lineage lineage) {
    if (source == null || source.isBlank() || sha256 == null || sha256.isBlank()) {
      throw MloopException.invalid("model version of '" + name + "' needs the artifact path and sha256 of its files");
    }
    RegistryTags.checkText("description", description);
    String tagsJson = RegistryTags.tagsJson(tags);
    Lineage l = lineage == null ? Lineage.none() : lineage;
    String lineageJson = Json.write(l);
    return db.write(c -> {
      long now = System.currentTimeMillis();
      // A first registration creates the model; a concurrent one finds it (PostgreSQL waits for the other insert).
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO registered_models (" + RegistryRows.MODEL_COLUMNS
          + ") VALUES (?, NULL, '{}', ?, ?, 0) ON CONFLICT (model_name) DO NOTHING")) {
        insert.setString(1, name);
        insert.setLong(2, now);
        insert.setLong(3, now);
        insert.executeUpdate();
      }
      int version = (int) Jdbc.returning(c, "UPDATE registered_models SET last_version = last_version + 1, "
          + "updated_at = ? WHERE model_name = ? RETURNING last_version", now, name);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_versions (" + RegistryRows.VERSION_COLUMNS
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
      return stored.readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public Optional<ModelVersion> getModelVersion(String name, int version) {
    return db.read(c -> stored.readVersion(c, name, version));
  }

  @Override
  public Optional<ModelVersion> getModelVersionByAlias(String name, String alias) {
    return db.read(c -> {
      Integer version = stored.aliasVersion(c, name, alias);
      return version == null ? Optional.empty() : stored.readVersion(c, name, version);
    });
  }

  @Override
  public Optional<ModelVersion> getLatestModelVersion(String name) {
    return db.read(c -> stored.versions(c, "model_name = ? AND status = ? ORDER BY version DESC LIMIT 1",
        name, ModelVersionStatus.READY.name()).stream().findFirst());
  }

  @Override
  public List<ModelVersion> listModelVersions(String name) {
    return db.read(c -> stored.versions(c, "model_name = ? ORDER BY version DESC", name));
  }

  @Override
  public ModelVersion updateModelVersionDescription(String name, int version, String description) {
    RegistryTags.checkText("description", description);
    return db.write(c -> {
      stored.lockVersion(c, name, version);
      Jdbc.execute(c, "UPDATE model_versions SET description = ?, updated_at = ? WHERE model_name = ? AND version = ?",
          description, System.currentTimeMillis(), name, version);
      return stored.readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public ModelVersion setModelVersionTag(String name, int version, String key, String value) {
    RegistryTags.checkTag(key, value);
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
      ModelVersion v = stored.lockVersion(c, name, version);
      Jdbc.execute(c, "UPDATE model_versions SET tags_json = ?, updated_at = ? WHERE model_name = ? AND version = ?",
          Json.write(change.apply(new TreeMap<>(v.tags()))), System.currentTimeMillis(), name, version);
      return stored.readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public ModelVersion archiveModelVersion(String name, int version) {
    return db.write(c -> {
      ModelVersion v = stored.lockVersion(c, name, version);
      if (!v.aliases().isEmpty()) {
        throw new MloopException(ErrorCode.INVALID_STATE, "cannot archive " + v.ref() + ": alias(es) "
            + v.aliases() + " point at it; point them at another version first");
      }
      Jdbc.execute(c, "UPDATE model_versions SET status = ?, updated_at = ? WHERE model_name = ? AND version = ?",
          ModelVersionStatus.ARCHIVED.name(), System.currentTimeMillis(), name, version);
      return stored.readVersion(c, name, version).orElseThrow();
    });
  }

  @Override
  public void deleteModelVersion(String name, int version) {
    db.write(c -> {
      ModelVersion v = stored.lockVersion(c, name, version);
      List<String> usages = usages(c, name, version);
      if (!usages.isEmpty()) {
        throw new MloopException(ErrorCode.INVALID_STATE, "cannot delete " + v.ref() + ": it is in use by "
            + String.join(", ", usages) + "; remove those first");
      }
      if (!v.aliases().isEmpty()) {
        throw new MloopException(ErrorCode.INVALID_STATE, "cannot delete " + v.ref() + ": alias(es) " + v.aliases()
            + " point at it; move or delete them first");
      }
      Jdbc.execute(c, "DELETE FROM model_versions WHERE model_name = ? AND version = ?", name, version);
      return null;
    });
  }

  @Override
  public Set<String> listModelVersionSources() {
    return db.read(c -> Jdbc.strings(c, "SELECT DISTINCT source_path FROM model_versions"));
  }

  // ================================================================ usages

  @Override
  public void addModelVersionUsage(String name, int version, String usedBy) {
    if (usedBy == null || usedBy.isBlank()) {
      throw MloopException.invalid("a model version usage needs a name (what uses the version)");
    }
    db.write(c -> {
      stored.lockVersion(c, name, version);
      Jdbc.execute(c, "INSERT INTO model_version_usages (model_name, version, used_by, created_at) VALUES (?, ?, ?, ?) "
          + "ON CONFLICT (model_name, version, used_by) DO NOTHING", name, version, usedBy, System.currentTimeMillis());
      return null;
    });
  }

  @Override
  public void removeModelVersionUsage(String name, int version, String usedBy) {
    db.write(c -> {
      Jdbc.execute(c, "DELETE FROM model_version_usages WHERE model_name = ? AND version = ? AND used_by = ?",
          name, version, usedBy);
      return null;
    });
  }

  @Override
  public List<String> listModelVersionUsages(String name, int version) {
    return db.read(c -> usages(c, name, version));
  }

  private static List<String> usages(Connection c, String name, int version) throws SQLException {
    return Jdbc.list(c, "SELECT used_by FROM model_version_usages WHERE model_name = ? AND version = ? ORDER BY used_by",
        List.of(name, version), rows -> rows.getString(1));
  }
}
