package org.mloop.core.workspace;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.ModelVersionStatus;
import org.mloop.core.store.MetadataStore;

/**
 * The endpoint half of {@link LocalWorkspace}: names and specs checked, model references resolved
 * to fixed versions, traffic changed in one store transaction each, collected data kept under
 * {@code collected/ENDPOINT/DEPLOYMENT/}.
 */
final class EndpointAdmin {
  static final int MAX_INSTANCES = 64;
  private static final int MAX_LOG_LINES = 10_000;
  private static final int MAX_DESCRIPTION = 5000;

  private final MetadataStore metadata;
  private final ArtifactStore artifacts;

  EndpointAdmin(MetadataStore metadata, ArtifactStore artifacts) {
    this.metadata = metadata;
    this.artifacts = artifacts;
  }

  Endpoint create(String name, String description, AuthMode authMode) {
    EndpointRules.checkEndpointName(name);
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw MloopException.invalid("endpoint description is " + description.length() + " characters; the limit is "
          + MAX_DESCRIPTION);
    }
    long now = System.currentTimeMillis();
    return metadata.endpoints().createEndpoint(new Endpoint(name, description, authMode == null ? AuthMode.KEY : authMode,
        EndpointKeys.generate(), Map.of(), Map.of(), 1, now, now));
  }

  Endpoint get(String name) {
    return metadata.endpoints().getEndpoint(name).orElseThrow(() -> MloopException.notFound("endpoint '" + name
        + "' not found; list endpoints with: mloop endpoint list"));
  }

  Endpoint updateTraffic(String name, Map<String, Integer> traffic, Map<String, Integer> mirror) {
    get(name);
    return metadata.endpoints().updateEndpoint(name, e -> e.withTraffic(traffic == null ? e.traffic() : traffic,
        mirror == null ? e.mirrorTraffic() : mirror));
  }

  Endpoint regenerateKey(String name, KeyType which) {
    get(name);
    return metadata.endpoints().updateEndpoint(name, e -> e.withKeys(e.keys().regenerate(which)));
  }

  void delete(String name) {
    get(name);
    metadata.endpoints().deleteEndpoint(name);
  }

  Deployment createDeployment(DeploymentSpec spec, ModelVersion version) {
    Endpoint endpoint = get(spec.endpointName());
    EndpointRules.checkDeploymentName(spec.name());
    if (spec.instanceCount() < 1 || spec.instanceCount() > MAX_INSTANCES) {
      throw MloopException.invalid("instance count " + spec.instanceCount() + " is out of range: use 1 to "
          + MAX_INSTANCES);
    }
    if (spec.traffic() != null && spec.traffic() != 0 && spec.traffic() != 100) {
      throw MloopException.invalid("--traffic " + spec.traffic() + " for a new deployment: use 0 or 100, then split "
          + "with: mloop endpoint update --name " + endpoint.name() + " --traffic " + spec.name() + "=N,...");
    }
    if (version.status() != ModelVersionStatus.READY) {
      throw new MloopException(ErrorCode.INVALID_STATE, "model " + version.name() + ":" + version.version() + " is "
          + version.status() + "; deploy a READY version");
    }
    // "First" as DeploymentSpec says: no other deployment yet (not "no live traffic", which an
    // endpoint with every deployment at 0% also has).
    boolean first = metadata.endpoints().listDeployments(endpoint.name()).isEmpty();
    long now = System.currentTimeMillis();
    Deployment created = metadata.endpoints().createDeployment(new Deployment(endpoint.name(), spec.name(), version.name(),
        version.version(), spec.model(), spec.instanceCount(), spec.dataCollection(), now, now));
    int share = spec.traffic() != null ? spec.traffic() : first ? 100 : 0;
    if (share == 100) {
      // The new split is computed from the endpoint as the store's transaction reads it, so a
      // traffic change made since this method read the endpoint is not overwritten.
      metadata.endpoints().updateEndpoint(endpoint.name(), e -> {
        Map<String, Integer> traffic = new LinkedHashMap<>();
        e.traffic().keySet().forEach(d -> traffic.put(d, 0));
        traffic.put(spec.name(), 100);
        Map<String, Integer> mirror = new LinkedHashMap<>(e.mirrorTraffic());
        mirror.remove(spec.name());
        return e.withTraffic(traffic, mirror);
      });
    }
    return created;
  }

  Deployment getDeployment(String endpoint, String name) {
    get(endpoint);
    return metadata.endpoints().getDeployment(endpoint, name).orElseThrow(() -> MloopException.notFound("endpoint '" + endpoint
        + "' has no deployment '" + name + "'; list them with: mloop deployment list --endpoint " + endpoint));
  }

  List<Deployment> listDeployments(String endpoint) {
    get(endpoint);
    return metadata.endpoints().listDeployments(endpoint);
  }

  Deployment updateDeployment(String endpoint, String name, Integer instanceCount, DataCollection collection) {
    getDeployment(endpoint, name);
    if (instanceCount != null && (instanceCount < 1 || instanceCount > MAX_INSTANCES)) {
      throw MloopException.invalid("instance count " + instanceCount + " is out of range: use 1 to " + MAX_INSTANCES);
    }
    return metadata.endpoints().updateDeployment(endpoint, name, d -> {
      Deployment changed = instanceCount == null ? d : d.withInstanceCount(instanceCount);
      return collection == null ? changed : changed.withDataCollection(collection);
    });
  }

  void deleteDeployment(String endpoint, String name) {
    getDeployment(endpoint, name);
    metadata.endpoints().deleteDeployment(endpoint, name);
  }

  void log(String endpoint, String deployment, String host, String message) {
    metadata.endpoints().appendDeploymentEvent(endpoint, deployment, host, message);
  }

  List<DeploymentEvent> logs(String endpoint, String deployment, long afterId, int limit) {
    getDeployment(endpoint, deployment);
    return metadata.endpoints().listDeploymentEvents(endpoint, deployment, afterId, Math.max(1, Math.min(limit, MAX_LOG_LINES)));
  }

  void writeCollected(String endpoint, String deployment, String path, byte[] content) {
    String target = collectedRoot(endpoint, deployment) + "/" + checkRelative(path);
    if (artifacts.exists(target)) {
      throw MloopException.alreadyExists("collected data file '" + path + "' of " + endpoint + "/" + deployment
          + " already exists; collected files are never overwritten");
    }
    artifacts.write(target, new ByteArrayInputStream(content));
  }

  List<ArtifactFile> listCollected(String endpoint, String deployment) {
    String root = collectedRoot(endpoint, deployment);
    List<ArtifactFile> out = new ArrayList<>();
    for (ArtifactFile f : artifacts.listRecursive(root)) {
      if (!f.directory()) {
        out.add(new ArtifactFile(f.path().substring(root.length() + 1), false, f.sizeBytes(), f.sha256()));
      }
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  InputStream openCollected(String endpoint, String deployment, String path) {
    return artifacts.read(collectedRoot(endpoint, deployment) + "/" + checkRelative(path));
  }

  /** Names are checked here too, as they become store paths. */
  static String collectedRoot(String endpoint, String deployment) {
    return "collected/" + EndpointRules.checkEndpointName(endpoint) + "/" + EndpointRules.checkDeploymentName(deployment);
  }

  private static String checkRelative(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
      throw MloopException.invalid("bad collected data path '" + path + "': use a relative path such as 2026/11/26/14/x.jsonl");
    }
    Set<String> parts = new HashSet<>(List.of(path.split("/")));
    if (parts.contains("..") || parts.contains(".") || parts.contains("")) {
      throw MloopException.invalid("bad collected data path '" + path + "': no '.', '..' or empty segments");
    }
    return path;
  }

  static ModelRef modelRef(DeploymentSpec spec) {
    if (spec.model() == null || spec.model().isBlank()) {
      throw MloopException.invalid("a deployment needs a model: --model NAME@ALIAS, NAME:VERSION or NAME");
    }
    return ModelRef.parse(spec.model());
  }
}
