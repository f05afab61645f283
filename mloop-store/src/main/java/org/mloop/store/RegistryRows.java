package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mloop.core.MloopException;
import org.mloop.core.json.Json;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.ModelVersionStatus;
import org.mloop.core.registry.RegisteredModel;

/**
 * Reading the registry's rows inside a transaction: registered models and versions with the aliases
 * pointing at them, and the row locks that queue changes to one model.
 */
final class RegistryRows {
  static final String MODEL_COLUMNS = "model_name, description, tags_json, created_at, updated_at, last_version";
  static final String VERSION_COLUMNS = "model_name, version, source_path, sha256, run_id, job_name, status, "
      + "description, tags_json, lineage_json, created_at, updated_at";

  private final Dialect dialect;

  RegistryRows(Dialect dialect) {
    this.dialect = dialect;
  }

  Optional<RegisteredModel> readModel(Connection c, String name) throws SQLException {
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
  RegisteredModel lockModel(Connection c, String name) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT model_name FROM registered_models WHERE model_name = ?" + dialect.forUpdate())) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw modelNotFound(name);
        }
      }
    }
    return readModel(c, name).orElseThrow();
  }

  ModelVersion lockVersion(Connection c, String name, int version) throws SQLException {
    lockVersionRow(c, dialect, name, version);
    return readVersion(c, name, version).orElseThrow();
  }

  /**
   * Locks a model version's row for the rest of the transaction (PostgreSQL); not found when the
   * version does not exist.
   */
  static void lockVersionRow(Connection c, Dialect dialect, String name, int version) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT version FROM model_versions WHERE model_name = ? "
        + "AND version = ?" + dialect.forUpdate())) {
      select.setString(1, name);
      select.setInt(2, version);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw MloopException.notFound("model version " + name + ":" + version + " not found among the versions"
              + " of registered model '" + name + "'");
        }
      }
    }
  }

  static MloopException modelNotFound(String name) {
    return MloopException.notFound("registered model '" + name + "' not found among the workspace's registered"
        + " models; registering a version of it creates it");
  }

  Optional<ModelVersion> readVersion(Connection c, String name, int version) throws SQLException {
    return versions(c, "model_name = ? AND version = ?", name, version).stream().findFirst();
  }

  List<ModelVersion> versions(Connection c, String where, Object... binds) throws SQLException {
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
              RegistryTags.tags(rows.getString("tags_json")),
              rows.getLong("created_at"),
              rows.getLong("updated_at"),
              pointing,
              Json.read(rows.getString("lineage_json"), Lineage.class)));
        }
      }
    }
    return out;
  }

  Integer aliasVersion(Connection c, String name, String alias) throws SQLException {
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

  Map<String, Map<String, Integer>> allAliases(Connection c) throws SQLException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    try (PreparedStatement select = c.prepareStatement("SELECT model_name, alias_name, version FROM model_aliases");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        out.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).put(rows.getString(2), rows.getInt(3));
      }
    }
    return out;
  }

  static RegisteredModel model(ResultSet rows, Map<String, Integer> aliases) throws SQLException {
    int last = rows.getInt("last_version");
    return new RegisteredModel(
        rows.getString("model_name"),
        rows.getString("description"),
        RegistryTags.tags(rows.getString("tags_json")),
        rows.getLong("created_at"),
        rows.getLong("updated_at"),
        Map.copyOf(aliases),
        last == 0 ? null : last);
  }

  static RegisteredModel withAliases(RegisteredModel m, Map<String, Integer> aliases) {
    return new RegisteredModel(m.name(), m.description(), m.tags(), m.createdAt(), m.updatedAt(), Map.copyOf(aliases),
        m.latestVersion());
  }
}
