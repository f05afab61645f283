package org.mloop.client;

import org.mloop.core.monitoring.MonitorService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.data.DataService;
import org.mloop.core.jobs.JobService;
import org.mloop.core.registry.RegistryService;
import org.mloop.core.json.ApiJson;
import org.mloop.core.tracking.TrackingService;
import org.mloop.core.workspace.Workspace;

/**
 * A workspace served by `mloop server`, over HTTP: mloop's /api/v1 for data assets, jobs, files,
 * the model registry and online endpoints,
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
  private final RemoteTrackingService tracking;
  private final RemoteUploads uploads;
  private final RemoteDataService data;
  private final RemoteJobService jobs;
  private final RemoteRegistryService registry;
  private final RemoteEndpointService endpoints;
  private final RemoteMonitorService monitors;

  /** {@code baseUrl} as "http://HOST:PORT"; {@code token} (MLOOP_TOKEN) may be null for a loopback server. */
  public RemoteWorkspace(String baseUrl, String token) {
    this.http = new HttpTransport(baseUrl, token, UNREACHABLE_HINT);
    this.tracking = new RemoteTrackingService(http);
    this.uploads = new RemoteUploads(http);
    this.data = new RemoteDataService(http, uploads);
    this.jobs = new RemoteJobService(http, uploads);
    this.registry = new RemoteRegistryService(http, uploads);
    this.endpoints = new RemoteEndpointService(http);
    this.monitors = new RemoteMonitorService(http);
  }

  @Override
  public String location() {
    return http.baseUrl();
  }

  @Override
  public DataService data() {
    return data;
  }

  @Override
  public JobService jobs() {
    return jobs;
  }

  @Override
  public RegistryService registry() {
    return registry;
  }

  @Override
  public EndpointService endpoints() {
    return endpoints;
  }

  private static void putIfPresent(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }

  // ---- CI run artifacts

  @Override
  public ArtifactFile writeCiArtifact(String ci, int run, String name, String path, InputStream content) {
    JsonNode written = http.put(ciArtifactPath(ci, run, name) + "/files/" + HttpTransport.relativePath(path),
        HttpRequest.BodyPublishers.ofInputStream(() -> content));
    return read(written, ArtifactFile.class);
  }

  @Override
  public List<String> listCiArtifacts(String ci, int run) {
    List<String> names = new ArrayList<>();
    http.get(ciRunPath(ci, run) + "/artifacts").path("artifacts").forEach(n -> names.add(n.asText()));
    return names;
  }

  @Override
  public List<ArtifactFile> listCiArtifact(String ci, int run, String name) {
    return readList(http.get(ciArtifactPath(ci, run, name)).path("files"), ArtifactFile.class);
  }

  @Override
  public InputStream openCiArtifact(String ci, int run, String name, String path) {
    return http.download(ciArtifactPath(ci, run, name) + "/files/" + HttpTransport.relativePath(path));
  }

  @Override
  public void deleteCiArtifact(String ci, int run, String name) {
    http.delete(ciArtifactPath(ci, run, name));
  }

  private static String ciRunPath(String ci, int run) {
    return API + "/ci/" + HttpTransport.segment(ci) + "/runs/" + run;
  }

  private static String ciArtifactPath(String ci, int run, String name) {
    return ciRunPath(ci, run) + "/artifacts/" + HttpTransport.segment(name);
  }

  @Override
  public TrackingService tracking() {
    return tracking;
  }

  @Override
  public void close() {
    // java.net.http.HttpClient holds no resources worth releasing before Java 21.
  }

  // ---- uploads

  private static <T> T read(JsonNode node, Class<T> type) {
    return ApiJson.read(node, type, type.getSimpleName());
  }

  private static <T> List<T> readList(JsonNode array, Class<T> type) {
    List<T> out = new ArrayList<>();
    array.forEach(item -> out.add(read(item, type)));
    return out;
  }

  @Override
  public MonitorService monitors() {
    return monitors;
  }
}
