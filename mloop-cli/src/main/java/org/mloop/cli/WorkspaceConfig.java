package org.mloop.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mloop.core.MloopException;
import org.mloop.core.files.PrivateFiles;
import org.mloop.core.json.Json;

/**
 * A local workspace's settings, kept in DIR/workspace.yaml: where its metadata database and its
 * artifacts are. Defaults are the embedded ones (SQLite file and a folder inside DIR); point
 * metadata_url at PostgreSQL to share one database between machines.
 */
public record WorkspaceConfig(
    @JsonProperty("metadata_url") String metadataUrl,
    @JsonProperty("artifact_root") String artifactRoot) {

  public static final String FILE = "workspace.yaml";

  /** Reads DIR/workspace.yaml, creating the directory and a default file on first use. */
  public static WorkspaceConfig loadOrCreate(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        PrivateFiles.createDirectories(dir); // holds the database, the key file and the artifacts: 0700
        Files.writeString(file, "# mloop workspace settings\n"
            + "# metadata_url: a JDBC URL (jdbc:sqlite:FILE relative to this folder, or jdbc:postgresql://HOST:PORT/DB)\n"
            + "metadata_url: jdbc:sqlite:mloop.db\n"
            + "# artifact_root: the folder that holds data assets, code snapshots, outputs and run artifacts\n"
            + "artifact_root: artifacts\n");
      }
      WorkspaceConfig config = Json.yaml().readValue(file.toFile(), WorkspaceConfig.class);
      if (config == null || config.metadataUrl() == null || config.artifactRoot() == null) {
        throw MloopException.invalid(file + ": needs both metadata_url and artifact_root");
      }
      return config;
    } catch (MloopException e) {
      throw e;
    } catch (IOException e) {
      throw MloopException.invalid("cannot read workspace settings " + file + ": " + e.getMessage());
    }
  }

  /** The JDBC URL with a relative SQLite file resolved against the workspace directory. */
  public String jdbcUrl(Path dir) {
    String prefix = "jdbc:sqlite:";
    if (metadataUrl.startsWith(prefix)) {
      String path = metadataUrl.substring(prefix.length());
      if (!path.startsWith("/") && !path.startsWith(":memory:")) {
        return prefix + dir.toAbsolutePath().normalize().resolve(path);
      }
    }
    return metadataUrl;
  }

  public Path artifactDirectory(Path dir) {
    return dir.toAbsolutePath().normalize().resolve(artifactRoot);
  }
}
