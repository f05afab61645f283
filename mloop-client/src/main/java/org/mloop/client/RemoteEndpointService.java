package org.mloop.client;

import static org.mloop.client.RemoteJson.API;
import static org.mloop.client.RemoteJson.putIfPresent;
import static org.mloop.client.RemoteJson.read;
import static org.mloop.client.RemoteJson.readList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.EndpointService;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.json.ApiJson;
import org.mloop.core.rollout.RestoreRequest;
import org.mloop.core.rollout.RolloutRequest;
import org.mloop.core.rollout.RolloutResult;

/** The online endpoints of a workspace server (its {@code EndpointsApi}, /api/v1/endpoints). */
record RemoteEndpointService(HttpTransport http) implements EndpointService {
  @Override
  public Endpoint create(String name, String description, AuthMode authMode) {
    ObjectNode body = RemoteJson.object();
    body.put("name", name);
    putIfPresent(body, "description", description);
    if (authMode != null) {
      body.put("auth_mode", authMode.wireName());
    }
    return read(http.post(API + "/endpoints", body), Endpoint.class);
  }

  @Override
  public Endpoint get(String name) {
    return read(http.get(endpointPath(name)), Endpoint.class);
  }

  @Override
  public List<Endpoint> list() {
    return readList(http.get(API + "/endpoints").path("endpoints"), Endpoint.class);
  }

  @Override
  public EndpointKeys getKeys(String name) {
    JsonNode keys = http.get(endpointPath(name) + "/keys");
    return new EndpointKeys(keys.path("primary_key").asText(), keys.path("secondary_key").asText());
  }

  @Override
  public Endpoint updateTraffic(String name, Map<String, Integer> traffic, Map<String, Integer> mirror) {
    ObjectNode body = RemoteJson.object();
    if (traffic != null) {
      body.set("traffic", ApiJson.tree(traffic));
    }
    if (mirror != null) {
      body.set("mirror_traffic", ApiJson.tree(mirror));
    }
    return read(http.post(endpointPath(name) + "/traffic", body), Endpoint.class);
  }

  @Override
  public Endpoint regenerateKey(String name, KeyType which) {
    ObjectNode body = RemoteJson.object();
    body.put("key_type", which.wireName());
    return read(http.post(endpointPath(name) + "/keys/regenerate", body), Endpoint.class);
  }

  @Override
  public void delete(String name) {
    http.delete(endpointPath(name));
  }

  @Override
  public Deployment createDeployment(DeploymentSpec spec) {
    ObjectNode body = RemoteJson.object();
    body.put("name", spec.name());
    body.put("model", spec.model());
    body.put("instance_count", spec.instanceCount());
    body.set("data_collection", ApiJson.tree(spec.dataCollection()));
    if (spec.traffic() != null) {
      body.put("traffic", spec.traffic());
    }
    return read(http.post(endpointPath(spec.endpointName()) + "/deployments", body), Deployment.class);
  }

  @Override
  public Deployment getDeployment(String endpoint, String name) {
    return read(http.get(deploymentPath(endpoint, name)), Deployment.class);
  }

  @Override
  public List<Deployment> listDeployments(String endpoint) {
    return readList(http.get(endpointPath(endpoint) + "/deployments").path("deployments"), Deployment.class);
  }

  @Override
  public Deployment updateDeployment(String endpoint, String name, Integer instanceCount,
      DataCollection dataCollection) {
    ObjectNode body = RemoteJson.object();
    if (instanceCount != null) {
      body.put("instance_count", instanceCount);
    }
    if (dataCollection != null) {
      body.set("data_collection", ApiJson.tree(dataCollection));
    }
    return read(http.patch(deploymentPath(endpoint, name), body), Deployment.class);
  }

  @Override
  public void deleteDeployment(String endpoint, String name) {
    http.delete(deploymentPath(endpoint, name));
  }

  @Override
  public void logDeploymentEvent(String endpoint, String deployment, String host, String message) {
    ObjectNode body = RemoteJson.object();
    putIfPresent(body, "host", host);
    body.put("message", message);
    http.post(deploymentPath(endpoint, deployment) + "/logs", body);
  }

  @Override
  public List<DeploymentEvent> deploymentLogs(String endpoint, String deployment, long afterId, int limit) {
    return readList(http.get(deploymentPath(endpoint, deployment) + "/logs"
        + HttpTransport.query("after", afterId, "limit", limit)).path("events"), DeploymentEvent.class);
  }

  @Override
  public void writeCollectedData(String endpoint, String deployment, String path, byte[] content) {
    http.put(deploymentPath(endpoint, deployment) + "/collected/" + HttpTransport.relativePath(path),
        HttpRequest.BodyPublishers.ofByteArray(content));
  }

  @Override
  public List<ArtifactFile> listCollectedData(String endpoint, String deployment) {
    return readList(http.get(deploymentPath(endpoint, deployment) + "/collected").path("files"),
        ArtifactFile.class);
  }

  @Override
  public InputStream openCollectedData(String endpoint, String deployment, String path) {
    return http.download(deploymentPath(endpoint, deployment) + "/collected/" + HttpTransport.relativePath(path));
  }

  @Override
  public RolloutResult rollout(RolloutRequest request) {
    ObjectNode body = (ObjectNode) ApiJson.tree(request);
    body.remove("endpoint");
    return read(http.post(endpointPath(request.endpoint()) + "/rollout", body), RolloutResult.class);
  }

  @Override
  public RolloutResult restore(RestoreRequest request) {
    ObjectNode body = (ObjectNode) ApiJson.tree(request);
    body.remove("endpoint");
    return read(http.post(endpointPath(request.endpoint()) + "/restore", body), RolloutResult.class);
  }

  static String endpointPath(String name) {
    return API + "/endpoints/" + HttpTransport.segment(name);
  }

  private static String deploymentPath(String endpoint, String name) {
    return endpointPath(endpoint) + "/deployments/" + HttpTransport.segment(name);
  }
}
