package org.mloop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.json.ApiJson;
import org.mloop.core.tracking.TrackingStore;
import org.mloop.core.workspace.Workspace;

/**
 * A workspace served by `mloop server`, over HTTP: mloop's /api/v1 for data assets, jobs and files,
 * MLflow's REST API for tracking. Local files (data asset sources, job code) are uploaded first,
 * one streamed PUT per file into an upload the server then builds from.
 *
 * <pre>{@code
 * try (Workspace ws = new RemoteWorkspace("http://127.0.0.1:5050", System.getenv("MLOOP_TOKEN"))) { ... }
 * }</pre>
 */
public final class RemoteWorkspace implements Workspace {
  static final String UNREACHABLE_HINT =
      "start the server with `mloop server`, or check MLOOP_WORKSPACE (it should be the URL of a running server)";
  private static final String API = "/api/v1";

  private final HttpTransport http;
  private final RemoteTrackingStore tracking;

  /** {@code baseUrl} as "http://HOST:PORT"; {@code token} (MLOOP_TOKEN) may be null for a loopback server. */
  public RemoteWorkspace(String baseUrl, String token) {
    this.http = new HttpTransport(baseUrl, token, UNREACHABLE_HINT);
    this.tracking = new RemoteTrackingStore(http);
  }

  @Override
  public String location() {
    return http.baseUrl();
  }

  // ---- data assets

  @Override
  public DataAsset createDataAsset(String name, Path source, String description, Map<String, String> tags) {
    AssetRef.checkName(name, "--name");
    if (!Files.exists(source)) {
      throw MloopException.invalid("cannot create data asset '" + name + "': path '" + source + "' does not exist");
    }
    String uploadId = newUpload();
    String path;
    if (Files.isDirectory(source)) {
      for (String file : regularFiles(source)) {
        upload(uploadId, file, source.resolve(file));
      }
      path = "";
    } else {
      path = source.getFileName().toString();
      upload(uploadId, path, source);
    }
    ObjectNode body = ApiJson.mapper().createObjectNode();
    body.put("name", name);
    body.put("upload_id", uploadId);
    body.put("path", path);
    if (description != null) {
      body.put("description", description);
    }
    body.set("tags", ApiJson.tree(tags == null ? Map.of() : tags));
    return read(http.post(API + "/data-assets", body), DataAsset.class);
  }

  @Override
  public DataAsset getDataAsset(AssetRef ref) {
    return read(http.get(assetPath(ref.name(), ref.version())), DataAsset.class);
  }

  @Override
  public List<DataAsset> listDataAssets(String name) {
    return readList(http.get(API + "/data-assets" + HttpTransport.query("name", name)).path("data_assets"), DataAsset.class);
  }

  @Override
  public InputStream openDataAssetFile(DataAsset asset, String path) {
    return http.download(assetPath(asset.name(), asset.version()) + "/files/" + HttpTransport.relativePath(path));
  }

  @Override
  public List<ArtifactFile> listDataAssetFiles(DataAsset asset) {
    return readList(http.get(assetPath(asset.name(), asset.version()) + "/files").path("files"), ArtifactFile.class);
  }

  private static String assetPath(String name, Integer version) {
    return API + "/data-assets/" + HttpTransport.segment(name) + "/versions/" + (version == null ? "latest" : version);
  }

  // ---- jobs

  @Override
  public Job createJob(JobSubmission submission) {
    ObjectNode body = ApiJson.mapper().createObjectNode();
    body.set("spec", ApiJson.tree(submission.spec()));
    if (submission.name() != null) {
      body.put("name", submission.name());
    }
    if (submission.codeDirectory() != null) {
      String uploadId = newUpload();
      ArrayNode files = body.putArray("code_files");
      for (String file : submission.codeFiles()) {
        upload(uploadId, file, submission.codeDirectory().resolve(file));
        files.add(file);
      }
      body.put("upload_id", uploadId);
    }
    if (submission.git() != null) {
      body.set("git", ApiJson.tree(submission.git()));
    }
    return read(http.post(API + "/jobs", body), Job.class);
  }

  @Override
  public Job getJob(String name) {
    return read(http.get(jobPath(name)), Job.class);
  }

  @Override
  public List<Job> listJobs(JobQuery query) {
    JsonNode response = http.get(API + "/jobs" + HttpTransport.query(
        "experiment_name", query.experimentName(),
        "status", query.status(),
        "limit", query.limit()));
    return readList(response.path("jobs"), Job.class);
  }

  @Override
  public Job cancelJob(String name) {
    return read(http.post(jobPath(name) + "/cancel", ApiJson.mapper().createObjectNode()), Job.class);
  }

  @Override
  public LogChunk readJobLog(String name, long offset, int maxBytes) {
    return read(http.get(jobPath(name) + "/logs" + HttpTransport.query("offset", offset, "max_bytes", maxBytes)),
        LogChunk.class);
  }

  @Override
  public List<ArtifactFile> listJobOutput(String jobName, String outputName) {
    return readList(http.get(outputPath(jobName, outputName)).path("files"), ArtifactFile.class);
  }

  @Override
  public InputStream openJobOutputFile(String jobName, String outputName, String path) {
    return http.download(outputPath(jobName, outputName) + "/files/" + HttpTransport.relativePath(path));
  }

  private static String jobPath(String name) {
    return API + "/jobs/" + HttpTransport.segment(name);
  }

  private static String outputPath(String jobName, String outputName) {
    return jobPath(jobName) + "/outputs/" + HttpTransport.segment(outputName);
  }

  // ---- tracking

  @Override
  public TrackingStore tracking() {
    return tracking;
  }

  @Override
  public List<ArtifactFile> listRunArtifacts(String runId, String path) {
    String query = HttpTransport.query("path", path == null || path.isEmpty() ? null : path);
    return readList(http.get(API + "/runs/" + HttpTransport.segment(runId) + "/artifacts" + query).path("files"),
        ArtifactFile.class);
  }

  @Override
  public InputStream openRunArtifact(String runId, String path) {
    return http.download(API + "/runs/" + HttpTransport.segment(runId) + "/artifacts/" + HttpTransport.relativePath(path));
  }

  @Override
  public void close() {
    // java.net.http.HttpClient holds no resources worth releasing before Java 21.
  }

  // ---- uploads

  private String newUpload() {
    return http.post(API + "/uploads", ApiJson.mapper().createObjectNode()).path("upload_id").asText();
  }

  private void upload(String uploadId, String relativePath, Path file) {
    try {
      http.put(API + "/uploads/" + uploadId + "/files/" + HttpTransport.relativePath(relativePath),
          HttpRequest.BodyPublishers.ofFile(file));
    } catch (FileNotFoundException e) {
      throw MloopException.invalid("cannot upload '" + file + "': the file does not exist");
    }
  }

  /** Every regular file under a folder, relative and '/'-separated, sorted: what the local workspace copies. */
  private static List<String> regularFiles(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      List<String> files = new ArrayList<>();
      walk.filter(Files::isRegularFile)
          .map(p -> folder.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list folder " + folder, e);
    }
  }

  private static <T> T read(JsonNode node, Class<T> type) {
    return ApiJson.read(node, type, type.getSimpleName());
  }

  private static <T> List<T> readList(JsonNode array, Class<T> type) {
    List<T> out = new ArrayList<>();
    array.forEach(item -> out.add(read(item, type)));
    return out;
  }
}
