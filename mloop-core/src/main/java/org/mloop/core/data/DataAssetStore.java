package org.mloop.core.data;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Metadata of data asset versions. Files are in the artifact store; this keeps who, what and which hash. */
public interface DataAssetStore {

  /**
   * Records the next version of {@code name} (1 for a new name), atomically: two concurrent
   * creations get two different versions.
   */
  DataAsset createDataAssetVersion(
      String name,
      DataAssetType type,
      String description,
      String artifactPath,
      String sha256,
      long sizeBytes,
      int fileCount,
      Map<String, String> tags);

  Optional<DataAsset> getDataAsset(String name, int version);

  Optional<DataAsset> getLatestDataAsset(String name);

  /** The latest version of every asset, by name. */
  List<DataAsset> listDataAssets();

  /** Every version of one asset, newest first. */
  List<DataAsset> listDataAssetVersions(String name);

  /** The artifact path of every version (a folder, or a file of a uri_file asset): files in use. */
  Set<String> listDataAssetArtifactPaths();
}
