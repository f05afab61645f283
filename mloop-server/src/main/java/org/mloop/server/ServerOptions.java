package org.mloop.server;

import java.nio.file.Path;

/**
 * How {@link MloopServer} listens. {@code port} 0 picks a free port. Tokens are always required
 * beyond loopback; {@code requireTokens} also requires them on loopback. {@code uploadDirectory}
 * is where /api/v1 uploads are staged before a data asset or job is created from them (null: a
 * temporary directory removed on stop); it should be on the same disk as the workspace.
 * {@code endpointModelCache}, when set, makes the server also serve the workspace's online
 * endpoints at /endpoints/NAME/... (see {@link EndpointScoring}), with model files cached there.
 */
public record ServerOptions(String host, int port, boolean requireTokens, Path uploadDirectory,
    Path endpointModelCache) {
  public static final String DEFAULT_HOST = "127.0.0.1";

  public ServerOptions {
    if (host == null || host.isBlank()) {
      host = DEFAULT_HOST;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
  }

  public static ServerOptions of(String host, int port) {
    return new ServerOptions(host, port, false, null, null);
  }

  /** Loopback on an ephemeral port: what tests and per-job servers use. */
  public static ServerOptions ephemeral() {
    return of(DEFAULT_HOST, 0);
  }

  public ServerOptions withRequireTokens(boolean required) {
    return new ServerOptions(host, port, required, uploadDirectory, endpointModelCache);
  }

  public ServerOptions withUploadDirectory(Path directory) {
    return new ServerOptions(host, port, requireTokens, directory, endpointModelCache);
  }

  /** Also serve the workspace's online endpoints, caching model files under {@code modelCache}. */
  public ServerOptions withEndpoints(Path modelCache) {
    return new ServerOptions(host, port, requireTokens, uploadDirectory, modelCache);
  }

  public boolean servesEndpoints() {
    return endpointModelCache != null;
  }
}
