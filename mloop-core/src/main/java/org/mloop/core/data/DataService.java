package org.mloop.core.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;

/**
 * The data stage: versioned data assets, their files content-addressed in the artifact store. Local
 * ({@link LocalDataService}) and over HTTP (the client's {@code RemoteDataService}) alike.
 */
public interface DataService {

  /**
   * Copies a local file or folder into the workspace as the next version of {@code name}. A folder
   * holding symbolic links is refused, naming them (see {@link FolderFiles}).
   */
  default DataAsset create(String name, Path source, String description, Map<String, String> tags) {
    return create(name, source, description, tags, Symlinks.REFUSE);
  }

  /**
   * As {@link #create(String, Path, String, Map)}; with {@link Symlinks#FOLLOW} the files that a
   * folder's symbolic links point to are stored under the links' names.
   */
  DataAsset create(String name, Path source, String description, Map<String, String> tags, Symlinks links);

  DataAsset get(AssetRef ref);

  /** With a name: every version of it, newest first; with null: the latest version of every asset. */
  List<DataAsset> list(String name);

  List<ArtifactFile> listFiles(DataAsset asset);

  /** Streams one file of a data asset version ({@code path} relative to the asset's root). */
  InputStream openFile(DataAsset asset, String path);
}
