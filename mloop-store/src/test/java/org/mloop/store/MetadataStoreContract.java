package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.DataAssetType;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.Executor;
import org.mloop.core.jobs.GitState;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobEnvironment;
import org.mloop.core.jobs.JobInput;
import org.mloop.core.jobs.JobOutput;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.store.TokenSpec;
import org.mloop.core.store.Token;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.ExperimentSearch;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunInfo;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.tracking.ViewType;
import org.mloop.core.tracking.LocalTrackingService;
import org.mloop.core.tracking.TrackingService;

/**
 * The behaviour every MetadataStore backend must have; run against SQLite and PostgreSQL by the
 * subclasses, each test on a fresh, empty database.
 */
abstract class MetadataStoreContract implements RegistryStoreContract, EndpointStoreContract,
    MonitorStoreContract {

  protected MetadataStore store;
  /** Tracking as a workspace runs it: the store behind the service that checks every write (TrackingRules). */
  protected TrackingService tracking;
  @TempDir Path artifactsDir;

  /** A new store on an empty database. */
  protected abstract MetadataStore openFreshStore() throws Exception;

  /** A second store on the same database as {@link #store}, as another process would open it. */
  protected abstract MetadataStore openSecondStore() throws Exception;

  @Override
  public MetadataStore currentStore() {
    return store;
  }

  @Override
  public MetadataStore anotherStoreOnTheSameDatabase() throws Exception {
    return openSecondStore();
  }

  @BeforeEach
  void open() throws Exception {
    store = openFreshStore();
    tracking = new LocalTrackingService(store.tracking(), new FileArtifactStore(artifactsDir));
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static void fails(ErrorCode code, ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).as(e.getMessage()).isEqualTo(code))
        .hasMessageContainingAll(fragments);
  }

  private String newExperiment(String name) {
    return tracking.createExperiment(name, null, Map.of());
  }

  private Run newRun(String experimentId, String name) {
    return tracking.createRun(experimentId, "alice", System.currentTimeMillis(), name, List.of());
  }

  // ================================================================ experiments

  @Test
  void defaultExperimentExists() {
    Experiment byId = tracking.getExperiment("0").orElseThrow();
    assertThat(byId.name()).isEqualTo("Default");
    assertThat(byId.lifecycleStage()).isEqualTo("active");
    assertThat(byId.artifactLocation()).isEqualTo("mlflow-artifacts:/0");
    assertThat(byId.creationTime()).isPositive();
    assertThat(tracking.getExperimentByName("Default")).contains(byId);
  }

  @Test
  void createdExperimentGetsNextIdDefaultLocationAndTags() {
    String id = tracking.createExperiment("diabetes-training", null, Map.of("team", "data"));
    assertThat(id).isEqualTo("1");
    Experiment e = tracking.getExperiment(id).orElseThrow();
    assertThat(e.name()).isEqualTo("diabetes-training");
    assertThat(e.artifactLocation()).isEqualTo("mlflow-artifacts:/1");
    assertThat(e.tags()).containsExactlyEntriesOf(Map.of("team", "data"));
    String custom = tracking.createExperiment("custom", "file:///tmp/x", null);
    assertThat(tracking.getExperiment(custom).orElseThrow().artifactLocation()).isEqualTo("file:///tmp/x");
  }

  @Test
  void unknownExperimentsAreEmpty() {
    assertThat(tracking.getExperiment("999")).isEmpty();
    assertThat(tracking.getExperiment("not-a-number")).isEmpty();
    assertThat(tracking.getExperimentByName("nope")).isEmpty();
  }

  @Test
  void experimentNamesAreUniqueIncludingDeletedOnes() {
    String id = newExperiment("unique");
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> newExperiment("unique"), "'unique' already exists");
    tracking.deleteExperiment(id);
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> newExperiment("unique"), "already exists");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> newExperiment(" "), "experiment name");
  }

  @Test
  void renameExperiment() {
    String id = newExperiment("old");
    newExperiment("taken");
    tracking.renameExperiment(id, "new");
    assertThat(tracking.getExperiment(id).orElseThrow().name()).isEqualTo("new");
    assertThat(tracking.getExperimentByName("old")).isEmpty();
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> tracking.renameExperiment(id, "taken"), "'taken'");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> tracking.renameExperiment("77", "x"), "77");
  }

  @Test
  void deleteAndRestoreExperimentCarriesItsRuns() {
    String id = newExperiment("to-delete");
    Run run = newRun(id, "r");
    tracking.deleteExperiment(id);
    assertThat(tracking.getExperiment(id).orElseThrow().lifecycleStage()).isEqualTo("deleted");
    assertThat(tracking.getRun(run.info().runId()).orElseThrow().info().lifecycleStage()).isEqualTo("deleted");
    fails(ErrorCode.INVALID_STATE, () -> tracking.createRun(id, "u", 1, null, List.of()), "deleted");
    fails(ErrorCode.INVALID_STATE, () -> tracking.deleteExperiment(id), "already deleted");
    tracking.restoreExperiment(id);
    assertThat(tracking.getExperiment(id).orElseThrow().lifecycleStage()).isEqualTo("active");
    assertThat(tracking.getRun(run.info().runId()).orElseThrow().info().lifecycleStage()).isEqualTo("active");
    fails(ErrorCode.INVALID_STATE, () -> tracking.deleteExperiment("0"), "default experiment");
  }

  @Test
  void experimentTagsAreUpserted() {
    String id = newExperiment("tagged");
    tracking.setExperimentTag(id, "stage", "dev");
    tracking.setExperimentTag(id, "stage", "prod");
    assertThat(tracking.getExperiment(id).orElseThrow().tags()).containsExactlyEntriesOf(Map.of("stage", "prod"));
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> tracking.setExperimentTag(id, "../x", "v"), "resolve");
  }

  @Test
  void searchExperimentsFiltersOrdersAndPages() {
    newExperiment("alpha");
    String beta = tracking.createExperiment("beta", null, Map.of("team", "ml"));
    String gamma = newExperiment("gamma");
    tracking.deleteExperiment(gamma);

    List<String> active = names(tracking.searchExperiments(new ExperimentSearch(null, ViewType.ACTIVE_ONLY, 0,
        List.of("name ASC"), null)));
    assertThat(active).containsExactly("Default", "alpha", "beta");
    assertThat(names(tracking.searchExperiments(new ExperimentSearch("name LIKE '%a'", ViewType.ALL, 0,
        List.of("name DESC"), null)))).containsExactly("gamma", "beta", "alpha");
    assertThat(names(tracking.searchExperiments(new ExperimentSearch("tags.team = 'ml'", null, 0, null, null))))
        .containsExactly("beta");
    assertThat(names(tracking.searchExperiments(new ExperimentSearch(null, ViewType.DELETED_ONLY, 0, null, null))))
        .containsExactly("gamma");

    Page<Experiment> first = tracking.searchExperiments(new ExperimentSearch(null, ViewType.ALL, 2, List.of("name"), null));
    assertThat(names(first)).containsExactly("Default", "alpha");
    Page<Experiment> second = tracking.searchExperiments(
        new ExperimentSearch(null, ViewType.ALL, 2, List.of("name"), first.nextPageToken()));
    assertThat(names(second)).containsExactly("beta", "gamma");
    assertThat(second.nextPageToken()).isNull();
    assertThat(beta).isNotNull();
  }

  private static List<String> names(Page<Experiment> page) {
    return page.items().stream().map(Experiment::name).toList();
  }

  // ================================================================ runs

  @Test
  void createRunStartsRunningWithNameTagAndArtifactUri() {
    String exp = newExperiment("runs");
    Run run = tracking.createRun(exp, "alice", 1_700_000_000_000L, "first",
        List.of(new RunTag("mlflow.source.git.commit", "abc123")));
    RunInfo info = run.info();
    assertThat(info.runId()).matches("[0-9a-f]{32}");
    assertThat(info.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(info.runName()).isEqualTo("first");
    assertThat(info.userId()).isEqualTo("alice");
    assertThat(info.startTime()).isEqualTo(1_700_000_000_000L);
    assertThat(info.endTime()).isNull();
    assertThat(info.artifactUri()).isEqualTo("mlflow-artifacts:/" + exp + "/" + info.runId() + "/artifacts");
    assertThat(info.lifecycleStage()).isEqualTo("active");
    assertThat(run.data().tag("mlflow.runName")).isEqualTo("first");

    Run stored = tracking.getRun(info.runId()).orElseThrow();
    assertThat(stored.info()).isEqualTo(info);
    assertThat(stored.data().tag("mlflow.source.git.commit")).isEqualTo("abc123");
    assertThat(stored.data().tag("mlflow.runName")).isEqualTo("first");
  }

  @Test
  void runNameComesFromTheTagOrIsGenerated() {
    Run fromTag = tracking.createRun("0", null, 1, null, List.of(new RunTag("mlflow.runName", "tagged")));
    assertThat(fromTag.info().runName()).isEqualTo("tagged");
    Run generated = tracking.createRun("0", null, 1, null, List.of());
    assertThat(generated.info().runName()).matches("[a-z]+-[a-z]+-\\d{3}");
    assertThat(tracking.getRun(generated.info().runId()).orElseThrow().data().tag("mlflow.runName"))
        .isEqualTo(generated.info().runName());
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> tracking.createRun("0", null, 1, "a", List.of(new RunTag("mlflow.runName", "b"))), "different values");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> tracking.createRun("42", null, 1, null, List.of()), "42");
  }

  @Test
  void updateRunChangesStatusEndTimeAndName() {
    Run run = newRun("0", "before");
    String id = run.info().runId();
    RunInfo finished = tracking.updateRun(id, RunStatus.FINISHED, 123L, null);
    assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(finished.endTime()).isEqualTo(123L);
    assertThat(finished.runName()).isEqualTo("before");
    RunInfo renamed = tracking.updateRun(id, null, null, "after");
    assertThat(renamed.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(renamed.runName()).isEqualTo("after");
    assertThat(tracking.getRun(id).orElseThrow().data().tag("mlflow.runName")).isEqualTo("after");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> tracking.updateRun("f".repeat(32), RunStatus.FAILED, null, null),
        "not found");
  }

  @Test
  void deletedRunsStayReadableButRefuseWrites() {
    String id = newRun("0", "r").info().runId();
    tracking.deleteRun(id);
    assertThat(tracking.getRun(id).orElseThrow().info().lifecycleStage()).isEqualTo("deleted");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> tracking.logBatch(id, List.of(new Metric("m", 1, 1, 0)), null, null),
        "'active' state");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> tracking.updateRun(id, RunStatus.FINISHED, 1L, null), "'active'");
    tracking.restoreRun(id);
    tracking.logBatch(id, List.of(new Metric("m", 1, 1, 0)), null, null);
    assertThat(tracking.getRun(id).orElseThrow().data().metric("m")).isEqualTo(1.0);
  }

  @Test
  void logBatchStoresMetricsParamsAndTags() {
    String id = newRun("0", "r").info().runId();
    tracking.logBatch(id,
        List.of(new Metric("AUC", 0.81, 10, 0), new Metric("Accuracy", 0.77, 10, 0)),
        List.of(new Param("reg_rate", "0.01"), new Param("solver", "liblinear")),
        List.of(new RunTag("team", "data")));
    Run run = tracking.getRun(id).orElseThrow();
    assertThat(run.data().metrics()).extracting(Metric::key).containsExactly("AUC", "Accuracy");
    assertThat(run.data().metric("AUC")).isEqualTo(0.81);
    assertThat(run.data().params()).containsExactly(new Param("reg_rate", "0.01"), new Param("solver", "liblinear"));
    assertThat(run.data().tag("team")).isEqualTo("data");
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> tracking.logBatch("0".repeat(32), List.of(), List.of(), List.of()),
        "not found");
  }

  @Test
  void paramsAreImmutable() {
    String id = newRun("0", "r").info().runId();
    tracking.logBatch(id, null, List.of(new Param("reg_rate", "0.01")), null);
    tracking.logBatch(id, null, List.of(new Param("reg_rate", "0.01")), null); // same value: fine
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> tracking.logBatch(id, List.of(new Metric("lost", 1, 1, 0)), List.of(new Param("reg_rate", "0.1")),
            List.of(new RunTag("lost", "x"))),
        "Changing param values is not allowed", "'reg_rate'", "'0.01'", "'0.1'");
    Run run = tracking.getRun(id).orElseThrow();
    assertThat(run.data().param("reg_rate")).isEqualTo("0.01");
    assertThat(run.data().metric("lost")).as("the failed batch is rolled back as a whole").isNull();
    assertThat(run.data().tag("lost")).isNull();
  }

  @Test
  void logBatchEnforcesMlflowLimits() {
    String id = newRun("0", "r").info().runId();
    List<Metric> tooMany = IntStream.range(0, 1001).mapToObj(i -> new Metric("m", i, 1, i)).toList();
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> tracking.logBatch(id, tooMany, null, null), "at most 1000 metrics");
    List<Param> params = IntStream.range(0, 101).mapToObj(i -> new Param("p" + i, "v")).toList();
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> tracking.logBatch(id, null, params, null), "at most 100 params");
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> tracking.logBatch(id, null, List.of(new Param("p", "x".repeat(6001))), null), "'p'", "6000");
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> tracking.logBatch(id, null, null, List.of(new RunTag("t", "x".repeat(8001)))), "'t'", "8000");
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> tracking.logBatch(id, List.of(new Metric("bad=key", 1, 1, 0)), null, null), "bad=key");
    List<Metric> exactly1000 = IntStream.range(0, 1000).mapToObj(i -> new Metric("m", i, 1, i)).toList();
    tracking.logBatch(id, exactly1000, null, null);
    assertThat(tracking.getMetricHistory(id, "m")).hasSize(1000);
  }

  @Test
  void metricHistoryKeepsEveryPointAndLatestIsByStepThenTimestamp() {
    String id = newRun("0", "r").info().runId();
    tracking.logBatch(id, List.of(
        new Metric("loss", 0.9, 100, 0),
        new Metric("loss", 0.5, 200, 5),
        new Metric("loss", 0.5, 200, 5), // exact repeat: ignored
        new Metric("loss", 0.6, 300, 5)), null, null);
    // A later timestamp at an earlier step does not become the latest value.
    tracking.logBatch(id, List.of(new Metric("loss", 0.1, 999, 3)), null, null);
    assertThat(tracking.getMetricHistory(id, "loss")).containsExactly(
        new Metric("loss", 0.9, 100, 0),
        new Metric("loss", 0.1, 999, 3),
        new Metric("loss", 0.5, 200, 5),
        new Metric("loss", 0.6, 300, 5));
    assertThat(tracking.getRun(id).orElseThrow().data().metrics()).containsExactly(new Metric("loss", 0.6, 300, 5));
    tracking.logBatch(id, List.of(new Metric("loss", 0.2, 50, 6)), null, null);
    assertThat(tracking.getRun(id).orElseThrow().data().metric("loss")).isEqualTo(0.2);
    assertThat(tracking.getMetricHistory(id, "other")).isEmpty();
  }

  @Test
  void specialMetricValuesRoundTrip() {
    String id = newRun("0", "r").info().runId();
    tracking.logBatch(id, List.of(
        new Metric("nan", Double.NaN, 1, 0),
        new Metric("inf", Double.POSITIVE_INFINITY, 1, 0),
        new Metric("ninf", Double.NEGATIVE_INFINITY, 1, 0),
        new Metric("neg", -1.5e-300, 1, -7)), null, null);
    Run run = tracking.getRun(id).orElseThrow();
    assertThat(run.data().metric("nan")).isNaN();
    assertThat(run.data().metric("inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(run.data().metric("ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(tracking.getMetricHistory(id, "neg")).containsExactly(new Metric("neg", -1.5e-300, 1, -7));
  }

  @Test
  void tagsAreUpsertedAndDeletable() {
    String id = newRun("0", "r").info().runId();
    tracking.logBatch(id, null, null, List.of(new RunTag("k", "1")));
    tracking.logBatch(id, null, null, List.of(new RunTag("k", "2"), new RunTag("mlflow.runName", "renamed")));
    Run run = tracking.getRun(id).orElseThrow();
    assertThat(run.data().tag("k")).isEqualTo("2");
    assertThat(run.info().runName()).isEqualTo("renamed");
    tracking.deleteTag(id, "k");
    assertThat(tracking.getRun(id).orElseThrow().data().tag("k")).isNull();
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> tracking.deleteTag(id, "k"), "'k'");
  }

  // ================================================================ search

  /** Five runs in a fresh experiment: AUC 0.5..0.9, reg_rate, solver and team, started 1000..5000. */
  private List<String> searchFixture(String experimentId) {
    List<String> ids = new ArrayList<>();
    String[] rates = {"0.01", "0.1", "0.01", "1", "0.01"};
    String[] solvers = {"liblinear", "LBFGS", "lbfgs", "saga", "liblinear"};
    for (int i = 0; i < 5; i++) {
      Run run = tracking.createRun(experimentId, i % 2 == 0 ? "alice" : "bob", 1000L * (i + 1), "run-" + i, List.of());
      String id = run.info().runId();
      List<RunTag> tags = i == 4 ? List.of() : List.of(new RunTag("team", i < 2 ? "data" : "ml"));
      tracking.logBatch(id, List.of(new Metric("AUC", 0.5 + 0.1 * i, 1, 0), new Metric("Accuracy", 0.7, 1, 0)),
          List.of(new Param("reg_rate", rates[i]), new Param("solver", solvers[i])), tags);
      if (i < 3) {
        tracking.updateRun(id, RunStatus.FINISHED, 10_000L + i, null);
      }
      ids.add(id);
    }
    return ids;
  }

  private List<String> search(String experimentId, String filter, String... orderBy) {
    return tracking.searchRuns(new RunSearch(List.of(experimentId), filter, ViewType.ACTIVE_ONLY, 0,
        List.of(orderBy), null)).items().stream().map(r -> r.info().runName()).toList();
  }

  @Test
  void searchByMetricWithEveryComparator() {
    String exp = newExperiment("search-metrics");
    searchFixture(exp);
    assertThat(search(exp, "metrics.AUC > 0.7")).containsExactly("run-4", "run-3");
    assertThat(search(exp, "metrics.AUC >= 0.7")).containsExactly("run-4", "run-3", "run-2");
    assertThat(search(exp, "metrics.AUC < 0.6")).containsExactly("run-0");
    assertThat(search(exp, "metrics.AUC <= 0.6")).containsExactly("run-1", "run-0");
    assertThat(search(exp, "metrics.Accuracy = 0.7")).hasSize(5);
    assertThat(search(exp, "metrics.AUC != 0.5")).hasSize(4);
    assertThat(search(exp, "metrics.missing > 0")).isEmpty();
  }

  @Test
  void searchByParamWithStringComparators() {
    String exp = newExperiment("search-params");
    searchFixture(exp);
    assertThat(search(exp, "params.reg_rate = '0.01'")).containsExactly("run-4", "run-2", "run-0");
    assertThat(search(exp, "params.reg_rate != '0.01'")).containsExactly("run-3", "run-1");
    assertThat(search(exp, "params.solver LIKE 'lib%'")).containsExactly("run-4", "run-0");
    assertThat(search(exp, "params.solver LIKE 'lbfgs'")).as("LIKE is case-sensitive").containsExactly("run-2");
    assertThat(search(exp, "params.solver ILIKE 'lbfgs'")).containsExactly("run-2", "run-1");
    assertThat(search(exp, "params.solver LIKE 's_g_'")).containsExactly("run-3");
    assertThat(search(exp, "params.solver IN ('saga', 'LBFGS')")).containsExactly("run-3", "run-1");
    assertThat(search(exp, "params.solver NOT IN ('liblinear')")).containsExactly("run-3", "run-2", "run-1");
  }

  @Test
  void searchByTagRequiresTheTag() {
    String exp = newExperiment("search-tags");
    searchFixture(exp);
    assertThat(search(exp, "tags.team = 'data'")).containsExactly("run-1", "run-0");
    assertThat(search(exp, "tags.team != 'data'")).as("run-4 has no team tag").containsExactly("run-3", "run-2");
    assertThat(search(exp, "tags.\"mlflow.runName\" LIKE 'run-%'")).hasSize(5);
    assertThat(search(exp, "tags.`mlflow.runName` = 'run-3'")).containsExactly("run-3");
    assertThat(search(exp, "tag.team ILIKE 'ML'")).containsExactly("run-3", "run-2");
  }

  @Test
  void searchByAttributes() {
    String exp = newExperiment("search-attributes");
    List<String> ids = searchFixture(exp);
    assertThat(search(exp, "attributes.status = 'FINISHED'")).containsExactly("run-2", "run-1", "run-0");
    assertThat(search(exp, "status != 'FINISHED'")).containsExactly("run-4", "run-3");
    assertThat(search(exp, "attributes.start_time > 3000")).containsExactly("run-4", "run-3");
    assertThat(search(exp, "attributes.end_time <= 10001")).containsExactly("run-1", "run-0");
    assertThat(search(exp, "run_name LIKE '%-1'")).containsExactly("run-1");
    assertThat(search(exp, "attr.user_id = 'bob'")).containsExactly("run-3", "run-1");
    assertThat(search(exp, "run.run_id IN ('" + ids.get(0) + "', '" + ids.get(4) + "')"))
        .containsExactly("run-4", "run-0");
    assertThat(search(exp, "attributes.artifact_uri LIKE 'mlflow-artifacts:/" + exp + "/%'")).hasSize(5);
  }

  @Test
  void clausesCombineWithAnd() {
    String exp = newExperiment("search-and");
    searchFixture(exp);
    assertThat(search(exp, "metrics.AUC > 0.55 AND params.reg_rate = '0.01'")).containsExactly("run-4", "run-2");
    assertThat(search(exp, "metrics.AUC > 0.55 AND params.reg_rate = '0.01' AND tags.team = 'ml'"))
        .containsExactly("run-2");
  }

  @Test
  void searchOrdersByMetricParamAndAttribute() {
    String exp = newExperiment("search-order");
    List<String> ids = searchFixture(exp);
    tracking.logBatch(ids.get(1), List.of(new Metric("AUC", Double.NaN, 2, 1)), null, null);
    assertThat(search(exp, null)).as("default: newest first").containsExactly("run-4", "run-3", "run-2", "run-1", "run-0");
    assertThat(search(exp, null, "metrics.AUC DESC")).as("NaN sorts after numbers")
        .containsExactly("run-4", "run-3", "run-2", "run-0", "run-1");
    assertThat(search(exp, null, "metrics.AUC ASC")).containsExactly("run-0", "run-2", "run-3", "run-4", "run-1");
    assertThat(search(exp, null, "tags.team ASC")).as("runs without the tag sort last")
        .containsExactly("run-1", "run-0", "run-3", "run-2", "run-4");
    assertThat(search(exp, null, "params.reg_rate DESC", "attributes.start_time ASC"))
        .containsExactly("run-3", "run-1", "run-0", "run-2", "run-4");
    assertThat(search(exp, null, "attributes.start_time")).containsExactly("run-0", "run-1", "run-2", "run-3", "run-4");
  }

  @Test
  void searchPagesWithOpaqueTokens() {
    String exp = newExperiment("search-pages");
    for (int i = 0; i < 7; i++) {
      tracking.createRun(exp, null, 1000L + i, "p" + i, List.of());
    }
    Set<String> seen = new HashSet<>();
    List<Integer> sizes = new ArrayList<>();
    String token = null;
    do {
      Page<Run> page = tracking.searchRuns(new RunSearch(List.of(exp), null, ViewType.ACTIVE_ONLY, 3, null, token));
      sizes.add(page.items().size());
      page.items().forEach(r -> assertThat(seen.add(r.info().runId())).isTrue());
      token = page.nextPageToken();
    } while (token != null);
    assertThat(sizes).containsExactly(3, 3, 1);
    assertThat(seen).hasSize(7);
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> tracking.searchRuns(new RunSearch(List.of(exp), null, null, 3, null, "garbage!")), "page token");
    fails(ErrorCode.INVALID_PARAMETER_VALUE,
        () -> tracking.searchRuns(new RunSearch(List.of(exp), null, null, 50_001, null, null)), "50000");
  }

  @Test
  void searchHonoursViewTypeAndExperimentIds() {
    String exp = newExperiment("search-view");
    String other = newExperiment("search-view-other");
    String kept = newRun(exp, "kept").info().runId();
    String gone = newRun(exp, "gone").info().runId();
    newRun(other, "elsewhere");
    tracking.deleteRun(gone);
    assertThat(search(exp, null)).containsExactly("kept");
    assertThat(tracking.searchRuns(new RunSearch(List.of(exp), null, ViewType.DELETED_ONLY, 0, null, null)).items())
        .extracting(r -> r.info().runId()).containsExactly(gone);
    assertThat(tracking.searchRuns(new RunSearch(List.of(exp, other), null, ViewType.ALL, 0, null, null)).items())
        .hasSize(3);
    assertThat(search(exp, "attributes.lifecycle_stage = 'deleted'")).isEmpty();
    assertThat(tracking.searchRuns(new RunSearch(List.of("nope"), null, null, 0, null, null)).items()).isEmpty();
    assertThat(kept).isNotNull();
  }

  @Test
  void searchFilterValuesAreBoundNotPasted() {
    String exp = newExperiment("search-injection");
    searchFixture(exp);
    assertThat(search(exp, "params.solver = 'x'' OR 1=1 --'")).isEmpty();
    assertThat(search(exp, "params.solver LIKE '%'' OR ''1''=''1'")).isEmpty();
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> search(exp, "metrics.AUC > 0.5 OR 1 = 1"), "OR is not supported");
  }

  @Test
  void searchReturnsRunData() {
    String exp = newExperiment("search-data");
    searchFixture(exp);
    Run top = tracking.searchRuns(new RunSearch(List.of(exp), "metrics.AUC > 0.85", null, 0, null, null)).items().get(0);
    assertThat(top.data().metric("AUC")).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(top.data().param("solver")).isEqualTo("liblinear");
    assertThat(top.data().tag("mlflow.runName")).isEqualTo("run-4");
  }

  // ================================================================ data assets

  private DataAsset newAssetVersion(MetadataStore on, String name) {
    return on.data().createDataAssetVersion(name, DataAssetType.uri_folder, "diabetes", "data/" + name + "/abc", "abc",
        100, 1, Map.of("source", "test"));
  }

  @Test
  void dataAssetVersionsCountFromOnePerName() {
    assertThat(newAssetVersion(store, "diabetes-dev-folder").version()).isEqualTo(1);
    assertThat(newAssetVersion(store, "diabetes-dev-folder").version()).isEqualTo(2);
    assertThat(newAssetVersion(store, "other").version()).isEqualTo(1);
    DataAsset third = newAssetVersion(store, "diabetes-dev-folder");
    assertThat(third.version()).isEqualTo(3);
    assertThat(third.ref()).isEqualTo("mloop:diabetes-dev-folder:3");

    assertThat(store.data().getLatestDataAsset("diabetes-dev-folder")).contains(third);
    DataAsset first = store.data().getDataAsset("diabetes-dev-folder", 1).orElseThrow();
    assertThat(first.tags()).containsExactlyEntriesOf(Map.of("source", "test"));
    assertThat(first.type()).isEqualTo(DataAssetType.uri_folder);
    assertThat(first.sizeBytes()).isEqualTo(100);
    assertThat(store.data().getDataAsset("diabetes-dev-folder", 9)).isEmpty();
    assertThat(store.data().getLatestDataAsset("missing")).isEmpty();
    assertThat(store.data().listDataAssets()).extracting(DataAsset::name, DataAsset::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("diabetes-dev-folder", 3),
            org.assertj.core.groups.Tuple.tuple("other", 1));
    assertThat(store.data().listDataAssetVersions("diabetes-dev-folder")).extracting(DataAsset::version)
        .containsExactly(3, 2, 1);
  }

  @Test
  void concurrentCreationAssignsDistinctVersions() throws Exception {
    int perStore = 10;
    try (MetadataStore second = openSecondStore()) {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (MetadataStore s : List.of(store, second)) {
        for (int i = 0; i < perStore; i++) {
          tasks.add(() -> newAssetVersion(s, "contended").version());
        }
      }
      List<Integer> versions = runConcurrently(tasks);
      Collections.sort(versions);
      assertThat(versions).isEqualTo(IntStream.rangeClosed(1, 2 * perStore).boxed().toList());
    }
  }

  /** Runs all tasks at once (released together) on a pool of 4 threads and returns their results. */
  static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ================================================================ jobs

  static Job job(String name, String experiment, JobStatus status, long createdAt) {
    JobSpec spec = new JobSpec(name, "display " + name, experiment, "desc", ".",
        "java -jar target/diabetes-model.jar --reg_rate ${{inputs.reg_rate}}",
        Map.of("training_data", new JobInput("uri_folder", "mloop:diabetes-dev-folder@latest", null, null),
            "reg_rate", JobInput.literal("0.01")),
        Map.of("model_output", new JobOutput("uri_folder", null)),
        new JobEnvironment("jvm-17", Map.of("A", "1")), "local", Map.of("k", "v"));
    return new Job(name, "display " + name, "1", experiment, "a".repeat(32), "desc", status, spec,
        Map.of("training_data", new ResolvedInput("uri_folder", "diabetes-dev-folder", 1, "abc", "data/x/abc", null),
            "reg_rate", new ResolvedInput("number", null, null, null, null, "0.01")),
        Map.of("model_output", "jobs/" + name + "/outputs/model_output"),
        new CodeSnapshot("def", "code/def", 3, 1234, new GitState("c0ffee", "main", false, "origin")),
        "java -jar target/diabetes-model.jar --reg_rate 0.01", createdAt, null, null, null, null,
        new Executor("host", 42, 7));
  }

  @Test
  void jobsRoundTripAsDocuments() {
    Job job = job("job-1", "diabetes-training", JobStatus.Queued, 1000);
    assertThat(store.jobs().createJob(job)).isEqualTo(job);
    assertThat(store.jobs().getJob("job-1")).contains(job);
    assertThat(store.jobs().getJob("job-2")).isEmpty();
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.jobs().createJob(job), "'job-1' already exists");
  }

  @Test
  void updateJobIsReadModifyWrite() throws Exception {
    store.jobs().createJob(job("job-u", "e", JobStatus.Queued, 1000));
    Job running = store.jobs().updateJob("job-u", j -> j.started(2000));
    assertThat(running.status()).isEqualTo(JobStatus.Running);
    assertThat(store.jobs().getJob("job-u").orElseThrow().startedAt()).isEqualTo(2000L);

    // Concurrent updaters each append one character; none may be lost.
    List<Callable<Job>> appends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      appends.add(() -> store.jobs().updateJob("job-u", j -> j.ended(j.status(), 0, null,
          (j.error() == null ? "" : j.error()) + "x", j.outputs())));
    }
    runConcurrently(appends);
    assertThat(store.jobs().getJob("job-u").orElseThrow().error()).isEqualTo("x".repeat(20));
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.jobs().updateJob("nope", j -> j), "'nope' not found");
  }

  @Test
  void listJobsFiltersNewestFirstAndActiveOldestFirst() {
    store.jobs().createJob(job("a", "exp1", JobStatus.Completed, 1000));
    store.jobs().createJob(job("b", "exp1", JobStatus.Running, 2000));
    store.jobs().createJob(job("c", "exp2", JobStatus.Queued, 3000));
    store.jobs().createJob(job("d", "exp2", JobStatus.Failed, 4000));
    assertThat(store.jobs().listJobs(JobQuery.all())).extracting(Job::name).containsExactly("d", "c", "b", "a");
    assertThat(store.jobs().listJobs(new JobQuery("exp1", null, 0))).extracting(Job::name).containsExactly("b", "a");
    assertThat(store.jobs().listJobs(new JobQuery(null, JobStatus.Queued, 10))).extracting(Job::name).containsExactly("c");
    assertThat(store.jobs().listJobs(new JobQuery(null, null, 2))).extracting(Job::name).containsExactly("d", "c");
    assertThat(store.jobs().listActiveJobs()).extracting(Job::name).containsExactly("b", "c");
    store.jobs().updateJob("b", j -> j.withStatus(JobStatus.Canceled));
    assertThat(store.jobs().listActiveJobs()).extracting(Job::name).containsExactly("c");
    assertThat(store.jobs().listJobs(new JobQuery(null, JobStatus.Canceled, 0))).extracting(Job::name).containsExactly("b");
  }

  // ================================================================ tokens

  @Test
  void tokensAreFoundBySha256AndDeletable() {
    String sha = "a".repeat(64);
    Token token = store.tokens().createToken("ci", sha);
    assertThat(token.id()).isNotBlank();
    assertThat(store.tokens().findTokenBySha256(sha)).contains(token);
    assertThat(store.tokens().findTokenBySha256("b".repeat(64))).isEmpty();
    Token other = store.tokens().createToken("laptop", "b".repeat(64));
    assertThat(store.tokens().listTokens()).extracting(Token::name).containsExactlyInAnyOrder("ci", "laptop");
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.tokens().createToken("dup", sha), "sha256 already exists");
    store.tokens().deleteToken(token.id());
    assertThat(store.tokens().findTokenBySha256(sha)).isEmpty();
    assertThat(store.tokens().listTokens()).containsExactly(other);
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.tokens().deleteToken(token.id()), token.id());
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> store.tokens().createToken("x", "not-a-hash"), "sha256");
  }

  @Test
  void tokensKeepTheirRoleScopeExpiryAndLastUse() {
    Scope scope = Scope.parse("alias:staging,endpoint:diabetes-staging");
    Token token = store.tokens().createToken(new TokenSpec("github-staging", Role.DEPLOYER, scope, 5_000L), "c".repeat(64));
    Token read = store.tokens().findTokenBySha256("c".repeat(64)).orElseThrow();
    assertThat(read).isEqualTo(token);
    assertThat(read.role()).isEqualTo(Role.DEPLOYER);
    assertThat(read.scope().toString()).isEqualTo("alias:staging,endpoint:diabetes-staging");
    assertThat(read.expiresAt()).isEqualTo(5_000L);
    assertThat(read.expired(4_999)).isFalse();
    assertThat(read.expired(5_000)).isTrue();
    assertThat(read.lastUsedAt()).isNull();

    store.tokens().recordTokenUse(token.id(), 2_000);
    store.tokens().recordTokenUse(token.id(), 1_000); // a late writer never moves it back
    assertThat(store.tokens().listTokens()).singleElement().extracting(Token::lastUsedAt).isEqualTo(2_000L);
    assertThat(store.tokens().createToken("old-style", "d".repeat(64)).role()).as("a token made without a role").isEqualTo(Role.ADMIN);
  }

  // ================================================================ concurrency

  @Test
  void twoStoresOnOneDatabaseWriteConcurrently() throws Exception {
    String exp = newExperiment("concurrent");
    try (MetadataStore second = openSecondStore()) {
      List<Callable<String>> writers = new ArrayList<>();
      for (MetadataStore s : List.of(store, second, store, second)) {
        writers.add(() -> {
          String runId = s.tracking().createRun(exp, null, 1, null, List.of()).info().runId();
          for (int batch = 0; batch < 50; batch++) {
            int b = batch;
            s.tracking().logBatch(runId, IntStream.range(0, 20).mapToObj(i -> new Metric("m", i, b, b * 20L + i)).toList(),
                List.of(new Param("p" + b, "v")), List.of(new RunTag("t", "" + b)));
          }
          return runId;
        });
      }
      for (String runId : runConcurrently(writers)) {
        assertThat(tracking.getMetricHistory(runId, "m")).hasSize(1000);
        assertThat(second.tracking().getRun(runId).orElseThrow().data().params()).hasSize(50);
      }
    }
  }
}
