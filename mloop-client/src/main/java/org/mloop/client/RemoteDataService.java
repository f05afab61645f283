package org.mloop.client;

import static org.mloop.client.RemoteJson.API;
import static org.mloop.client.RemoteJson.read;
import static org.mloop.client.RemoteJson.readList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.DataService;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.json.ApiJson;

/** The data assets of a workspace server (its {@code DataAssetsApi}, /api/v1/data-assets). */
record RemoteDataService(HttpTransport http, RemoteUploads uploads) implements DataService {
  @Override
  public DataAsset create(String name, Path source, String description, Map<String, String> tags, Symlinks links) {
    AssetRef.NAME.check(name);
    if (!Files.exists(source)) {
      throw MloopException.invalid("cannot create data asset '" + name + "': path '" + source + "' does not exist");
    }
    // Walked here as the local workspace walks it; the server receives regular files only.
    List<String> files = Files.isDirectory(source) ? FolderFiles.list(source, "folder", links) : List.of();
    if (Files.isDirectory(source) && files.isEmpty()) {
      throw MloopException.invalid("cannot create data asset '" + name + "': folder '" + source + "' has no files");
    }
    String uploadId = uploads.create();
    String path;
    if (Files.isDirectory(source)) {
      for (String file : files) {
        uploads.put(uploadId, file, source.resolve(file));
      }
      path = "";
    } else {
      path = source.getFileName().toString();
      uploads.put(uploadId, path, source);
    }
    ObjectNode body = RemoteJson.object();
    body.put("name", name);
    body.put("upload_id", uploadId);
    body.put("path", path);
    RemoteJson.putIfPresent(body, "description", description);
    body.set("tags", ApiJson.tree(tags == null ? Map.of() : tags));
    return read(http.post(API + "/data-assets", body), DataAsset.class);
  }

  @Override
  public DataAsset get(AssetRef ref) {
    return read(http.get(assetPath(ref.name(), ref.version())), DataAsset.class);
  }

  @Override
  public List<DataAsset> list(String name) {
    return readList(http.get(API + "/data-assets" + HttpTransport.query("name", name)).path("data_assets"), DataAsset.class);
  }

  @Override
  public List<ArtifactFile> listFiles(DataAsset asset) {
    return readList(http.get(assetPath(asset.name(), asset.version()) + "/files").path("files"), ArtifactFile.class);
  }

  @Override
  public InputStream openFile(DataAsset asset, String path) {
    return http.download(assetPath(asset.name(), asset.version()) + "/files/" + HttpTransport.relativePath(path));
  }

  private static String assetPath(String name, Integer version) {
    return API + "/data-assets/" + HttpTransport.segment(name) + "/versions/" + (version == null ? "latest" : version);
  }
}
