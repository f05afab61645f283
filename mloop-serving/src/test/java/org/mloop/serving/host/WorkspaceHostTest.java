package org.mloop.serving.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.host.Fixtures.await;
import static org.mloop.serving.host.Fixtures.post;
import static org.mloop.serving.host.Fixtures.request;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.runtime.testing.ModelFolders;
import org.mloop.serving.collect.RollingDataCollector;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/** The host over a real local workspace (SQLite + file artifact store): what `mloop server` runs. */
class WorkspaceHostTest {
  static final String EP = "diabetes-staging";

  @TempDir Path temp;
  MetadataStore metadata;
  LocalWorkspace workspace;
  ScoringHost host;
  ScoringServer server;

  @BeforeEach
  void workspaceWithTwoModelVersions() throws IOException {
    metadata = MetadataStores.openSqlite(temp.resolve("mloop.db"));
    workspace = new LocalWorkspace(temp.toString(), metadata, new FileArtifactStore(temp.resolve("artifacts")),
        null, null);
    Path v1 = ModelFolders.write(temp.resolve("m1"), ModelFolders.logistic(ModelFolders.patients(1, 300)),
        ModelFolders.patients(3, 3));
    Path v2 = ModelFolders.write(temp.resolve("m2"), ModelFolders.logistic(ModelFolders.patients(2, 40)),
        ModelFolders.patients(3, 3));
    workspace.registry().register(ModelRegistration.fromFolder("diabetes", v1, "first", Map.of()));
    workspace.registry().register(ModelRegistration.fromFolder("diabetes", v2, "second", Map.of()));
    workspace.registry().setAlias("diabetes", "staging", 2, "alice", "candidate");
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    if (host != null) {
      host.close();
    }
    metadata.close();
  }

  @Test
  void servesTheWorkspacesEndpointsAndFollowsTheirChanges() {
    String key = workspace.endpoints().create(EP, "staging", null).keys().primary();
    workspace.endpoints().createDeployment(new DeploymentSpec(EP, "blue", "diabetes:1", 1, DataCollection.OFF, null));
    host = ScoringHost.allEndpoints(new WorkspaceCatalog(workspace, temp.resolve("model-cache")), TestCodec.CODECS,
        null, HostOptions.defaults().withPollInterval(Duration.ofMillis(100)).withHostId("test-host")).start();
    server = ScoringServer.start(host, "127.0.0.1", 0, 1);
    await("ready", () -> host.ready(EP));
    String url = server.url() + "/endpoints/" + EP + "/score";

    HttpResponse<String> blue = post(url, request(4, 2), "Authorization", "Bearer " + key);
    assertThat(blue.statusCode()).isEqualTo(200);
    assertThat(blue.headers().firstValue("mloop-deployment")).hasValue("blue");

    workspace.endpoints().createDeployment(new DeploymentSpec(EP, "green", "diabetes@staging", 1, DataCollection.OFF, 0));
    workspace.endpoints().updateTraffic(EP, Map.of("blue", 0, "green", 100), Map.of());
    host.refreshNow();
    HttpResponse<String> green = post(url, request(4, 2), "Authorization", "Bearer " + key);
    assertThat(green.headers().firstValue("mloop-deployment")).hasValue("green");
    assertThat(green.body()).isNotEqualTo(blue.body());

    assertThat(workspace.endpoints().deploymentLogs(EP, "green", 0, 10)).extracting(DeploymentEvent::message)
        .anyMatch(m -> m.matches("model diabetes:2 loaded in \\d+ ms"));
    assertThat(workspace.endpoints().deploymentLogs(EP, "green", 0, 10)).extracting(DeploymentEvent::host).contains("test-host");

    workspace.endpoints().regenerateKey(EP, KeyType.PRIMARY);
    await("the new key served", () -> post(url, request(4, 1), "Authorization", "Bearer " + key).statusCode() == 401);
    String newKey = workspace.endpoints().get(EP).keys().primary();
    assertThat(post(url, request(4, 1), "Authorization", "Bearer " + newKey).statusCode()).isEqualTo(200);
  }

  @Test
  void collectsSampledRequestsIntoTheWorkspace() {
    String key = workspace.endpoints().create(EP, "staging", null).keys().primary();
    workspace.endpoints().createDeployment(new DeploymentSpec(EP, "blue", "diabetes:1", 1, DataCollection.ALL, null));
    host = ScoringHost.allEndpoints(new WorkspaceCatalog(workspace, temp.resolve("model-cache")), TestCodec.CODECS,
        new RollingDataCollector(workspace.endpoints()::writeCollectedData, "test-host", RollingDataCollector.Settings.defaults()),
        HostOptions.defaults()).start();
    host.refreshNow();
    server = ScoringServer.start(host, "127.0.0.1", 0, 1);
    for (int i = 0; i < 5; i++) {
      assertThat(post(server.url() + "/endpoints/" + EP + "/score", request(i, 3), "Authorization", "Bearer " + key)
          .statusCode()).isEqualTo(200);
    }
    server.close();
    server = null;
    host.close(); // closing the host closes its collector, which writes what it holds
    host = null;
    assertThat(workspace.endpoints().listCollectedData(EP, "blue")).isNotEmpty();
  }
}
