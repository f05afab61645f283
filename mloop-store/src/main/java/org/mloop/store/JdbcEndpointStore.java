package org.mloop.store;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointStore;

/** Endpoints and deployments on JDBC. IN PROGRESS: being implemented on a branch. */
final class JdbcEndpointStore implements EndpointStore {
  private final Database db;

  JdbcEndpointStore(Database db) {
    this.db = db;
  }

  private static UnsupportedOperationException todo() {
    return new UnsupportedOperationException("endpoints are not stored yet");
  }

  @Override public Endpoint createEndpoint(Endpoint endpoint) { throw todo(); }
  @Override public Optional<Endpoint> getEndpoint(String name) { throw todo(); }
  @Override public List<Endpoint> listEndpoints() { throw todo(); }
  @Override public Endpoint updateEndpoint(String name, UnaryOperator<Endpoint> change) { throw todo(); }
  @Override public void deleteEndpoint(String name) { throw todo(); }
  @Override public Deployment createDeployment(Deployment deployment) { throw todo(); }
  @Override public Optional<Deployment> getDeployment(String endpoint, String name) { throw todo(); }
  @Override public List<Deployment> listDeployments(String endpoint) { throw todo(); }
  @Override public Deployment updateDeployment(String endpoint, String name, UnaryOperator<Deployment> change) { throw todo(); }
  @Override public void deleteDeployment(String endpoint, String name) { throw todo(); }
  @Override public DeploymentEvent appendDeploymentEvent(String endpoint, String deployment, String host, String message) { throw todo(); }
  @Override public List<DeploymentEvent> listDeploymentEvents(String endpoint, String deployment, long afterId, int limit) { throw todo(); }
}
