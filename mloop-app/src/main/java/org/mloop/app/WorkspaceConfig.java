package org.mloop.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mloop.core.MloopException;
import org.mloop.core.files.PrivateFiles;
import org.mloop.core.json.Json;

/**
 * A local workspace's settings, kept in DIR/workspace.yaml: the URLs of its metadata store and of
 * its artifact store, each opened by its scheme (MetadataStores, ArtifactStores). Defaults are the
 * embedded ones (an SQLite file and a folder inside DIR); point metadata_url at PostgreSQL to share
 * one database between machines. {@code artifact_root}, the setting's name before stores were
 * named by URI, is still read: a plain folder path.
 */
public record WorkspaceConfig(
    @JsonProperty("metadata_url") String metadataUrl,
    @JsonProperty("artifact_uri") String artifactUri,
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
            + "# artifact_uri: where data assets, code snapshots, outputs and run artifacts are kept\n"
            + "# (a folder relative to this one, or file:///ABSOLUTE/FOLDER)\n"
            + "artifact_uri: artifacts\n");
      }
      WorkspaceConfig config = Json.yaml().readValue(file.toFile(), WorkspaceConfig.class);
      if (config == null || config.metadataUrl() == null || config.artifactUri() == null && config.artifactRoot() == null) {
        throw MloopException.invalid(file + ": needs both metadata_url and artifact_uri");
      }
      if (config.artifactUri() != null && config.artifactRoot() != null) {
        throw MloopException.invalid(file + ": sets both artifact_uri and artifact_root, its older name: keep artifact_uri");
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

  /** The artifact store's URI: a relative folder path is relative to the workspace directory (see ArtifactStores). */
  public String artifactStoreUri() {
    return artifactUri != null ? artifactUri : artifactRoot;
  }
}
