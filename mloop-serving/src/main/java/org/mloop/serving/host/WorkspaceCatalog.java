package org.mloop.serving.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.workspace.Workspace;

/** A {@link EndpointCatalog} over a workspace (local or remote); model files are cached under {@code modelCache}. */
public final class WorkspaceCatalog implements EndpointCatalog {
  private final Workspace workspace;
  private final Path modelCache;

  public WorkspaceCatalog(Workspace workspace, Path modelCache) {
    this.workspace = workspace;
    this.modelCache = modelCache;
  }

  @Override
  public Optional<Endpoint> endpoint(String name) {
    try {
      return Optional.of(workspace.endpoints().get(name));
    } catch (MloopException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<Endpoint> endpoints() {
    return workspace.endpoints().list();
  }

  @Override
  public List<Deployment> deployments(String endpoint) {
    return workspace.endpoints().listDeployments(endpoint);
  }

  @Override
  public EndpointKeys keys(String endpoint) {
    return workspace.endpoints().getKeys(endpoint);
  }

  @Override
  public Path modelDirectory(String modelName, int modelVersion) {
    return workspace.registry().modelDirectory(workspace.registry().getVersion(ModelRef.ofVersion(modelName, modelVersion)), modelCache);
  }

  @Override
  public void log(String endpoint, String deployment, String host, String message) {
    workspace.endpoints().logDeploymentEvent(endpoint, deployment, host, message);
  }
}
