package org.mloop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.Retry;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.DataAssetStore;
import org.mloop.core.data.DataAssetType;
import org.mloop.core.json.Json;

/**
 * Data asset versions. The next version is MAX(version) + 1 read and inserted in one write
 * transaction: SQLite serialises such transactions (BEGIN IMMEDIATE); on PostgreSQL creators of
 * one name queue on a transaction-scoped advisory lock. Should two still collide, the primary key
 * refuses the second and it retries.
 */
final class JdbcDataAssetStore implements DataAssetStore {
  private static final int ATTEMPTS = 10;
  /** First key of the PostgreSQL advisory locks on asset names. */
  private static final int LOCK_NAMESPACE = 0x6d6c6461; // "mlda"
  private static final String COLUMNS =
      "asset_name, version, asset_type, description, artifact_path, sha256, size_bytes, file_count, created_at, tags_json";
  private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};

  private final Database db;

  JdbcDataAssetStore(Database db) {
    this.db = db;
  }

  @Override
  public DataAsset createDataAssetVersion(String name, DataAssetType type, String description, String artifactPath,
      String sha256, long sizeBytes, int fileCount, Map<String, String> tags) {
    if (type == null) {
      throw MloopException.invalid("Data asset '" + name + "' needs a type: uri_file or uri_folder.");
    }
    if (artifactPath == null || artifactPath.isBlank() || sha256 == null || sha256.isBlank()) {
      throw MloopException.invalid("Data asset '" + name + "' needs the artifact path and sha256 of its files.");
    }
    Map<String, String> tagMap = new TreeMap<>(tags == null ? Map.of() : tags);
    String tagsJson = Json.write(tagMap);
    try {
      return Retry.attempts(ATTEMPTS).retryOn(VersionTaken.class::isInstance).call(() -> db.write(c ->
          insertNextVersion(c, name, type, description, artifactPath, sha256, sizeBytes, fileCount, tagMap, tagsJson)));
    } catch (VersionTaken e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "Could not assign a version to data asset '" + name
          + "' after " + ATTEMPTS + " attempts: too many concurrent creations; retry.");
    }
  }

  /** Signals a lost race for a version number; the transaction is rolled back and retried. */
  private static final class VersionTaken extends RuntimeException {
    VersionTaken() {
      super(null, null, false, false);
    }
  }

  private DataAsset insertNextVersion(Connection c, String name, DataAssetType type, String description,
      String artifactPath, String sha256, long sizeBytes, int fileCount, Map<String, String> tags, String tagsJson)
      throws SQLException {
    String lock = db.dialect().advisoryLock();
    if (lock != null) {
      // Creators of the same asset queue here instead of racing for MAX(version) + 1.
      try (PreparedStatement select = c.prepareStatement(lock)) {
        select.setInt(1, LOCK_NAMESPACE);
        select.setInt(2, name.hashCode());
        select.execute();
      }
    }
    int version;
    try (PreparedStatement select =
        c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM data_assets WHERE asset_name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        version = rows.getInt(1);
      }
    }
    long now = System.currentTimeMillis();
    db.dialect().unique(() -> Jdbc.execute(c, "INSERT INTO data_assets (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", name, version, type.name(), description, artifactPath, sha256,
        sizeBytes, fileCount, now, tagsJson), VersionTaken::new);
    return new DataAsset(name, version, type, description, artifactPath, sha256, sizeBytes, fileCount, now,
        Map.copyOf(tags));
  }

  @Override
  public Optional<DataAsset> getDataAsset(String name, int version) {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM data_assets WHERE asset_name = ? AND version = ?",
        List.of(name, version)).stream().findFirst());
  }

  @Override
  public Optional<DataAsset> getLatestDataAsset(String name) {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM data_assets WHERE asset_name = ? "
        + "ORDER BY version DESC LIMIT 1", List.of(name)).stream().findFirst());
  }

  @Override
  public List<DataAsset> listDataAssets() {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM data_assets d WHERE version = "
        + "(SELECT MAX(x.version) FROM data_assets x WHERE x.asset_name = d.asset_name) ORDER BY asset_name",
        List.of()));
  }

  @Override
  public List<DataAsset> listDataAssetVersions(String name) {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM data_assets WHERE asset_name = ? ORDER BY version DESC",
        List.of(name)));
  }

  @Override
  public Set<String> listDataAssetArtifactPaths() {
    return db.read(c -> Jdbc.strings(c, "SELECT DISTINCT artifact_path FROM data_assets"));
  }

  private static List<DataAsset> query(Connection c, String sql, List<Object> binds) throws SQLException {
    return Jdbc.list(c, sql, binds, rows -> new DataAsset(
        rows.getString("asset_name"),
        rows.getInt("version"),
        DataAssetType.valueOf(rows.getString("asset_type")),
        rows.getString("description"),
        rows.getString("artifact_path"),
        rows.getString("sha256"),
        rows.getLong("size_bytes"),
        rows.getInt("file_count"),
        rows.getLong("created_at"),
        tags(rows.getString("tags_json"))));
  }

  private static Map<String, String> tags(String json) {
    try {
      return Map.copyOf(Json.mapper().readValue(json, TAGS));
    } catch (JsonProcessingException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "unreadable tags of a data asset: " + json, e);
    }
  }
}
