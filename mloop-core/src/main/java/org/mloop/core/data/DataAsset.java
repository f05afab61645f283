package org.mloop.core.data;

import java.util.Map;

/**
 * One immutable version of a data asset. The files live in the artifact store under
 * {@code artifactPath}; {@code sha256} is the content hash of all files (see {@link org.mloop.core.artifacts.ContentHash}).
 */
public record DataAsset(
    String name,
    int version,
    DataAssetType type,
    String description,
    String artifactPath,
    String sha256,
    long sizeBytes,
    int fileCount,
    long createdAt,
    Map<String, String> tags) {

  /** The reference jobs use: "mloop:NAME:VERSION". */
  public String ref() {
    return AssetRef.SCHEME + name + ":" + version;
  }
}
