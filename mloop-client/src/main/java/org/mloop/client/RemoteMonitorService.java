package org.mloop.client;

import static org.mloop.client.RemoteJson.API;
import static org.mloop.client.RemoteJson.read;
import static org.mloop.client.RemoteJson.readList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.List;
import org.mloop.core.json.ApiJson;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorService;
import org.mloop.core.monitoring.MonitorSpec;

/**
 * The monitors of a workspace server (its {@code MonitorsApi}: /api/v1/monitors, /api/v1/alerts and
 * an endpoint's /labels); runs are computed by the server's monitoring engine.
 */
record RemoteMonitorService(HttpTransport http) implements MonitorService {
  @Override
  public MonitorCreation create(MonitorSpec spec) {
    return read(http.post(API + "/monitors", ApiJson.tree(spec)), MonitorCreation.class);
  }

  @Override
  public Monitor get(String name) {
    return read(http.get(monitorPath(name)), Monitor.class);
  }

  @Override
  public List<Monitor> list() {
    return readList(http.get(API + "/monitors").path("monitors"), Monitor.class);
  }

  @Override
  public void delete(String name) {
    http.delete(monitorPath(name));
  }

  @Override
  public MonitorRun run(String name, Long from, Long to) {
    ObjectNode body = RemoteJson.object();
    if (from != null) {
      body.put("from", from);
    }
    if (to != null) {
      body.put("to", to);
    }
    return read(http.post(monitorPath(name) + "/runs", body), MonitorRun.class);
  }

  @Override
  public MonitorRun getRun(String name, long runId) {
    return read(http.get(monitorPath(name) + "/runs/" + runId), MonitorRun.class);
  }

  @Override
  public List<MonitorRun> listRuns(String name, int limit) {
    return readList(http.get(monitorPath(name) + "/runs" + HttpTransport.query("limit", limit)).path("runs"),
        MonitorRun.class);
  }

  @Override
  public InputStream openReport(String name, long runId) {
    return http.download(monitorPath(name) + "/runs/" + runId + "/report");
  }

  @Override
  public List<Alert> listAlerts(String name, int limit) {
    String path = name == null ? API + "/alerts" : monitorPath(name) + "/alerts";
    return readList(http.get(path + HttpTransport.query("limit", limit)).path("alerts"), Alert.class);
  }

  @Override
  public int postGroundTruth(String endpoint, List<GroundTruth> labels) {
    ObjectNode body = RemoteJson.object();
    body.set("labels", ApiJson.tree(labels));
    return http.post(RemoteEndpointService.endpointPath(endpoint) + "/labels", body).path("stored").asInt();
  }

  @Override
  public List<GroundTruth> listGroundTruth(String endpoint, long receivedSince) {
    return readList(http.get(RemoteEndpointService.endpointPath(endpoint) + "/labels"
        + HttpTransport.query("received_since", receivedSince)).path("labels"), GroundTruth.class);
  }

  private static String monitorPath(String name) {
    return API + "/monitors/" + HttpTransport.segment(name);
  }
}
