package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteTrackingService;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.ExperimentSearch;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Param;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunInfo;
import org.mloop.core.tracking.RunSearch;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.RunTag;
import org.mloop.core.tracking.TrackingStore;
import org.mloop.core.tracking.ViewType;

/**
 * RemoteTrackingService against a live server behaves as a local workspace's tracking: one scenario, run
 * against both, must produce the same transcript, errors included.
 */
class RemoteTrackingServiceTest {
  @TempDir Path dir;

  @Test
  void remoteStoreMatchesTheEmbeddedStoreCallForCall() {
    List<String> local;
    try (TestWorkspace ws = TestWorkspace.local(dir.resolve("local"))) {
      local = scenario(ws.workspace.tracking());
    }
    List<String> remote;
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("remote"))) {
      remote = scenario(new RemoteTrackingService(ws.url(), null));
    }
    assertThat(remote).containsExactlyElementsOf(local);
    // The scenario really exercised the interesting paths.
    assertThat(local).anyMatch(l -> l.startsWith("duplicate experiment: RESOURCE_ALREADY_EXISTS"));
    assertThat(local).anyMatch(l -> l.startsWith("changed param: INVALID_PARAMETER_VALUE"));
    assertThat(local).anyMatch(l -> l.startsWith("oversized batch: INVALID_PARAMETER_VALUE"));
    assertThat(local).anyMatch(l -> l.startsWith("log to missing run: RESOURCE_DOES_NOT_EXIST"));
    assertThat(local).contains("missing run present: false", "missing experiment present: false");
  }

  private static List<String> scenario(TrackingStore store) {
    Transcript t = new Transcript();
    String exp = store.createExperiment("diabetes-training", null, Map.of("team", "ml"));
    t.add("created experiment " + exp);
    t.add("by name " + describe(store.getExperimentByName("diabetes-training").orElseThrow()));
    t.add("missing experiment present: " + store.getExperiment("98765").isPresent());
    t.add("duplicate experiment: " + t.outcome(() -> store.createExperiment("diabetes-training", null, Map.of())));
    t.add("bad experiment name: " + t.outcome(() -> store.createExperiment("", null, Map.of())));

    Run run = store.createRun(exp, "ana", 1000L, "first", List.of(new RunTag("origin", "test")));
    String id = run.info().runId();
    t.add("created " + describe(run));
    store.logBatch(id,
        List.of(new Metric("loss", 0.5, 10, 0), new Metric("loss", 0.25, 11, 1), new Metric("auc", Double.NaN, 12, 0),
            new Metric("big", Double.POSITIVE_INFINITY, 13, 0)),
        List.of(new Param("reg_rate", "0.01"), new Param("empty", "")),
        List.of(new RunTag("stage", "dev")));
    t.add("after batch " + describe(store.getRun(id).orElseThrow()));
    t.add("same param again: " + t.outcome(() -> store.logBatch(id, List.of(), List.of(new Param("reg_rate", "0.01")), List.of())));
    t.add("changed param: " + t.outcome(() -> store.logBatch(id, List.of(), List.of(new Param("reg_rate", "0.5")), List.of())));
    List<Metric> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add(new Metric("m", i, i, i));
    }
    t.add("oversized batch: " + t.outcome(() -> store.logBatch(id, many, List.of(), List.of())));
    t.add("bad key: " + t.outcome(() -> store.logBatch(id, List.of(), List.of(new Param("../up", "x")), List.of())));
    t.add("history " + store.getMetricHistory(id, "loss"));
    t.add("history of unknown key " + store.getMetricHistory(id, "nope"));

    RunInfo finished = store.updateRun(id, RunStatus.FINISHED, 2000L, "renamed");
    t.add("updated " + describe(finished));
    store.deleteTag(id, "stage");
    t.add("tag deleted " + describe(store.getRun(id).orElseThrow()));

    Run second = store.createRun(exp, "bo", 1500L, "second", List.of());
    store.logBatch(second.info().runId(), List.of(new Metric("auc", 0.8, 20, 0)), List.of(), List.of());
    store.logBatch(id, List.of(new Metric("auc", 0.9, 21, 1)), List.of(), List.of());
    t.add("search by auc " + names(store.searchRuns(new RunSearch(List.of(exp), "metrics.auc > 0.5",
        ViewType.ACTIVE_ONLY, 10, List.of("metrics.auc DESC"), null)).items()));
    t.add("bad filter: " + t.outcome(() -> store.searchRuns(new RunSearch(List.of(exp), "metrics.auc >>> 1",
        ViewType.ACTIVE_ONLY, 10, List.of(), null))));

    store.deleteRun(id);
    t.add("active after delete " + names(store.searchRuns(new RunSearch(List.of(exp), null, ViewType.ACTIVE_ONLY, 10,
        List.of("attributes.start_time ASC"), null)).items()));
    t.add("deleted only " + names(store.searchRuns(new RunSearch(List.of(exp), null, ViewType.DELETED_ONLY, 10,
        List.of(), null)).items()));
    store.restoreRun(id);
    t.add("restored " + store.getRun(id).orElseThrow().info().lifecycleStage());

    t.add("missing run present: " + store.getRun("f".repeat(32)).isPresent());
    t.add("log to missing run: " + t.outcome(() -> store.logBatch("f".repeat(32), List.of(),
        List.of(new Param("a", "b")), List.of())));

    store.renameExperiment(exp, "diabetes-renamed");
    store.setExperimentTag(exp, "owner", "ana");
    t.add("renamed " + describe(store.getExperiment(exp).orElseThrow()));
    store.deleteExperiment(exp);
    t.add("deleted experiments " + store.searchExperiments(new ExperimentSearch(null, ViewType.DELETED_ONLY, 10,
        List.of(), null)).items().stream().map(Experiment::name).toList());
    store.restoreExperiment(exp);
    t.add("all experiments " + store.searchExperiments(new ExperimentSearch(null, ViewType.ALL, 10,
        List.of("name ASC"), null)).items().stream().map(RemoteTrackingServiceTest::describe).toList());
    return t.lines;
  }

  private static String describe(Experiment e) {
    return e.experimentId() + " " + e.name() + " " + e.lifecycleStage() + " " + e.artifactLocation() + " "
        + new java.util.TreeMap<>(e.tags());
  }

  private static String describe(Run run) {
    return describe(run.info()) + " metrics=" + run.data().metrics().stream()
        .sorted(Comparator.comparing(Metric::key)).toList()
        + " params=" + run.data().params().stream().sorted(Comparator.comparing(Param::key)).toList()
        + " tags=" + run.data().tags().stream().sorted(Comparator.comparing(RunTag::key)).toList();
  }

  private static String describe(RunInfo i) {
    return "run " + i.runId() + " exp=" + i.experimentId() + " name=" + i.runName() + " user=" + i.userId()
        + " status=" + i.status() + " start=" + i.startTime() + " end=" + i.endTime() + " uri=" + i.artifactUri()
        + " stage=" + i.lifecycleStage();
  }

  private static String names(List<Run> runs) {
    return runs.stream().map(r -> r.info().runName()).collect(Collectors.joining(","));
  }
}
