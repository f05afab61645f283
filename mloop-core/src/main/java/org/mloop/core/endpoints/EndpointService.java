package org.mloop.core.endpoints;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.rollout.RestoreRequest;
import org.mloop.core.rollout.RolloutRequest;
import org.mloop.core.rollout.RolloutResult;
import org.mloop.core.rollout.Rollouts;

/**
 * The endpoints stage: online endpoints with their keys and traffic, their deployments (each pinned
 * to a model version), the deployments' event logs and the production data they collect. Local
 * ({@link LocalEndpointService}) and over HTTP (the client's {@code RemoteEndpointService}) alike.
 */
public interface EndpointService {

  /** A new endpoint with two fresh keys and no deployments yet. */
  Endpoint create(String name, String description, AuthMode authMode);

  /** The endpoint without its keys when read from a server (see {@link #getKeys}). */
  Endpoint get(String name);

  List<Endpoint> list();

  /**
   * The endpoint's two keys (Azure's get-keys): the only operation that returns them. On a server it
   * needs the permission endpoints.keys.read (deployer or admin) with the endpoint in the token's scope.
   */
  EndpointKeys getKeys(String name);

  /**
   * Sets live traffic and/or mirror traffic ({@code null} leaves one as it is; an empty map clears
   * it); refused unless the result follows {@link EndpointRules}.
   */
  Endpoint updateTraffic(String name, Map<String, Integer> traffic, Map<String, Integer> mirror);

  Endpoint regenerateKey(String name, KeyType which);

  /** Deletes the endpoint and all its deployments. */
  void delete(String name);

  /** Resolves the spec's model reference to a fixed version and adds the deployment (see {@link DeploymentSpec}). */
  Deployment createDeployment(DeploymentSpec spec);

  Deployment getDeployment(String endpoint, String name);

  List<Deployment> listDeployments(String endpoint);

  /** Changes the instance count and/or data collection (null leaves one as it is). */
  Deployment updateDeployment(String endpoint, String name, Integer instanceCount, DataCollection dataCollection);

  /** Refused while the deployment has live or mirror traffic: move its traffic away first. */
  void deleteDeployment(String endpoint, String name);

  /** Appends a line to a deployment's log (what scoring hosts report: model loaded, errors). */
  void logDeploymentEvent(String endpoint, String deployment, String host, String message);

  /** A deployment's log lines with ids above {@code afterId}, oldest first, at most {@code limit}. */
  List<DeploymentEvent> deploymentLogs(String endpoint, String deployment, long afterId, int limit);

  /** Stores one file of collected data at {@code collected/ENDPOINT/DEPLOYMENT/PATH}; files are never overwritten. */
  void writeCollectedData(String endpoint, String deployment, String path, byte[] content);

  /** The collected files of a deployment, paths relative to its folder, in path order (which is time order). */
  List<ArtifactFile> listCollectedData(String endpoint, String deployment);

  InputStream openCollectedData(String endpoint, String deployment, String path);

  /**
   * Rolls a model version out blue/green ({@link Rollouts}: new deployment at 0%, smoke tests, canary,
   * 100%, alias, previous kept at 0%). A failure after the first traffic change puts the previous
   * split back; the result says what was done and what state is left either way. On a server it
   * needs endpoints.write with the endpoint and the alias in the token's scope.
   */
  RolloutResult rollout(RolloutRequest request);

  /** Puts the endpoint's traffic and the alias back on its previous deployment ({@link Rollouts#restore}). */
  RolloutResult restore(RestoreRequest request);
}
