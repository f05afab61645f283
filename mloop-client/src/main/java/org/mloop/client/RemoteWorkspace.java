package org.mloop.client;

import org.mloop.core.ci.CiArtifactService;
import org.mloop.core.data.DataService;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.jobs.JobService;
import org.mloop.core.monitoring.MonitorService;
import org.mloop.core.registry.RegistryService;
import org.mloop.core.tracking.TrackingService;
import org.mloop.core.workspace.Workspace;

/**
 * A workspace served by `mloop server`, over HTTP: one service per stage, each speaking its API of
 * the server (mloop's /api/v1 for data assets, jobs, the model registry, endpoints, monitors and CI
 * artifacts; MLflow's REST API for tracking). Local files (data asset sources, job code, model
 * folders) are uploaded first, one streamed PUT per file into an upload the server then builds from.
 *
 * <pre>{@code
 * try (Workspace ws = new RemoteWorkspace("http://127.0.0.1:5050", System.getenv("MLOOP_TOKEN"))) {
 *   ws.registry().getVersion(ModelRef.parse("diabetes@production")) ...
 * }
 * }</pre>
 */
public final class RemoteWorkspace implements Workspace {
  static final String UNREACHABLE_HINT =
      "start the server with `mloop server`, or check MLOOP_WORKSPACE (it should be the URL of a running server)";

  private final HttpTransport http;
  private final RemoteDataService data;
  private final RemoteJobService jobs;
  private final RemoteTrackingService tracking;
  private final RemoteRegistryService registry;
  private final RemoteEndpointService endpoints;
  private final RemoteMonitorService monitors;
  private final RemoteCiArtifactService ciArtifacts;

  /** {@code baseUrl} as "http://HOST:PORT"; {@code token} (MLOOP_TOKEN) may be null for a loopback server. */
  public RemoteWorkspace(String baseUrl, String token) {
    this.http = new HttpTransport(baseUrl, token, UNREACHABLE_HINT);
    RemoteUploads uploads = new RemoteUploads(http);
    this.data = new RemoteDataService(http, uploads);
    this.jobs = new RemoteJobService(http, uploads);
    this.tracking = new RemoteTrackingService(http);
    this.registry = new RemoteRegistryService(http, uploads);
    this.endpoints = new RemoteEndpointService(http);
    this.monitors = new RemoteMonitorService(http);
    this.ciArtifacts = new RemoteCiArtifactService(http);
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
  public TrackingService tracking() {
    return tracking;
  }

  @Override
  public RegistryService registry() {
    return registry;
  }

  @Override
  public EndpointService endpoints() {
    return endpoints;
  }

  @Override
  public MonitorService monitors() {
    return monitors;
  }

  @Override
  public CiArtifactService ciArtifacts() {
    return ciArtifacts;
  }

  @Override
  public void close() {
    // java.net.http.HttpClient holds no resources worth releasing before Java 21.
  }
}
