package org.mloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 9 (SQLite and PostgreSQL alike): endpoint keys stored readable before encryption at rest
 * are sealed with the workspace key ({@link SecretBox}); keys already sealed are left alone.
 */
final class EncryptEndpointKeys implements JavaMigration {
  static final int VERSION = 9;
  private final SecretBox secrets;

  EncryptEndpointKeys(SecretBox secrets) {
    this.secrets = secrets;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(Integer.toString(VERSION));
  }

  @Override
  public String getDescription() {
    return "encrypt endpoint keys";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    Map<String, String[]> plain = new LinkedHashMap<>();
    try (PreparedStatement select = c.prepareStatement("SELECT name, primary_key, secondary_key FROM endpoints");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        plain.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
      }
    }
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE endpoints SET primary_key = ?, secondary_key = ? WHERE name = ?")) {
      for (Map.Entry<String, String[]> e : plain.entrySet()) {
        String name = e.getKey();
        update.setString(1, seal(e.getValue()[0], name, "primary"));
        update.setString(2, seal(e.getValue()[1], name, "secondary"));
        update.setString(3, name);
        update.executeUpdate();
      }
    }
  }

  private String seal(String value, String endpoint, String slot) {
    return SecretBox.sealed(value) ? value : secrets.seal(value, JdbcEndpointStore.keyContext(endpoint, slot));
  }
}
