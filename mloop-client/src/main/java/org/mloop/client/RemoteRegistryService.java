package org.mloop.client;

import static org.mloop.client.RemoteJson.API;
import static org.mloop.client.RemoteJson.putIfPresent;
import static org.mloop.client.RemoteJson.read;
import static org.mloop.client.RemoteJson.readList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.Downloads;
import org.mloop.core.files.FileTrees;
import org.mloop.core.files.FolderFiles;
import org.mloop.core.files.FolderFiles.Symlinks;
import org.mloop.core.json.ApiJson;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.GateReport;
import org.mloop.core.registry.GateRequest;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.registry.RegistryService;

/**
 * The model registry of a workspace server (its {@code ModelsApi}, /api/v1/models); a model folder
 * goes up as an upload, and versions are downloaded, checked against their sha256, into a cache.
 */
record RemoteRegistryService(HttpTransport http, RemoteUploads uploads) implements RegistryService {
  @Override
  public ModelVersion register(ModelRegistration r) {
    ModelRef.NAME.check(r.name());
    ObjectNode body = RemoteJson.object();
    if (r.localPath() != null) {
      if (r.fromJob() != null) {
        throw MloopException.invalid("register model '" + r.name() + "' either from a job output or from a local "
            + "folder, not both");
      }
      if (!Files.isDirectory(r.localPath())) {
        throw MloopException.invalid("cannot register model '" + r.name() + "': folder '" + r.localPath()
            + "' does not exist");
      }
      String uploadId = uploads.create();
      // Refused here, as the local workspace refuses them, rather than uploaded as copies of their targets.
      for (String file : FolderFiles.list(r.localPath(), "model folder", Symlinks.REFUSE)) {
        uploads.put(uploadId, file, r.localPath().resolve(file));
      }
      body.put("upload_id", uploadId);
    } else {
      body.put("job_name", r.fromJob());
      putIfPresent(body, "output_name", r.outputName());
    }
    putIfPresent(body, "description", r.description());
    body.set("tags", ApiJson.tree(r.tags() == null ? Map.of() : r.tags()));
    return read(http.post(modelPath(r.name()) + "/versions", body), ModelVersion.class);
  }

  @Override
  public ModelVersion getVersion(ModelRef ref) {
    String path = ref.alias() != null ? aliasPath(ref.name(), ref.alias()) : versionPath(ref.name(), ref.version());
    return read(http.get(path), ModelVersion.class);
  }

  @Override
  public RegisteredModel getModel(String name) {
    return read(http.get(modelPath(name)), RegisteredModel.class);
  }

  @Override
  public List<RegisteredModel> listModels() {
    return readList(http.get(API + "/models").path("models"), RegisteredModel.class);
  }

  @Override
  public List<ModelVersion> listVersions(String name) {
    return readList(http.get(modelPath(name) + "/versions").path("model_versions"), ModelVersion.class);
  }

  @Override
  public AliasMove setAlias(String name, String alias, int version, String who, String reason) {
    ObjectNode body = RemoteJson.object();
    body.put("version", version);
    putIfPresent(body, "reason", reason);
    putIfPresent(body, "who", who);
    return aliasMove(http.post(aliasPath(name, alias), body));
  }

  @Override
  public AliasMove deleteAlias(String name, String alias, String who, String reason) {
    ObjectNode body = RemoteJson.object();
    putIfPresent(body, "reason", reason);
    putIfPresent(body, "who", who);
    return aliasMove(http.post(aliasPath(name, alias) + "/delete", body));
  }

  @Override
  public List<AliasMove> aliasHistory(String name, String alias) {
    return readList(http.get(modelPath(name) + "/history" + HttpTransport.query("alias", alias)).path("alias_moves"),
        AliasMove.class);
  }

  @Override
  public ModelVersion archiveVersion(String name, int version) {
    return read(http.post(versionPath(name, version) + "/archive", RemoteJson.object()), ModelVersion.class);
  }

  @Override
  public RegisteredModel updateModel(String name, String description, Map<String, String> setTags,
      List<String> deleteTags) {
    return read(http.post(modelPath(name) + "/update", updateBody(description, setTags, deleteTags)),
        RegisteredModel.class);
  }

  @Override
  public ModelVersion updateVersion(String name, int version, String description, Map<String, String> setTags,
      List<String> deleteTags) {
    return read(http.post(versionPath(name, version) + "/update", updateBody(description, setTags, deleteTags)),
        ModelVersion.class);
  }

  @Override
  public void deleteVersion(String name, int version) {
    http.delete(versionPath(name, version));
  }

  @Override
  public List<ArtifactFile> listFiles(ModelVersion version) {
    return readList(http.get(versionPath(version.name(), version.version()) + "/files").path("files"),
        ArtifactFile.class);
  }

  @Override
  public InputStream openFile(ModelVersion version, String path) {
    return http.download(versionPath(version.name(), version.version()) + "/files/" + HttpTransport.relativePath(path));
  }

  @Override
  public Path modelDirectory(ModelVersion version, Path cache) {
    // Versions are immutable and a download becomes the folder in one atomic move, so a folder that
    // exists is complete and is reused as it is. Nothing extra goes inside it: the model loader
    // refuses files its MLmodel checksums do not list.
    Path dir = cache.resolve(version.name() + "-" + version.version() + "-" + version.sha256().substring(0, 12));
    if (Files.isDirectory(dir)) {
      deleteStaleMarker(dir);
      return dir;
    }
    try {
      Files.createDirectories(cache);
      Path partial = Files.createTempDirectory(cache, ".download-");
      Downloads.copy(listFiles(version), path -> openFile(version, path), partial);
      try {
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.isDirectory(dir)) {
          throw raced;
        }
        FileTrees.deleteTree(partial); // another process finished the same download first
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download model " + version.ref() + " into " + cache, e);
    }
  }

  /** Scored in the server's process; a candidate given by alias is resolved to its version first. */
  @Override
  public GateReport gate(GateRequest request) {
    ModelRef candidate = request.candidate();
    Integer version = candidate.alias() != null ? getVersion(candidate).version() : candidate.version();
    ObjectNode body = RemoteJson.object();
    body.put("champion", request.champion().toString());
    body.put("data", request.data().toString());
    body.put("metric", request.metric());
    body.put("min_delta", request.minDelta());
    putIfPresent(body, "label", request.label());
    return read(http.post(versionPath(candidate.name(), version) + "/gate", body), GateReport.class);
  }

  /** Earlier builds wrote a completion marker inside the folder; the model loader would refuse it. */
  private static void deleteStaleMarker(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(".mloop-complete"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir.resolve(".mloop-complete") + "; delete it by hand", e);
    }
  }

  private static String modelPath(String name) {
    return API + "/models/" + HttpTransport.segment(name);
  }

  private static String versionPath(String name, Integer version) {
    return modelPath(name) + "/versions/" + (version == null ? "latest" : version);
  }

  private static String aliasPath(String name, String alias) {
    return modelPath(name) + "/aliases/" + HttpTransport.segment(alias);
  }

  private static ObjectNode updateBody(String description, Map<String, String> setTags, List<String> deleteTags) {
    ObjectNode body = RemoteJson.object();
    putIfPresent(body, "description", description);
    body.set("set_tags", ApiJson.tree(setTags == null ? Map.of() : setTags));
    body.set("delete_tags", ApiJson.tree(deleteTags == null ? List.of() : deleteTags));
    return body;
  }

  private static AliasMove aliasMove(JsonNode response) {
    JsonNode move = response.path("alias_move");
    return move.isMissingNode() || move.isNull() ? null : read(move, AliasMove.class);
  }
}
