package org.mloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.endpoints.CollectedFileName;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.mloop.runtime.testing.ModelFolders;

/** The benchmark's data is what a monitored endpoint really collects, and its windows hold exactly the rows asked for. */
class MonitoredEndpointTest {
  /** 1,000 rows an hour: 3,000 rows span three hours, so the collector rolls at least one file per hour. */
  private static final MonitoredEndpoint.Plan PLAN = new MonitoredEndpoint.Plan(500, 3_000, 24_000);

  @TempDir
  Path dir;

  private Path setUp() throws Exception {
    Path workspace = dir.resolve("workspace");
    MonitoredEndpoint.create(workspace, PLAN, List.of(1_000L, 2_500L), dir.resolve("baseline"),
        data -> ModelFolders.write(dir.resolve("model"), ModelFolders.logistic(ModelFolders.patients(7, 1_000)),
            ModelFolders.patients(8, 5)),
        n -> { });
    return workspace;
  }

  @Test
  void windowsHoldExactlyTheFirstRowsAskedFor() throws Exception {
    Path workspace = setUp();
    assertThat(MonitoredEndpoint.readPlan(workspace)).isEqualTo(PLAN);
    try (LocalWorkspace ws = MonitoredEndpoint.open(workspace)) {
      CollectedRecords records = CollectedRecords.of(ws.endpoints(), MonitoredEndpoint.ENDPOINT, MonitoredEndpoint.DEPLOYMENT);
      for (long n : List.of(1_000L, 2_500L, 3_000L)) {
        long[] window = PLAN.window(n);
        assertThat(records.forEach(Instant.ofEpochMilli(window[0]), Instant.ofEpochMilli(window[1]), r -> { }))
            .as("rows in the window of the first %d", n).isEqualTo(n);
      }
      assertThat(records.malformedLines()).isZero();
    }
  }

  @Test
  void rowsAreTheSynthesizersPatientsScoredByTheRegisteredModelInTheCollectorsFormat() throws Exception {
    Path workspace = setUp();
    Predictor model = ModelLoader.load(dir.resolve("model"));
    List<PatientRow> patients = new DiabetesSynthesizer(MonitoredEndpoint.TRAFFIC_SEED).rows(3_000);
    try (LocalWorkspace ws = MonitoredEndpoint.open(workspace)) {
      List<ArtifactFile> files = ws.endpoints().listCollectedData(MonitoredEndpoint.ENDPOINT, MonitoredEndpoint.DEPLOYMENT).stream()
          .filter(f -> !f.directory()).toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(3).allSatisfy(f -> {
        Optional<CollectedFileName> name = CollectedFileName.parse(f.path());
        assertThat(name).as(f.path()).isPresent();
        assertThat(name.get().hostId()).isEqualTo(SyntheticTraffic.HOST_ID);
        assertThat(f.path()).startsWith("2026/11/01/");
      });

      List<CollectedRecord> read = new ArrayList<>();
      CollectedRecords.of(ws.endpoints(), MonitoredEndpoint.ENDPOINT, MonitoredEndpoint.DEPLOYMENT).forEach(null, null, read::add);
      assertThat(read).hasSize(3_000);
      for (int i : new int[] {0, 1, 1_499, 2_999}) {
        CollectedRecord r = read.get(i);
        PatientRow patient = patients.get(i);
        assertThat(r.endpoint()).isEqualTo(MonitoredEndpoint.ENDPOINT);
        assertThat(r.deployment()).isEqualTo(MonitoredEndpoint.DEPLOYMENT);
        assertThat(r.model()).isEqualTo(MonitoredEndpoint.MODEL);
        assertThat(r.modelVersion()).isEqualTo(1);
        assertThat(r.inputs().keySet()).containsExactlyElementsOf(model.model().signature().inputNames());
        double[] features = new double[DiabetesFeature.values().length];
        for (DiabetesFeature f : DiabetesFeature.values()) {
          assertThat(r.input(f.column())).as("%s of row %d", f.column(), i).isEqualTo(patient.feature(f));
          features[model.model().signature().inputNames().indexOf(f.column())] = patient.feature(f);
        }
        Predictions expected = model.predictRows(new double[][] {features});
        assertThat(r.label()).isEqualTo(expected.labels().get(0));
        assertThat(r.probability("1")).isCloseTo(expected.probability(0, "1"), within(1e-12));
        assertThat(r.timestamp()).isLessThanOrEqualTo(PLAN.traffic().timestamp(i));
      }
      assertThat(read).extracting(CollectedRecord::timestamp).isSorted();
      Map<String, Long> requestSizes = read.stream()
          .collect(Collectors.groupingBy(CollectedRecord::correlationId, Collectors.counting()));
      assertThat(requestSizes.values()).as("rows per request").contains(1L).anyMatch(n -> n > 10).allMatch(n -> n <= 100);
      assertThat(read).allMatch(r -> r.row() < requestSizes.get(r.correlationId()), "row indexes count within the request");
    }
  }
}
