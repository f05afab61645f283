package org.mloop.serving.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;

/**
 * What a scoring host reads from its workspace: endpoints (polled often, so {@link #endpoint} must
 * be one cheap read), their deployments and keys (read only when an endpoint's generation changed), model
 * folders, and where it reports what happened. {@link WorkspaceCatalog} adapts a Workspace.
 */
public interface EndpointCatalog {
  Optional<Endpoint> endpoint(String name);

  List<Endpoint> endpoints();

  List<Deployment> deployments(String endpoint);

  /**
   * The endpoint's keys, read only when its generation changed and its endpoint record came without
   * them (as a server answers: keys travel only through get-keys, which a replica's token must allow).
   */
  default EndpointKeys keys(String endpoint) {
    return endpoint(endpoint).map(Endpoint::keys).orElse(null);
  }

  /** A local folder with the files of model {@code name:version}, ready for ModelLoader. */
  Path modelDirectory(String modelName, int modelVersion);

  /** Appends a line to a deployment's log; {@code host} names this process. */
  void log(String endpoint, String deployment, String host, String message);
}
