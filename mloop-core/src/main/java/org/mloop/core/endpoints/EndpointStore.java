package org.mloop.core.endpoints;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Endpoints, their deployments and the deployments' logs, in the metadata database. Every change to
 * an endpoint or to one of its deployments increments the endpoint's {@code generation} and
 * {@code updatedAt} in the same transaction, and re-checks the traffic rules
 * ({@link EndpointRules#checkTraffic}) against the deployments as they are after the change.
 */
public interface EndpointStore {

  /** Inserts a new endpoint (generation 1); refused (RESOURCE_ALREADY_EXISTS) when the name is taken. */
  Endpoint createEndpoint(Endpoint endpoint);

  Optional<Endpoint> getEndpoint(String name);

  /** Every endpoint, by name. */
  List<Endpoint> listEndpoints();

  /**
   * Reads, changes and writes one endpoint in one transaction (traffic, mirror, keys, description;
   * the name and times are kept). Not found: RESOURCE_DOES_NOT_EXIST.
   */
  Endpoint updateEndpoint(String name, UnaryOperator<Endpoint> change);

  /** Deletes an endpoint, its deployments, their model version usages and logs. */
  void deleteEndpoint(String name);

  /**
   * Inserts a deployment and records its model version usage ({@link Deployment#usageName()}) in the
   * same transaction; refused when the endpoint does not exist, the name is taken or the model
   * version does not exist.
   */
  Deployment createDeployment(Deployment deployment);

  Optional<Deployment> getDeployment(String endpoint, String name);

  /** The endpoint's deployments, by name. */
  List<Deployment> listDeployments(String endpoint);

  /** Reads, changes and writes one deployment (data collection, instance count) in one transaction. */
  Deployment updateDeployment(String endpoint, String name, UnaryOperator<Deployment> change);

  /**
   * Deletes a deployment and its model version usage; refused (INVALID_STATE) while it has live or
   * mirror traffic, so a request can never be routed to a deployment that is gone.
   */
  void deleteDeployment(String endpoint, String name);

  /** Appends a line to a deployment's log. */
  DeploymentEvent appendDeploymentEvent(String endpoint, String deployment, String host, String message);

  /** The last {@code limit} lines of a deployment's log with ids above {@code afterId}, oldest first. */
  List<DeploymentEvent> listDeploymentEvents(String endpoint, String deployment, long afterId, int limit);
}
