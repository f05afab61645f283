package org.mloop.core.endpoints;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ServableFlavors;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.RegistryService;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.ModelVersionStatus;
import org.mloop.core.rollout.RestoreRequest;
import org.mloop.core.rollout.RolloutRequest;
import org.mloop.core.rollout.RolloutResult;
import org.mloop.core.rollout.Rollouts;
import org.mloop.core.rollout.ScoringProbe;

/**
 * Endpoints of a local workspace: names and specs checked, model references resolved to fixed
 * versions through the registry in a flavor this installation serves ({@link ServableFlavors}),
 * traffic changed in one store transaction each, collected data kept under
 * {@code collected/ENDPOINT/DEPLOYMENT/} in the artifact store.
 */
public final class LocalEndpointService implements EndpointService {
  static final int MAX_INSTANCES = 64;
  private static final int MAX_LOG_LINES = 10_000;
  private static final int MAX_DESCRIPTION = 5000;

  private final EndpointStore store;
  private final RegistryService registry;
  private final ArtifactStore artifacts;
  private final Rollouts rollouts;
  private volatile ScoringProbe probe;

  /** {@code registry} resolves a deployment's model reference to a version. */
  public LocalEndpointService(EndpointStore store, RegistryService registry, ArtifactStore artifacts) {
    this.store = store;
    this.registry = registry;
    this.artifacts = artifacts;
    this.rollouts = new Rollouts(this, registry, () -> probe);
  }

  /**
   * The scorer rollouts smoke-test with: the scoring host of this process (the server's, or one a
   * command started for a workspace directory); null when there is none, and smoke tests are refused.
   */
  public void scoringInThisProcess(ScoringProbe scorer) {
    this.probe = scorer;
  }

  @Override
  public RolloutResult rollout(RolloutRequest request) {
    return rollouts.rollout(request);
  }

  @Override
  public RolloutResult restore(RestoreRequest request) {
    return rollouts.restore(request);
  }

  @Override
  public Endpoint create(String name, String description, AuthMode authMode) {
    EndpointRules.checkEndpointName(name);
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw MloopException.invalid("endpoint description is " + description.length() + " characters; the limit is "
          + MAX_DESCRIPTION);
    }
    long now = System.currentTimeMillis();
    return store.createEndpoint(new Endpoint(name, description, authMode == null ? AuthMode.KEY : authMode,
        EndpointKeys.generate(), Map.of(), Map.of(), 1, now, now));
  }

  @Override
  public Endpoint get(String name) {
    return store.getEndpoint(name).orElseThrow(() -> MloopException.notFound("endpoint '" + name
        + "' not found among the workspace's endpoints"));
  }

  @Override
  public List<Endpoint> list() {
    return store.listEndpoints();
  }

  @Override
  public EndpointKeys getKeys(String name) {
    return get(name).keys();
  }

  @Override
  public Endpoint updateTraffic(String name, Map<String, Integer> traffic, Map<String, Integer> mirror) {
    get(name);
    return store.updateEndpoint(name, e -> e.withTraffic(traffic == null ? e.traffic() : traffic,
        mirror == null ? e.mirrorTraffic() : mirror));
  }

  @Override
  public Endpoint regenerateKey(String name, KeyType which) {
    get(name);
    return store.updateEndpoint(name, e -> e.withKeys(e.keys().regenerate(which)));
  }

  @Override
  public void delete(String name) {
    get(name);
    store.deleteEndpoint(name);
  }

  @Override
  public Deployment createDeployment(DeploymentSpec spec) {
    ModelVersion version = registry.getVersion(modelRef(spec));
    Endpoint endpoint = get(spec.endpointName());
    EndpointRules.checkDeploymentName(spec.name());
    if (spec.instanceCount() < 1 || spec.instanceCount() > MAX_INSTANCES) {
      throw MloopException.invalid("instance count " + spec.instanceCount() + " is out of range: use 1 to "
          + MAX_INSTANCES);
    }
    if (spec.traffic() != null && spec.traffic() != 0 && spec.traffic() != 100) {
      throw MloopException.invalid("traffic " + spec.traffic() + " for a new deployment: use 0 or 100, then split"
          + " the traffic of endpoint '" + endpoint.name() + "' between its deployments");
    }
    if (version.status() != ModelVersionStatus.READY) {
      throw new MloopException(ErrorCode.INVALID_STATE, "model " + version.name() + ":" + version.version() + " is "
          + version.status() + "; deploy a READY version");
    }
    ServableFlavors.check(mlModel(version), "model " + version.name() + ":" + version.version());
    // "First" as DeploymentSpec says: no other deployment yet (not "no live traffic", which an
    // endpoint with every deployment at 0% also has).
    boolean first = store.listDeployments(endpoint.name()).isEmpty();
    long now = System.currentTimeMillis();
    Deployment created = store.createDeployment(new Deployment(endpoint.name(), spec.name(), version.name(),
        version.version(), spec.model(), spec.instanceCount(), spec.dataCollection(), now, now));
    int share = spec.traffic() != null ? spec.traffic() : first ? 100 : 0;
    if (share == 100) {
      // The new split is computed from the endpoint as the store's transaction reads it, so a
      // traffic change made since this method read the endpoint is not overwritten.
      store.updateEndpoint(endpoint.name(), e -> {
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

  @Override
  public Deployment getDeployment(String endpoint, String name) {
    get(endpoint);
    return store.getDeployment(endpoint, name).orElseThrow(() -> MloopException.notFound("endpoint '" + endpoint
        + "' has no deployment '" + name + "'"));
  }

  @Override
  public List<Deployment> listDeployments(String endpoint) {
    get(endpoint);
    return store.listDeployments(endpoint);
  }

  @Override
  public Deployment updateDeployment(String endpoint, String name, Integer instanceCount, DataCollection collection) {
    getDeployment(endpoint, name);
    if (instanceCount != null && (instanceCount < 1 || instanceCount > MAX_INSTANCES)) {
      throw MloopException.invalid("instance count " + instanceCount + " is out of range: use 1 to " + MAX_INSTANCES);
    }
    return store.updateDeployment(endpoint, name, d -> {
      Deployment changed = instanceCount == null ? d : d.withInstanceCount(instanceCount);
      return collection == null ? changed : changed.withDataCollection(collection);
    });
  }

  @Override
  public void deleteDeployment(String endpoint, String name) {
    getDeployment(endpoint, name);
    store.deleteDeployment(endpoint, name);
  }

  @Override
  public void logDeploymentEvent(String endpoint, String deployment, String host, String message) {
    store.appendDeploymentEvent(endpoint, deployment, host, message);
  }

  @Override
  public List<DeploymentEvent> deploymentLogs(String endpoint, String deployment, long afterId, int limit) {
    getDeployment(endpoint, deployment);
    return store.listDeploymentEvents(endpoint, deployment, afterId, Math.max(1, Math.min(limit, MAX_LOG_LINES)));
  }

  @Override
  public void writeCollectedData(String endpoint, String deployment, String path, byte[] content) {
    String target = collectedRoot(endpoint, deployment) + "/" + ArtifactPath.parse("collected data path", path).value();
    if (artifacts.exists(target)) {
      throw MloopException.alreadyExists("collected data file '" + path + "' of " + endpoint + "/" + deployment
          + " already exists; collected files are never overwritten");
    }
    artifacts.write(target, new ByteArrayInputStream(content));
  }

  @Override
  public List<ArtifactFile> listCollectedData(String endpoint, String deployment) {
    List<ArtifactFile> out = artifacts.listUnder(collectedRoot(endpoint, deployment));
    out.removeIf(ArtifactFile::directory);
    out.sort(Comparator.comparing(ArtifactFile::path));
    return out;
  }

  @Override
  public InputStream openCollectedData(String endpoint, String deployment, String path) {
    return artifacts.read(collectedRoot(endpoint, deployment) + "/" + ArtifactPath.parse("collected data path", path).value());
  }

  /** Names are checked here too, as they become store paths. */
  static String collectedRoot(String endpoint, String deployment) {
    return "collected/" + EndpointRules.checkEndpointName(endpoint) + "/" + EndpointRules.checkDeploymentName(deployment);
  }

  /** The version's MLmodel as stored, which says the flavors it was saved in. */
  private MlModel mlModel(ModelVersion version) {
    String path = version.source() + "/" + MlModelFiles.MLMODEL;
    try (InputStream in = artifacts.read(path)) {
      return MlModelFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "MLmodel of model " + version.name() + ":" + version.version());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static ModelRef modelRef(DeploymentSpec spec) {
    if (spec.model() == null || spec.model().isBlank()) {
      throw MloopException.invalid("a deployment needs a model: NAME@ALIAS, NAME:VERSION or NAME");
    }
    return ModelRef.parse(spec.model());
  }
}
