package org.mloop.core.data;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.artifacts.FileSet;
import org.mloop.core.files.FolderFiles.Symlinks;

/**
 * Data assets of a local workspace: the name checked, the files copied to {@code data/NAME/SHA256/}
 * (equal content is stored once) before the version row is written.
 */
public final class LocalDataService implements DataService {
  private final DataAssetStore store;
  private final ArtifactStore artifacts;

  public LocalDataService(DataAssetStore store, ArtifactStore artifacts) {
    this.store = store;
    this.artifacts = artifacts;
  }

  @Override
  public DataAsset create(String name, Path source, String description, Map<String, String> tags, Symlinks links) {
    AssetRef.NAME.check(name);
    if (!Files.exists(source)) {
      throw MloopException.invalid("cannot create data asset '" + name + "': path '" + source + "' does not exist");
    }
    DataAssetType type = Files.isDirectory(source) ? DataAssetType.uri_folder : DataAssetType.uri_file;
    FileSet files = FileSet.of(source, links);
    if (files.files().isEmpty()) {
      throw MloopException.invalid("cannot create data asset '" + name + "': folder '" + source + "' has no files");
    }
    String prefix = "data/" + name + "/" + files.sha256();
    files.copyTo(artifacts, prefix);
    String artifactPath = type == DataAssetType.uri_file ? prefix + "/" + files.files().get(0).path() : prefix;
    return store.createDataAssetVersion(name, type, description, artifactPath, files.sha256(), files.sizeBytes(),
        files.files().size(), tags == null ? Map.of() : tags);
  }

  @Override
  public DataAsset get(AssetRef ref) {
    return (ref.version() == null ? store.getLatestDataAsset(ref.name()) : store.getDataAsset(ref.name(), ref.version()))
        .orElseThrow(() -> MloopException.notFound("data asset " + ref + " not found"
            + (store.getLatestDataAsset(ref.name()).isPresent() ? ""
                : ": the workspace has no data asset named '" + ref.name() + "'; create it first")));
  }

  @Override
  public List<DataAsset> list(String name) {
    return name == null ? store.listDataAssets() : store.listDataAssetVersions(name);
  }

  @Override
  public List<ArtifactFile> listFiles(DataAsset asset) {
    List<ArtifactFile> files = artifacts.listUnder(assetRoot(asset));
    if (asset.type() == DataAssetType.uri_file) {
      String name = asset.artifactPath().substring(asset.artifactPath().lastIndexOf('/') + 1);
      files.removeIf(f -> !f.path().equals(name));
    }
    return files;
  }

  @Override
  public InputStream openFile(DataAsset asset, String path) {
    return artifacts.read(assetRoot(asset) + "/" + path);
  }

  private static String assetRoot(DataAsset asset) {
    String p = asset.artifactPath();
    return asset.type() == DataAssetType.uri_file ? p.substring(0, p.lastIndexOf('/')) : p;
  }
}
