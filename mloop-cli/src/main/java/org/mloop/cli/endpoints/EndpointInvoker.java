package org.mloop.cli.endpoints;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.mloop.app.LocalWorkspaces;
import org.mloop.app.Workspaces;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import org.mloop.server.EndpointScoring;
import org.mloop.serving.host.ScoringHost;
import org.mloop.serving.host.ScoringResult;
import org.mloop.serving.protocol.Protocol;

/**
 * Sends one scoring request to an endpoint, the way a client would: through the server that serves
 * the workspace (HTTP, with the endpoint's primary key read through get-keys), or, for a workspace directory, in this
 * process with a scoring host of its own (same auth, routing, validation and data collection, no
 * HTTP). Used by {@code mloop endpoint invoke} and the quickstart.
 */
public final class EndpointInvoker {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What came back: the HTTP status, body and the deployment and request id that answered. */
  public record Response(int status, String contentType, String body, String deployment, String requestId) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private EndpointInvoker() {}

  /**
   * Scores {@code body} on {@code endpoint} with the request format of {@code protocol};
   * {@code deployment} targets one deployment (null: the endpoint's traffic split decides).
   */
  public static Response invoke(Workspace ws, String location, String endpoint, String deployment, Protocol protocol,
      String contentType, byte[] body) {
    Endpoint e = ws.endpoints().get(endpoint); // a clear "no endpoint" before anything else
    // The key through get-keys, as any client: on a server it needs a deployer token (or a token-less loopback server).
    String key = e.authMode() == AuthMode.KEY ? ws.endpoints().getKeys(endpoint).primary() : null;
    if (Workspaces.isRemote(location)) {
      return overHttp(location, endpoint, deployment, protocol, contentType, body, key);
    }
    return inProcess(ws, location, endpoint, deployment, protocol, contentType, body, key);
  }

  /** The path of a format under an endpoint; Open Inference names the endpoint as its model (routes by traffic). */
  static String path(Protocol protocol, String endpoint) {
    return protocol == Protocol.OPEN_INFERENCE_V2
        ? "/v2/models/" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8) + "/infer"
        : protocol.path();
  }

  /** A scoring host (not started) of one endpoint of a workspace directory, its models cached in the workspace. */
  static ScoringHost localHost(Workspace ws, String location, String endpoint) {
    Path cache = Path.of(location).toAbsolutePath().resolve(LocalWorkspaces.MODEL_CACHE);
    return EndpointScoring.singleEndpoint(endpoint, ws, cache);
  }

  private static Response inProcess(Workspace ws, String location, String endpoint, String deployment,
      Protocol protocol, String contentType, byte[] body, String key) {
    try (ScoringHost host = localHost(ws, location, endpoint)) {
      host.refreshNow(); // loads the deployments' models before the request
      ScoringResult r = host.score(endpoint, deployment, protocol, contentType, body, key);
      return new Response(r.status(), r.contentType(), r.bodyText(), r.deployment(), r.requestId());
    }
  }

  private static Response overHttp(String location, String endpoint, String deployment, Protocol protocol,
      String contentType, byte[] body, String key) {
    String url = location.replaceAll("/+$", "") + "/endpoints/" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8)
        + path(protocol, endpoint);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null && !key.isEmpty()) {
      request.header("Authorization", "Bearer " + key);
    }
    if (deployment != null && !deployment.isEmpty()) {
      request.header(ScoringResult.DEPLOYMENT, deployment);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
          response.body(), response.headers().firstValue(ScoringResult.DEPLOYMENT).orElse(null),
          response.headers().firstValue(ScoringResult.REQUEST_ID).orElse(null));
    } catch (IOException e) {
      throw MloopException.invalid("cannot reach " + url + ": " + e.getMessage()
          + " (is the server running? start it with mloop server)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MloopException.invalid("interrupted while waiting for " + url);
    }
  }
}
