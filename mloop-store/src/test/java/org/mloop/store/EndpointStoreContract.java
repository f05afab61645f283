package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.store.MetadataStoreContract.fails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentEvent;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.store.MetadataStore;

/**
 * The endpoint part of the metadata store contract, run on SQLite and PostgreSQL by
 * {@link MetadataStoreContract}'s subclasses.
 */
interface EndpointStoreContract {

  MetadataStore currentStore();

  MetadataStore anotherStoreOnTheSameDatabase() throws Exception;

  private static Endpoint newEndpoint(String name) {
    return new Endpoint(name, "scores patients", AuthMode.KEY, new EndpointKeys("primary-" + name, "secondary-" + name),
        Map.of(), Map.of(), 0, 0, 0);
  }

  private static ModelVersion modelVersion(MetadataStore s) {
    return s.registry().createModelVersion("diabetes", "models/diabetes/" + "e".repeat(64), "e".repeat(64), null, Map.of(), null);
  }

  private static Deployment deployment(String endpoint, String name, ModelVersion v) {
    return new Deployment(endpoint, name, v.name(), v.version(), "diabetes@staging", 2, new DataCollection(10), 0, 0);
  }

  private static Map<String, Integer> split(Object... pairs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return out;
  }

  @Test
  default void endpointsAreCreatedAtGenerationOneWithTheirKeysAsGivenAndListedByName() {
    MetadataStore store = currentStore();
    long before = System.currentTimeMillis();
    Endpoint created = store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    store.endpoints().createEndpoint(newEndpoint("diabetes-staging"));

    assertThat(created.generation()).isEqualTo(1);
    assertThat(created.createdAt()).isGreaterThanOrEqualTo(before).isEqualTo(created.updatedAt());
    assertThat(created.keys().primary()).isEqualTo("primary-diabetes-prod");
    assertThat(created.keys().secondary()).isEqualTo("secondary-diabetes-prod");
    assertThat(created.authMode()).isEqualTo(AuthMode.KEY);
    assertThat(created.description()).isEqualTo("scores patients");
    assertThat(created.traffic()).isEmpty();
    assertThat(store.endpoints().getEndpoint("diabetes-prod")).contains(created);
    assertThat(store.endpoints().getEndpoint("missing")).isEmpty();
    assertThat(store.endpoints().listEndpoints()).extracting(Endpoint::name).containsExactly("diabetes-prod", "diabetes-staging");
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.endpoints().createEndpoint(newEndpoint("diabetes-prod")),
        "endpoint 'diabetes-prod' already exists");
  }

  @Test
  default void deploymentsFixTheirModelVersionAndRecordItsUsage() {
    MetadataStore store = currentStore();
    ModelVersion v = modelVersion(store);
    store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    Deployment blue = store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));

    assertThat(blue.modelName()).isEqualTo("diabetes");
    assertThat(blue.modelVersion()).isEqualTo(v.version());
    assertThat(blue.requestedModel()).isEqualTo("diabetes@staging");
    assertThat(blue.instanceCount()).isEqualTo(2);
    assertThat(blue.dataCollection().samplePercent()).isEqualTo(10);
    assertThat(store.endpoints().getDeployment("diabetes-prod", "blue")).contains(blue);
    assertThat(store.endpoints().getDeployment("diabetes-prod", "green")).isEmpty();
    assertThat(store.registry().listModelVersionUsages("diabetes", v.version()))
        .containsExactly("endpoint:diabetes-prod/deployment:blue");
    fails(ErrorCode.INVALID_STATE, () -> store.registry().deleteModelVersion("diabetes", v.version()),
        "endpoint:diabetes-prod/deployment:blue");

    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v)),
        "already has a deployment 'blue'");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.endpoints().createDeployment(deployment("nowhere", "blue", v)),
        "endpoint 'nowhere' not found");
    Deployment missingVersion = new Deployment("diabetes-prod", "green", "diabetes", 42, "diabetes:42", 1, null, 0, 0);
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.endpoints().createDeployment(missingVersion), "diabetes:42 not found");
    assertThat(store.endpoints().listDeployments("diabetes-prod")).extracting(Deployment::name).containsExactly("blue");

    store.endpoints().deleteDeployment("diabetes-prod", "blue");
    assertThat(store.registry().listModelVersionUsages("diabetes", v.version())).isEmpty();
    store.registry().deleteModelVersion("diabetes", v.version());
    assertThat(store.registry().getModelVersion("diabetes", v.version())).isEmpty();
  }

  @Test
  default void trafficRulesAreCheckedAgainstTheDeploymentsAndARefusedChangeLeavesNoTrace() {
    MetadataStore store = currentStore();
    ModelVersion v = modelVersion(store);
    store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));
    store.endpoints().createDeployment(deployment("diabetes-prod", "green", v));
    Endpoint before = store.endpoints().getEndpoint("diabetes-prod").orElseThrow();

    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> store.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(split("blue", 90, "purple", 10), Map.of())),
        "no deployment 'purple'", "blue, green");
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> store.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(split("blue", 90, "green", 20), Map.of())),
        "adds up to 110%");
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> store.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(split("blue", 100), split("blue", 20))),
        "'blue' has live traffic");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.endpoints().updateEndpoint("nowhere", e -> e), "'nowhere' not found");
    assertThat(store.endpoints().getEndpoint("diabetes-prod")).contains(before);

    Endpoint split = store.endpoints().updateEndpoint("diabetes-prod",
        e -> e.withTraffic(split("blue", 100, "green", 0), split("green", 20)));
    assertThat(split.traffic()).containsExactlyEntriesOf(split("blue", 100, "green", 0));
    assertThat(split.mirrorTraffic()).containsExactlyEntriesOf(split("green", 20));
    assertThat(split.createdAt()).isEqualTo(before.createdAt());
  }

  @Test
  default void everyChangeToAnEndpointOrItsDeploymentsIncrementsTheGenerationButLoggingDoesNot() {
    MetadataStore store = currentStore();
    ModelVersion v = modelVersion(store);
    long g = store.endpoints().createEndpoint(newEndpoint("diabetes-prod")).generation();
    store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));
    assertThat(store.endpoints().getEndpoint("diabetes-prod").orElseThrow().generation()).isEqualTo(g + 1);

    Endpoint routed = store.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(split("blue", 100), Map.of()));
    assertThat(routed.generation()).isEqualTo(g + 2);
    Endpoint rotated = store.endpoints().updateEndpoint("diabetes-prod", e -> e.withKeys(e.keys().regenerate(KeyType.SECONDARY)));
    assertThat(rotated.generation()).isEqualTo(g + 3);
    assertThat(rotated.keys().secondary()).isNotEqualTo(routed.keys().secondary());
    assertThat(rotated.keys().primary()).isEqualTo(routed.keys().primary());

    Deployment changed = store.endpoints().updateDeployment("diabetes-prod", "blue",
        d -> new Deployment(d.endpointName(), d.name(), "other-model", 99, "other", 3, DataCollection.ALL,
            d.createdAt(), d.updatedAt()));
    assertThat(changed.instanceCount()).isEqualTo(3);
    assertThat(changed.dataCollection()).isEqualTo(DataCollection.ALL);
    assertThat(changed.modelName()).as("the model is fixed at creation").isEqualTo("diabetes");
    assertThat(changed.modelVersion()).isEqualTo(v.version());
    assertThat(store.endpoints().getEndpoint("diabetes-prod").orElseThrow().generation()).isEqualTo(g + 4);

    store.endpoints().appendDeploymentEvent("diabetes-prod", "blue", "host-1", "model loaded");
    assertThat(store.endpoints().getEndpoint("diabetes-prod").orElseThrow().generation()).isEqualTo(g + 4);

    store.endpoints().createDeployment(deployment("diabetes-prod", "green", v));
    store.endpoints().deleteDeployment("diabetes-prod", "green");
    Endpoint after = store.endpoints().getEndpoint("diabetes-prod").orElseThrow();
    assertThat(after.generation()).isEqualTo(g + 6);
    assertThat(after.updatedAt()).isGreaterThanOrEqualTo(routed.updatedAt());
  }

  @Test
  default void aDeploymentWithLiveOrMirrorTrafficCannotBeDeleted() {
    MetadataStore store = currentStore();
    ModelVersion v = modelVersion(store);
    store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));
    store.endpoints().createDeployment(deployment("diabetes-prod", "green", v));
    store.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(split("blue", 100, "green", 0), split("green", 10)));

    fails(ErrorCode.INVALID_STATE, () -> store.endpoints().deleteDeployment("diabetes-prod", "blue"),
        "'blue'", "100% of the live traffic", "move its traffic");
    fails(ErrorCode.INVALID_STATE, () -> store.endpoints().deleteDeployment("diabetes-prod", "green"),
        "'green'", "10% mirror traffic", "move its traffic");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.endpoints().deleteDeployment("diabetes-prod", "purple"),
        "no deployment 'purple'");

    store.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(e.traffic(), Map.of()));
    store.endpoints().deleteDeployment("diabetes-prod", "green");
    Endpoint after = store.endpoints().getEndpoint("diabetes-prod").orElseThrow();
    assertThat(after.traffic()).as("its 0% entry goes too").containsExactlyEntriesOf(split("blue", 100));
    assertThat(store.endpoints().listDeployments("diabetes-prod")).extracting(Deployment::name).containsExactly("blue");
    assertThat(store.registry().listModelVersionUsages("diabetes", v.version()))
        .containsExactly("endpoint:diabetes-prod/deployment:blue");
  }

  @Test
  default void logsAreTailedOldestFirstAfterAnId() {
    MetadataStore store = currentStore();
    ModelVersion v = modelVersion(store);
    store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));
    store.endpoints().createDeployment(deployment("diabetes-prod", "green", v));
    List<DeploymentEvent> written = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      written.add(store.endpoints().appendDeploymentEvent("diabetes-prod", "blue", "host-" + (i % 2), "line " + i));
      store.endpoints().appendDeploymentEvent("diabetes-prod", "green", "host-0", "green line " + i);
    }

    assertThat(store.endpoints().listDeploymentEvents("diabetes-prod", "blue", 0, 100)).isEqualTo(written);
    assertThat(store.endpoints().listDeploymentEvents("diabetes-prod", "blue", 0, 3)).extracting(DeploymentEvent::message)
        .containsExactly("line 3", "line 4", "line 5");
    assertThat(store.endpoints().listDeploymentEvents("diabetes-prod", "blue", written.get(3).id(), 3))
        .extracting(DeploymentEvent::message).containsExactly("line 5");
    assertThat(store.endpoints().listDeploymentEvents("diabetes-prod", "blue", written.get(4).id(), 3)).isEmpty();
    DeploymentEvent first = written.get(0);
    assertThat(first.host()).isEqualTo("host-1");
    assertThat(first.endpointName()).isEqualTo("diabetes-prod");
    assertThat(first.deploymentName()).isEqualTo("blue");
    assertThat(first.time()).isPositive();
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.endpoints().appendDeploymentEvent("diabetes-prod", "purple", "h", "x"),
        "no deployment 'purple'");

    store.endpoints().deleteDeployment("diabetes-prod", "green");
    assertThat(store.endpoints().listDeploymentEvents("diabetes-prod", "green", 0, 100)).isEmpty();
    assertThat(store.endpoints().listDeploymentEvents("diabetes-prod", "blue", 0, 100)).hasSize(5);
  }

  @Test
  default void deletingAnEndpointRemovesItsDeploymentsUsagesAndLogs() {
    MetadataStore store = currentStore();
    ModelVersion v = modelVersion(store);
    store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    store.endpoints().createEndpoint(newEndpoint("diabetes-staging"));
    store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));
    store.endpoints().createDeployment(deployment("diabetes-staging", "blue", v));
    store.endpoints().updateEndpoint("diabetes-prod", e -> e.withTraffic(split("blue", 100), Map.of()));
    store.endpoints().appendDeploymentEvent("diabetes-prod", "blue", "h", "model loaded");

    store.endpoints().deleteEndpoint("diabetes-prod");
    assertThat(store.endpoints().getEndpoint("diabetes-prod")).isEmpty();
    assertThat(store.endpoints().listDeployments("diabetes-prod")).isEmpty();
    assertThat(store.registry().listModelVersionUsages("diabetes", v.version()))
        .containsExactly("endpoint:diabetes-staging/deployment:blue");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.endpoints().deleteEndpoint("diabetes-prod"), "not found");

    store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));
    assertThat(store.endpoints().listDeploymentEvents("diabetes-prod", "blue", 0, 100)).as("old logs are gone").isEmpty();
  }

  @Test
  default void concurrentUpdatesFromTwoProcessesLoseNoChange() throws Exception {
    MetadataStore store = currentStore();
    ModelVersion v = modelVersion(store);
    store.endpoints().createEndpoint(newEndpoint("diabetes-prod"));
    store.endpoints().createDeployment(deployment("diabetes-prod", "blue", v));
    store.endpoints().createDeployment(deployment("diabetes-prod", "green", v));
    Endpoint start = store.endpoints().updateEndpoint("diabetes-prod",
        e -> e.withDescription("").withTraffic(split("blue", 100, "green", 0), Map.of()));
    int clients = 10;
    try (MetadataStore second = anotherStoreOnTheSameDatabase()) {
      List<MetadataStore> stores = List.of(store, second);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          MetadataStore s = stores.get(i % 2);
          String mark = "[" + i + "]";
          boolean regenerate = i % 2 == 0;
          futures.add(pool.submit(() -> {
            go.await();
            // Each change keeps what it read and adds its mark: a lost update loses a mark.
            return s.endpoints().updateEndpoint("diabetes-prod", e -> {
              Endpoint marked = e.withDescription(e.description() + mark);
              return regenerate ? marked.withKeys(e.keys().regenerate(KeyType.PRIMARY))
                  : marked.withTraffic(e.trafficOf("blue") == 100 ? split("blue", 0, "green", 100)
                      : split("blue", 100, "green", 0), Map.of());
            });
          }));
        }
        go.countDown();
        for (Future<?> f : futures) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    Endpoint end = store.endpoints().getEndpoint("diabetes-prod").orElseThrow();
    assertThat(end.generation()).isEqualTo(start.generation() + clients);
    for (int i = 0; i < clients; i++) {
      assertThat(end.description()).contains("[" + i + "]");
    }
    assertThat(end.description()).hasSize(3 * clients);
    assertThat(end.keys().primary()).isNotEqualTo(start.keys().primary());
    assertThat(end.keys().secondary()).isEqualTo(start.keys().secondary());
    assertThat(end.traffic()).as("five flips from blue").containsExactlyEntriesOf(split("blue", 0, "green", 100));
  }
}
