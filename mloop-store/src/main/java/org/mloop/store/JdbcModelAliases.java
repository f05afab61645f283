package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.ModelVersionStatus;
import org.mloop.core.registry.RegistryStore;

/**
 * The alias half of the registry store: pointing an alias at a ready version or removing it, each
 * change written with its {@link AliasMove} in one transaction, and the history of those moves.
 * {@link JdbcRegistryStore} adds the registered models, versions and usages.
 */
abstract class JdbcModelAliases implements RegistryStore {
  private static final String MOVE_COLUMNS =
      "model_name, alias_name, from_version, to_version, moved_by, moved_at, reason";

  final Database db;
  final RegistryRows stored;

  JdbcModelAliases(Database db) {
    this.db = db;
    this.stored = new RegistryRows(db.dialect());
  }

  @Override
  public AliasMove setModelAlias(String name, String alias, int version, String who, String reason) {
    ModelRef.checkAlias(alias, alias);
    RegistryTags.checkText("reason", reason);
    return db.write(c -> {
      stored.lockModel(c, name);
      ModelVersion target = stored.readVersion(c, name, version).orElseThrow(() -> MloopException.notFound(
          "model version " + name + ":" + version + " not found among the versions of registered model '" + name
              + "'"));
      if (target.status() != ModelVersionStatus.READY) {
        throw new MloopException(ErrorCode.INVALID_STATE,
            "cannot point alias '" + alias + "' at " + target.ref() + ": it is " + target.status());
      }
      Integer from = stored.aliasVersion(c, name, alias);
      if (from != null && from == version) {
        return null;
      }
      Jdbc.execute(c, "INSERT INTO model_aliases (model_name, alias_name, version) VALUES (?, ?, ?) "
          + "ON CONFLICT (model_name, alias_name) DO UPDATE SET version = excluded.version", name, alias, version);
      return recordMove(c, name, alias, from, version, who, reason);
    });
  }

  @Override
  public AliasMove deleteModelAlias(String name, String alias, String who, String reason) {
    RegistryTags.checkText("reason", reason);
    return db.write(c -> {
      stored.lockModel(c, name);
      Integer from = stored.aliasVersion(c, name, alias);
      if (from == null) {
        throw MloopException.notFound("registered model '" + name + "' has no alias '" + alias + "'");
      }
      Jdbc.execute(c, "DELETE FROM model_aliases WHERE model_name = ? AND alias_name = ?", name, alias);
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
      Jdbc.setNullableInt(insert, 3, from);
      Jdbc.setNullableInt(insert, 4, to);
      Jdbc.setNullableString(insert, 5, who);
      insert.setLong(6, now);
      Jdbc.setNullableString(insert, 7, reason);
      insert.executeUpdate();
    }
    Jdbc.execute(c, "UPDATE registered_models SET updated_at = ? WHERE model_name = ?", now, name);
    return new AliasMove(name, alias, from, to, who, now, reason);
  }

  @Override
  public List<AliasMove> getAliasHistory(String name, String alias) {
    return db.read(c -> {
      if (stored.readModel(c, name).isEmpty()) {
        throw RegistryRows.modelNotFound(name);
      }
      String sql = "SELECT " + MOVE_COLUMNS + " FROM model_alias_moves WHERE model_name = ?"
          + (alias == null ? "" : " AND alias_name = ?") + " ORDER BY move_id";
      return Jdbc.list(c, sql, alias == null ? List.of(name) : List.of(name, alias),
          rows -> new AliasMove(rows.getString("model_name"), rows.getString("alias_name"),
              Jdbc.nullableInt(rows, "from_version"), Jdbc.nullableInt(rows, "to_version"),
              rows.getString("moved_by"), rows.getLong("moved_at"), rows.getString("reason")));
    });
  }
}
