package org.mloop.server;

import java.nio.file.Path;
import java.util.Set;
import org.mloop.core.auth.AccessPolicy;

/**
 * How {@link MloopServer} listens. {@code port} 0 picks a free port. Tokens are always required
 * beyond loopback; {@code requireTokens} also requires them on loopback. {@code uploadDirectory}
 * is where /api/v1 uploads are staged before a data asset or job is created from them (null: a
 * temporary directory removed on stop); it should be on the same disk as the workspace.
 * {@code endpointModelCache}, when set, makes the server also serve the workspace's online
 * endpoints at /endpoints/NAME/... (see {@link EndpointScoring}), with model files cached there.
 * {@code protectedAliases} are the aliases only a deployer (or admin) token may move
 * ({@link AccessPolicy#DEFAULT_PROTECTED_ALIASES} by default). {@code pages}, when set, are web pages
 * served on the same port ({@link WebPages}).
 */
public record ServerOptions(String host, int port, boolean requireTokens, Path uploadDirectory,
    Path endpointModelCache, Set<String> protectedAliases, WebPages pages) {
  public static final String DEFAULT_HOST = "127.0.0.1";

  public ServerOptions {
    if (host == null || host.isBlank()) {
      host = DEFAULT_HOST;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
    protectedAliases = protectedAliases == null ? AccessPolicy.DEFAULT_PROTECTED_ALIASES : Set.copyOf(protectedAliases);
  }

  public static ServerOptions of(String host, int port) {
    return new ServerOptions(host, port, false, null, null, null, null);
  }

  /** Loopback on an ephemeral port: what tests and per-job servers use. */
  public static ServerOptions ephemeral() {
    return of(DEFAULT_HOST, 0);
  }

  public ServerOptions withRequireTokens(boolean required) {
    return new ServerOptions(host, port, required, uploadDirectory, endpointModelCache, protectedAliases, pages);
  }

  public ServerOptions withUploadDirectory(Path directory) {
    return new ServerOptions(host, port, requireTokens, directory, endpointModelCache, protectedAliases, pages);
  }

  /** Also serve the workspace's online endpoints, caching model files under {@code modelCache}. */
  public ServerOptions withEndpoints(Path modelCache) {
    return new ServerOptions(host, port, requireTokens, uploadDirectory, modelCache, protectedAliases, pages);
  }

  /** The aliases only deployer and admin tokens may set or delete (compared without case). */
  public ServerOptions withProtectedAliases(Set<String> aliases) {
    return new ServerOptions(host, port, requireTokens, uploadDirectory, endpointModelCache, aliases, pages);
  }

  /** Also serve these web pages (mloop studio) on the same port; see {@link WebPages}. */
  public ServerOptions withPages(WebPages webPages) {
    return new ServerOptions(host, port, requireTokens, uploadDirectory, endpointModelCache, protectedAliases, webPages);
  }

  public boolean servesEndpoints() {
    return endpointModelCache != null;
  }
}
