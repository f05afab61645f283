package org.mloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.serving.collect.CollectorStats;
import org.mloop.serving.collect.RollingDataCollector;
import org.mloop.serving.host.Codecs;
import org.mloop.serving.host.HostOptions;
import org.mloop.serving.host.ScoringHost;
import org.mloop.serving.host.ScoringServer;
import org.mloop.serving.host.WorkspaceCatalog;
import org.mloop.serving.protocol.Protocol;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * The scoring host as {@code mloop serve --endpoint NAME} runs it, over a new local workspace (SQLite
 * + file artifact store, wired as LocalWorkspaces does, without a job runner): the model folder is
 * registered as diabetes:1 and served by endpoint {@value #ENDPOINT} (key auth) with two deployments
 * of it: {@value #LIVE} (data collection off, 100% of the traffic) and {@value #COLLECTING} (data
 * collection at 100%, no traffic; reached with the {@value #DEPLOYMENT_HEADER} header). Collected
 * data goes to the workspace's artifact store through the host's rolling collector.
 */
final class BenchScoringHost implements AutoCloseable {
  static final String ENDPOINT = "diabetes-bench";
  static final String LIVE = "blue";
  static final String COLLECTING = "collect";
  static final String DEPLOYMENT_HEADER = "mloop-deployment";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final MetadataStore metadata;
  private final RollingDataCollector collector;
  private final ScoringHost host;
  private final ScoringServer server;
  private final String key;
  private final ModelVersion version;

  private BenchScoringHost(MetadataStore metadata, RollingDataCollector collector, ScoringHost host,
      ScoringServer server, String key, ModelVersion version) {
    this.metadata = metadata;
    this.collector = collector;
    this.host = host;
    this.server = server;
    this.key = key;
    this.version = version;
  }

  static BenchScoringHost start(Path workspaceDir, Path modelDir, int eventLoops) throws Exception {
    Files.createDirectories(workspaceDir);
    MetadataStore metadata = MetadataStores.openSqlite(workspaceDir.resolve("mloop.db"));
    try {
      LocalWorkspace workspace = new LocalWorkspace(workspaceDir.toString(), metadata,
          new FileArtifactStore(workspaceDir.resolve("artifacts")), null, null);
      ModelVersion version = workspace.registry().register(
          ModelRegistration.fromFolder("diabetes", modelDir, "scoring benchmark", Map.of()));
      String key = workspace.endpoints().create(ENDPOINT, "scoring benchmark", null).keys().primary();
      workspace.endpoints().createDeployment(new DeploymentSpec(ENDPOINT, LIVE, version.ref(), 1, DataCollection.OFF, null));
      workspace.endpoints().createDeployment(new DeploymentSpec(ENDPOINT, COLLECTING, version.ref(), 1, DataCollection.ALL, 0));
      RollingDataCollector collector = new RollingDataCollector(workspace.endpoints()::writeCollectedData,
          RollingDataCollector.localHostId(), RollingDataCollector.Settings.defaults());
      Codecs codecs = new Codecs(Protocol.AZURE_SCORE.codec(), Protocol.MLFLOW_INVOCATIONS.codec(),
          Protocol.OPEN_INFERENCE_V2.codec());
      ScoringHost host = ScoringHost.singleEndpoint(ENDPOINT, new WorkspaceCatalog(workspace,
          workspaceDir.resolve("model-cache")), codecs, collector, HostOptions.defaults()).start();
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (!host.ready(ENDPOINT)) {
        if (System.nanoTime() > deadline) {
          host.close();
          throw new IllegalStateException("the scoring host was not ready within " + READY_TIMEOUT.toSeconds()
              + " s; waiting for " + host.waitingFor(ENDPOINT));
        }
        Thread.sleep(50);
      }
      ScoringServer server = ScoringServer.start(host, "127.0.0.1", 0, eventLoops);
      return new BenchScoringHost(metadata, collector, host, server, key, version);
    } catch (Exception | Error e) {
      metadata.close();
      throw e;
    }
  }

  /** The standalone host's Azure ML scoring URL. */
  String scoreUrl() {
    return server.url() + "/score";
  }

  /** Headers of a scored request: JSON, the endpoint key, and the deployment to target (null: by traffic). */
  Map<String, String> headers(String deployment) {
    return deployment == null
        ? Map.of("Content-Type", "application/json", "Authorization", "Bearer " + key)
        : Map.of("Content-Type", "application/json", "Authorization", "Bearer " + key, DEPLOYMENT_HEADER, deployment);
  }

  String modelRef() {
    return version.ref();
  }

  CollectorStats collected() {
    return collector.stats();
  }

  /** Stops listening, then closes the host (its collector writes what it holds) and the store. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        host.close();
      } finally {
        metadata.close();
      }
    }
  }
}
