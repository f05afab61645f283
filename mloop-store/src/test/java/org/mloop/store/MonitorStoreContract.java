package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.store.MetadataStoreContract.fails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.monitoring.Alert;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.Monitor;
import org.mloop.core.monitoring.MonitorRun;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.Signal;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Thresholds;
import org.mloop.core.monitoring.Verdict;
import org.mloop.core.monitoring.Comparison;
import org.mloop.core.store.MetadataStore;

/**
 * The monitoring part of the metadata store contract, run on SQLite and PostgreSQL by
 * {@link MetadataStoreContract}'s subclasses.
 */
interface MonitorStoreContract {

  MetadataStore currentStore();

  MetadataStore anotherStoreOnTheSameDatabase() throws Exception;

  static MonitorSpec spec(String name) {
    return new MonitorSpec(name, "diabetes-prod", "mloop:diabetes-prod-folder:3",
        List.of(Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT, Signal.MODEL_PERFORMANCE),
        new Thresholds(Map.of(Thresholds.WASSERSTEIN, 0.15), Map.of("Age", Map.of(Thresholds.WASSERSTEIN, 0.2))),
        Duration.ofHours(1), Duration.ofMinutes(90), List.of("http://127.0.0.1:9/hook"));
  }

  static MonitorRun run(String monitor, long windowTo, Verdict verdict) {
    return new MonitorRun(0, monitor, "diabetes-prod", windowTo + 5, windowTo + 900, windowTo - 3_600_000, windowTo,
        "mloop:diabetes-prod-folder:3", 10_000, List.of("diabetes:2"), 5000, 120, verdict,
        "1 of 8 features drift: PlasmaGlucose",
        List.of(new SignalResult(Signal.DATA_DRIFT, verdict == Verdict.ALERT, List.of("PlasmaGlucose"), "1 of 8 drift")),
        List.of(MetricResult.judged(Signal.DATA_DRIFT, "PlasmaGlucose", "normalized_wasserstein", 0.41, 0.1,
                Comparison.AT_LEAST),
            MetricResult.reported(Signal.DATA_DRIFT, "PlasmaGlucose", "psi", 0.3)),
        List.of(new Histogram(Signal.DATA_DRIFT, "PlasmaGlucose", List.of("[0,100)", "[100,200]"), List.of(0.0, 100.0,
            200.0), List.of(600L, 400L), List.of(300L, 700L))),
        List.of("2 malformed lines skipped"));
  }

  @Test
  default void monitorsKeepTheirWholeSpecAndAreListedByName() {
    MetadataStore store = currentStore();
    Monitor created = store.monitors().createMonitor(spec("diabetes-prod-monitor"), 1234L);
    store.monitors().createMonitor(spec("another-monitor"), 1235L);

    assertThat(created.spec()).isEqualTo(spec("diabetes-prod-monitor"));
    assertThat(created.createdAt()).isEqualTo(1234L).isEqualTo(created.updatedAt());
    assertThat(store.monitors().getMonitor("diabetes-prod-monitor")).contains(created);
    assertThat(store.monitors().getMonitor("missing")).isEmpty();
    assertThat(store.monitors().listMonitors()).extracting(Monitor::name).containsExactly("another-monitor", "diabetes-prod-monitor");
    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.monitors().createMonitor(spec("diabetes-prod-monitor"), 1L),
        "monitor 'diabetes-prod-monitor' already exists");
  }

  @Test
  default void aSpecWithDefaultsComesBackWithTheSameDefaults() {
    MetadataStore store = currentStore();
    MonitorSpec bare = new MonitorSpec("bare-monitor", "diabetes-prod", null, List.of(Signal.DATA_QUALITY), null, null,
        null, List.of());
    assertThat(store.monitors().createMonitor(bare, 1L).spec()).isEqualTo(bare);
    assertThat(store.monitors().getMonitor("bare-monitor").orElseThrow().spec().window()).isEqualTo(MonitorSpec.DEFAULT_WINDOW);
  }

  @Test
  default void runsGetIncreasingIdsAndComeBackWholeWithHistogramsOnlyOneByOne() {
    MetadataStore store = currentStore();
    store.monitors().createMonitor(spec("diabetes-prod-monitor"), 1L);
    store.monitors().createMonitor(spec("another-monitor"), 1L);
    MonitorRun first = store.monitors().insertMonitorRun(run("diabetes-prod-monitor", 10_000_000L, Verdict.OK));
    MonitorRun other = store.monitors().insertMonitorRun(run("another-monitor", 10_000_000L, Verdict.NO_DATA));
    MonitorRun second = store.monitors().insertMonitorRun(run("diabetes-prod-monitor", 20_000_000L, Verdict.ALERT));

    assertThat(first.id()).isPositive();
    assertThat(other.id()).isGreaterThan(first.id());
    assertThat(second.id()).isGreaterThan(other.id());
    assertThat(second).isEqualTo(run("diabetes-prod-monitor", 20_000_000L, Verdict.ALERT).withId(second.id()));
    MonitorRun read = store.monitors().getMonitorRun("diabetes-prod-monitor", second.id()).orElseThrow();
    assertThat(read).isEqualTo(second);
    assertThat(read.metrics().get(1).threshold()).as("a reported metric's NaN threshold survives").isNaN();
    assertThat(store.monitors().getMonitorRun("another-monitor", second.id())).as("a run belongs to its monitor").isEmpty();
    assertThat(store.monitors().latestMonitorRun("diabetes-prod-monitor")).contains(second);
    assertThat(store.monitors().latestMonitorRun("missing")).isEmpty();

    List<MonitorRun> listed = store.monitors().listMonitorRuns("diabetes-prod-monitor", 10);
    assertThat(listed).extracting(MonitorRun::id).containsExactly(second.id(), first.id());
    assertThat(listed.get(0)).isEqualTo(second.withoutHistograms());
    assertThat(store.monitors().listMonitorRuns("diabetes-prod-monitor", 1)).extracting(MonitorRun::id).containsExactly(second.id());
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.monitors().insertMonitorRun(run("missing", 1L, Verdict.OK)),
        "monitor 'missing' not found");
  }

  @Test
  default void alertsRecordTheirDeliveryAndAreListedNewestFirst() {
    MetadataStore store = currentStore();
    store.monitors().createMonitor(spec("diabetes-prod-monitor"), 1L);
    store.monitors().createMonitor(spec("another-monitor"), 1L);
    MonitorRun r1 = store.monitors().insertMonitorRun(run("diabetes-prod-monitor", 10_000_000L, Verdict.ALERT));
    MonitorRun r2 = store.monitors().insertMonitorRun(run("another-monitor", 10_000_000L, Verdict.ALERT));
    Alert a1 = store.monitors().insertAlert(new Alert(0, "diabetes-prod-monitor", r1.id(), 100L,
        List.of(Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT), "drift on PlasmaGlucose", "pending"));
    Alert a2 = store.monitors().insertAlert(new Alert(0, "another-monitor", r2.id(), 200L, List.of(Signal.DATA_QUALITY),
        "nulls in Age", "none"));

    assertThat(a1.id()).isPositive();
    assertThat(a2.id()).isGreaterThan(a1.id());
    store.monitors().updateAlertDelivery(a1.id(), "delivered");
    assertThat(store.monitors().listAlerts("diabetes-prod-monitor", 10)).containsExactly(new Alert(a1.id(),
        "diabetes-prod-monitor", r1.id(), 100L, List.of(Signal.DATA_DRIFT, Signal.PREDICTION_DRIFT),
        "drift on PlasmaGlucose", "delivered"));
    assertThat(store.monitors().listAlerts(null, 10)).extracting(Alert::id).containsExactly(a2.id(), a1.id());
    assertThat(store.monitors().listAlerts(null, 1)).extracting(Alert::id).containsExactly(a2.id());
    fails(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.monitors().updateAlertDelivery(a2.id() + 100, "delivered"), "alert");
  }

  @Test
  default void pendingAlertsAreListedOldestFirstUpToACreationTime() {
    MetadataStore store = currentStore();
    store.monitors().createMonitor(spec("diabetes-prod-monitor"), 1L);
    MonitorRun run = store.monitors().insertMonitorRun(run("diabetes-prod-monitor", 10_000_000L, Verdict.ALERT));
    List<Alert> alerts = new ArrayList<>();
    for (String delivery : List.of(Alert.PENDING, Alert.DELIVERED, Alert.PENDING, Alert.NONE, Alert.PENDING)) {
      alerts.add(store.monitors().insertAlert(new Alert(0, "diabetes-prod-monitor", run.id(), 100L * (alerts.size() + 1),
          List.of(Signal.DATA_DRIFT), "drift", delivery)));
    }
    assertThat(store.monitors().listPendingAlerts(500L, 10)).extracting(Alert::id)
        .as("pending and created before 500: the first and the third").containsExactly(alerts.get(0).id(),
            alerts.get(2).id());
    assertThat(store.monitors().listPendingAlerts(501L, 10)).hasSize(3);
    assertThat(store.monitors().listPendingAlerts(501L, 1)).extracting(Alert::id).containsExactly(alerts.get(0).id());
    store.monitors().updateAlertDelivery(alerts.get(0).id(), "failed: HTTP 404, not retried");
    assertThat(store.monitors().listPendingAlerts(501L, 10)).extracting(Alert::id).containsExactly(alerts.get(2).id(),
        alerts.get(4).id());
  }

  @Test
  default void deletingAMonitorDeletesItsRunsAndAlertsAndNothingElse() {
    MetadataStore store = currentStore();
    store.monitors().createMonitor(spec("diabetes-prod-monitor"), 1L);
    store.monitors().createMonitor(spec("another-monitor"), 1L);
    MonitorRun run = store.monitors().insertMonitorRun(run("diabetes-prod-monitor", 10_000_000L, Verdict.ALERT));
    MonitorRun kept = store.monitors().insertMonitorRun(run("another-monitor", 10_000_000L, Verdict.ALERT));
    store.monitors().insertAlert(new Alert(0, "diabetes-prod-monitor", run.id(), 1L, List.of(Signal.DATA_DRIFT), "m", "none"));
    store.monitors().insertAlert(new Alert(0, "another-monitor", kept.id(), 1L, List.of(Signal.DATA_DRIFT), "m", "none"));

    assertThat(store.monitors().deleteMonitor("diabetes-prod-monitor")).isTrue();
    assertThat(store.monitors().deleteMonitor("diabetes-prod-monitor")).isFalse();
    assertThat(store.monitors().getMonitor("diabetes-prod-monitor")).isEmpty();
    assertThat(store.monitors().getMonitorRun("diabetes-prod-monitor", run.id())).isEmpty();
    assertThat(store.monitors().listAlerts(null, 10)).extracting(Alert::monitor).containsExactly("another-monitor");
    assertThat(store.monitors().listMonitorRuns("another-monitor", 10)).hasSize(1);

    // A monitor created again under the same name starts without the old history.
    store.monitors().createMonitor(spec("diabetes-prod-monitor"), 2L);
    assertThat(store.monitors().listMonitorRuns("diabetes-prod-monitor", 10)).isEmpty();
  }

  @Test
  default void groundTruthIsKeptPerEndpointAndARepostReplacesTheLabel() {
    MetadataStore store = currentStore();
    assertThat(store.monitors().saveGroundTruth("diabetes-prod", List.of(new GroundTruth("c-1", 0, "1"),
        new GroundTruth("c-1", 1, "0"), new GroundTruth("c-2", 0, "0")), 10L)).isEqualTo(3);
    store.monitors().saveGroundTruth("diabetes-staging", List.of(new GroundTruth("c-1", 0, "0")), 10L);
    assertThat(store.monitors().saveGroundTruth("diabetes-prod", List.of(new GroundTruth("c-1", 0, "0")), 20L)).isEqualTo(1);
    assertThat(store.monitors().saveGroundTruth("diabetes-prod", List.of(), 20L)).isZero();

    List<GroundTruth> prod = new ArrayList<>();
    store.monitors().forEachGroundTruth("diabetes-prod", 0, prod::add);
    assertThat(prod).containsExactly(new GroundTruth("c-1", 0, "0"), new GroundTruth("c-1", 1, "0"),
        new GroundTruth("c-2", 0, "0"));
    List<GroundTruth> staging = new ArrayList<>();
    store.monitors().forEachGroundTruth("diabetes-staging", 0, staging::add);
    assertThat(staging).containsExactly(new GroundTruth("c-1", 0, "0"));

    List<GroundTruth> recent = new ArrayList<>();
    store.monitors().forEachGroundTruth("diabetes-prod", 20L, recent::add);
    assertThat(recent).as("received at or after 20: the repost only").containsExactly(new GroundTruth("c-1", 0, "0"));
    List<GroundTruth> none = new ArrayList<>();
    store.monitors().forEachGroundTruth("diabetes-prod", 21L, none::add);
    assertThat(none).isEmpty();
  }

  @Test
  default void tenThousandLabelsAreSavedInOneTransactionAndSeenByAnotherProcess() throws Exception {
    MetadataStore store = currentStore();
    List<GroundTruth> labels = IntStream.range(0, 10_000)
        .mapToObj(i -> new GroundTruth(String.format("corr-%05d", i / 2), i % 2, String.valueOf(i % 3 == 0 ? 1 : 0)))
        .toList();
    assertThat(store.monitors().saveGroundTruth("diabetes-prod", labels, 10L)).isEqualTo(10_000);

    // A batch with one bad row (no label) is refused whole: nothing of it is stored.
    List<GroundTruth> bad = new ArrayList<>(IntStream.range(0, 100)
        .mapToObj(i -> new GroundTruth("other-" + i, 0, "1")).toList());
    bad.add(new GroundTruth("other-x", 0, null));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.monitors().saveGroundTruth("diabetes-prod", bad, 20L));

    try (MetadataStore other = anotherStoreOnTheSameDatabase()) {
      List<GroundTruth> read = new ArrayList<>();
      other.monitors().forEachGroundTruth("diabetes-prod", 0, read::add);
      assertThat(read).containsExactlyElementsOf(labels);
    }
  }
}
