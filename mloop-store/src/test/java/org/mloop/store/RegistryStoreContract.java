package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.store.MetadataStoreContract.fails;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.Lineage;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.ModelVersionStatus;
import org.mloop.core.registry.RegisteredModel;
import org.mloop.core.store.MetadataStore;

/**
 * The model registry part of the metadata store contract, run on SQLite and PostgreSQL by
 * {@link MetadataStoreContract}'s subclasses.
 */
interface RegistryStoreContract {

  MetadataStore currentStore();

  MetadataStore anotherStoreOnTheSameDatabase() throws Exception;

  static Lineage lineage(String job) {
    return new Lineage(job, "a".repeat(32), "1", "diabetes-training",
        List.of(new Lineage.DataInput("training_data", "diabetes-prod-folder", 2, "b".repeat(64), "data/x/bbb")),
        "c".repeat(64), "code/ccc", "d".repeat(40), "main", true, Map.of("reg_rate", "0.01"),
        Map.of("AUC", 0.85, "Accuracy", 0.77));
  }

  private ModelVersion register(MetadataStore s, String name) {
    return s.registry().createModelVersion(name, "models/" + name + "/" + "e".repeat(64), "e".repeat(64), "a version",
        Map.of("stage", "ci"), lineage("job-" + name));
  }

  @Test
  default void versionsAreNumberedFromOnePerModelAndKeepTheirLineage() {
    MetadataStore store = currentStore();
    ModelVersion first = register(store, "diabetes");
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.status()).isEqualTo(ModelVersionStatus.READY);
    assertThat(first.ref()).isEqualTo("diabetes:1");
    assertThat(register(store, "diabetes").version()).isEqualTo(2);
    assertThat(register(store, "other").version()).isEqualTo(1);

    ModelVersion read = store.registry().getModelVersion("diabetes", 1).orElseThrow();
    assertThat(read).isEqualTo(first);
    assertThat(read.lineage()).isEqualTo(lineage("job-diabetes"));
    assertThat(read.lineage().dataInputs().get(0).ref()).isEqualTo("mloop:diabetes-prod-folder:2");
    assertThat(read.runId()).isEqualTo("a".repeat(32));
    assertThat(read.jobName()).isEqualTo("job-diabetes");
    assertThat(read.tags()).containsExactlyEntriesOf(Map.of("stage", "ci"));

    RegisteredModel model = store.registry().getRegisteredModel("diabetes").orElseThrow();
    assertThat(model.latestVersion()).isEqualTo(2);
    assertThat(store.registry().listRegisteredModels(null)).extracting(RegisteredModel::name).containsExactly("diabetes", "other");
    assertThat(store.registry().listRegisteredModels("DIAB")).extracting(RegisteredModel::name).containsExactly("diabetes");
    assertThat(store.registry().listModelVersions("diabetes")).extracting(ModelVersion::version).containsExactly(2, 1);
    assertThat(store.registry().getLatestModelVersion("diabetes").orElseThrow().version()).isEqualTo(2);
    assertThat(store.registry().getModelVersion("diabetes", 9)).isEmpty();
    assertThat(store.registry().getRegisteredModel("missing")).isEmpty();
    String tooLong = "d".repeat(10_000);
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> store.registry().createRegisteredModel(tooLong, null, null),
        "model name '" + "d".repeat(61) + "...' (10000 characters) is too long (max 255 characters)");
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.registry().createRegisteredModel("diabetes", null, null),
        "'diabetes' already exists");
  }

  @Test
  default void theSourcesOfEveryVersionAndDataAssetPathsNameTheFilesInUse() {
    MetadataStore store = currentStore();
    store.registry().createModelVersion("a", "models/a/111", "111", null, Map.of(), Lineage.none());
    store.registry().createModelVersion("a", "models/a/222", "222", null, Map.of(), Lineage.none());
    store.registry().createModelVersion("b", "models/a/111", "111", null, Map.of(), Lineage.none()); // a copy of a:1
    store.registry().archiveModelVersion("a", 2);
    store.registry().createModelVersion("c", "models/c/333", "333", null, Map.of(), Lineage.none());
    store.registry().deleteModelVersion("c", 1);
    assertThat(store.registry().listModelVersionSources()).as("archived ones too, deleted ones not")
        .containsExactlyInAnyOrder("models/a/111", "models/a/222");

    store.data().createDataAssetVersion("dev", org.mloop.core.data.DataAssetType.uri_folder, null, "data/dev/444", "444", 1, 1,
        Map.of());
    store.data().createDataAssetVersion("one", org.mloop.core.data.DataAssetType.uri_file, null, "data/one/555/x.csv", "555",
        1, 1, Map.of());
    assertThat(store.data().listDataAssetArtifactPaths()).containsExactlyInAnyOrder("data/dev/444", "data/one/555/x.csv");
  }

  @Test
  default void tenConcurrentClientsGetConsecutiveVersionsWithoutGapOrDuplicate() throws Exception {
    int clients = 10;
    try (MetadataStore second = anotherStoreOnTheSameDatabase()) {
      List<MetadataStore> stores = List.of(currentStore(), second);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          MetadataStore s = stores.get(i % 2);
          futures.add(pool.submit(() -> {
            start.await();
            return register(s, "contended").version();
          }));
        }
        start.countDown();
        List<Integer> versions = new ArrayList<>();
        for (Future<Integer> f : futures) {
          versions.add(f.get(120, TimeUnit.SECONDS));
        }
        Collections.sort(versions);
        assertThat(versions).isEqualTo(IntStream.rangeClosed(1, clients).boxed().toList());
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(currentStore().registry().listModelVersions("contended")).hasSize(clients);
  }

  @Test
  default void aliasMovesAreRecordedWithFromToWhoAndReason() {
    MetadataStore store = currentStore();
    register(store, "diabetes");
    register(store, "diabetes");
    AliasMove created = store.registry().setModelAlias("diabetes", "production", 1, "alice", "first release");
    assertThat(created.fromVersion()).isNull();
    assertThat(created.toVersion()).isEqualTo(1);
    assertThat(store.registry().setModelAlias("diabetes", "production", 1, "alice", "again")).as("no move, no record").isNull();
    AliasMove promoted = store.registry().setModelAlias("diabetes", "production", 2, "ci-token", "AUC 0.97 > 0.85");
    assertThat(promoted.fromVersion()).isEqualTo(1);
    assertThat(promoted.toVersion()).isEqualTo(2);
    store.registry().setModelAlias("diabetes", "staging", 2, "bob", null);

    assertThat(store.registry().getModelVersionByAlias("diabetes", "production").orElseThrow().version()).isEqualTo(2);
    assertThat(store.registry().getModelVersion("diabetes", 2).orElseThrow().aliases()).containsExactly("production", "staging");
    assertThat(store.registry().getRegisteredModel("diabetes").orElseThrow().aliases())
        .containsExactlyInAnyOrderEntriesOf(Map.of("production", 2, "staging", 2));

    AliasMove deleted = store.registry().deleteModelAlias("diabetes", "staging", "bob", "not needed");
    assertThat(deleted.fromVersion()).isEqualTo(2);
    assertThat(deleted.toVersion()).isNull();
    assertThat(store.registry().getModelVersionByAlias("diabetes", "staging")).isEmpty();

    List<AliasMove> history = store.registry().getAliasHistory("diabetes", null);
    assertThat(history).extracting(AliasMove::alias, AliasMove::fromVersion, AliasMove::toVersion, AliasMove::who,
            AliasMove::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("production", null, 1, "alice", "first release"),
            org.assertj.core.groups.Tuple.tuple("production", 1, 2, "ci-token", "AUC 0.97 > 0.85"),
            org.assertj.core.groups.Tuple.tuple("staging", null, 2, "bob", null),
            org.assertj.core.groups.Tuple.tuple("staging", 2, null, "bob", "not needed"));
    assertThat(store.registry().getAliasHistory("diabetes", "production")).hasSize(2);

    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.registry().setModelAlias("diabetes", "production", 7, "a", null),
        "diabetes:7 not found");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.registry().deleteModelAlias("diabetes", "staging", "a", null),
        "no alias 'staging'");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> store.registry().setModelAlias("diabetes", "v3", 1, "a", null), "reserved");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.registry().getAliasHistory("nope", null), "'nope' not found");
  }

  @Test
  default void archivedVersionsAreNotLatestAndCannotBeAliased() {
    MetadataStore store = currentStore();
    register(store, "diabetes");
    register(store, "diabetes");
    store.registry().setModelAlias("diabetes", "production", 2, "alice", null);
    fails(ErrorCode.INVALID_STATE, () -> store.registry().archiveModelVersion("diabetes", 2), "[production]", "alias");

    store.registry().setModelAlias("diabetes", "production", 1, "alice", "roll back");
    assertThat(store.registry().archiveModelVersion("diabetes", 2).status()).isEqualTo(ModelVersionStatus.ARCHIVED);
    assertThat(store.registry().getLatestModelVersion("diabetes").orElseThrow().version()).isEqualTo(1);
    assertThat(store.registry().getModelVersion("diabetes", 2).orElseThrow().status()).isEqualTo(ModelVersionStatus.ARCHIVED);
    fails(ErrorCode.INVALID_STATE, () -> store.registry().setModelAlias("diabetes", "staging", 2, "a", null), "ARCHIVED");
  }

  @Test
  default void descriptionsAndTagsChangeButNotTheFilesOrLineage() {
    MetadataStore store = currentStore();
    ModelVersion v1 = register(store, "diabetes");
    assertThat(store.registry().updateRegisteredModelDescription("diabetes", "Diabetes classifier").description())
        .isEqualTo("Diabetes classifier");
    assertThat(store.registry().setRegisteredModelTag("diabetes", "team", "health").tags()).containsEntry("team", "health");
    assertThat(store.registry().deleteRegisteredModelTag("diabetes", "team").tags()).doesNotContainKey("team");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.registry().deleteRegisteredModelTag("diabetes", "team"), "no tag 'team'");

    ModelVersion changed = store.registry().updateModelVersionDescription("diabetes", 1, "reviewed");
    changed = store.registry().setModelVersionTag("diabetes", 1, "validated", "yes");
    assertThat(changed.description()).isEqualTo("reviewed");
    assertThat(changed.tags()).containsEntry("validated", "yes").containsEntry("stage", "ci");
    assertThat(store.registry().deleteModelVersionTag("diabetes", 1, "stage").tags()).doesNotContainKey("stage");
    assertThat(changed.source()).isEqualTo(v1.source());
    assertThat(changed.sha256()).isEqualTo(v1.sha256());
    assertThat(changed.lineage()).isEqualTo(v1.lineage());
  }

  @Test
  default void aVersionInUseCannotBeDeletedAndNumbersAreNeverReused() {
    MetadataStore store = currentStore();
    register(store, "diabetes");
    register(store, "diabetes");
    store.registry().addModelVersionUsage("diabetes", 2, "endpoint diabetes-online/blue");
    store.registry().addModelVersionUsage("diabetes", 2, "endpoint diabetes-online/blue");
    assertThat(store.registry().listModelVersionUsages("diabetes", 2)).containsExactly("endpoint diabetes-online/blue");
    fails(ErrorCode.INVALID_STATE, () -> store.registry().deleteModelVersion("diabetes", 2), "in use by endpoint diabetes-online/blue");
    assertThat(store.registry().getModelVersion("diabetes", 2)).isPresent();

    store.registry().setModelAlias("diabetes", "production", 1, "alice", null);
    fails(ErrorCode.INVALID_STATE, () -> store.registry().deleteModelVersion("diabetes", 1), "[production]");

    store.registry().removeModelVersionUsage("diabetes", 2, "endpoint diabetes-online/blue");
    store.registry().deleteModelVersion("diabetes", 2);
    assertThat(store.registry().getModelVersion("diabetes", 2)).isEmpty();
    assertThat(register(store, "diabetes").version()).as("numbers are not reused").isEqualTo(3);
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.registry().deleteModelVersion("diabetes", 2), "diabetes:2 not found");
  }
}
