package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.CreateExperiment;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ActiveRun;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowContext;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mloop.core.json.Json;

/**
 * MLflow's own Java client (org.mlflow:mlflow-client) against a running server over a real
 * SQLite workspace: what a team that already logs with MLflow gets when it points
 * MLFLOW_TRACKING_URI at mloop. The client sends int64 fields as JSON strings and parses answers
 * with protobuf's JSON parser, so these tests catch shape mismatches that our own client hides.
 */
class MlflowJavaClientTrackingTest {
  @TempDir Path dir;
  TestWorkspace ws;
  MlflowClient mlflow;

  @BeforeEach
  void start() {
    ws = TestWorkspace.served(dir);
    mlflow = new MlflowClient(ws.url());
  }

  @AfterEach
  void stop() {
    mlflow.close();
    ws.close();
  }

  @Test
  void createsAndReadsExperimentsByIdAndByName() {
    String id = mlflow.createExperiment(CreateExperiment.newBuilder().setName("diabetes-training")
        .addTags(org.mlflow.api.proto.Service.ExperimentTag.newBuilder().setKey("team").setValue("ml")).build());

    Experiment byId = mlflow.getExperiment(id);
    assertThat(byId.getName()).isEqualTo("diabetes-training");
    assertThat(byId.getLifecycleStage()).isEqualTo("active");
    assertThat(byId.getArtifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
    assertThat(byId.getTagsList()).anySatisfy(t -> assertThat(t.getKey() + "=" + t.getValue()).isEqualTo("team=ml"));
    assertThat(byId.getCreationTime()).isPositive();

    assertThat(mlflow.getExperimentByName("diabetes-training")).map(Experiment::getExperimentId).contains(id);
    assertThat(mlflow.getExperimentByName("Default")).map(Experiment::getExperimentId).contains("0");
    assertThat(mlflow.getExperimentByName("no-such-experiment"))
        .as("the client turns 404 RESOURCE_DOES_NOT_EXIST into an empty Optional").isEmpty();
    assertThat(mlflow.searchExperiments().getItems()).extracting(Experiment::getName)
        .contains("Default", "diabetes-training");
  }

  @Test
  void duplicateExperimentNameIsRefusedAsMlflowDoes() {
    mlflow.createExperiment("twice");
    assertThatThrownBy(() -> mlflow.createExperiment("twice"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS").contains("twice");
        });
    assertThat(mlflow.searchExperiments("name = 'twice'").getItems()).hasSize(1);
  }

  @Test
  void logsParamsMetricsTagsAndABatchThenReadsThemBack() {
    String experimentId = mlflow.createExperiment("logging");
    RunInfo info = mlflow.createRun(experimentId);
    String runId = info.getRunId();
    assertThat(runId).matches("[0-9a-f]{32}");
    assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);
    assertThat(info.getArtifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");

    mlflow.logParam(runId, "reg_rate", "0.01");
    mlflow.logMetric(runId, "loss", 0.9, 1_700_000_000_000L, 0);
    mlflow.logMetric(runId, "loss", 0.5, 1_700_000_000_001L, 1);
    mlflow.setTag(runId, "mlflow.source.type", "JOB");
    mlflow.logBatch(runId,
        List.of(Metric.newBuilder().setKey("AUC").setValue(0.848).setTimestamp(1_700_000_000_002L).setStep(0).build(),
            Metric.newBuilder().setKey("loss").setValue(0.3).setTimestamp(1_700_000_000_003L).setStep(2).build()),
        List.of(Param.newBuilder().setKey("model").setValue("logistic_regression").build()),
        List.of(RunTag.newBuilder().setKey("stage").setValue("dev").build()));

    Run run = mlflow.getRun(runId);
    assertThat(run.getData().getParamsList()).extracting(p -> p.getKey() + "=" + p.getValue())
        .containsExactlyInAnyOrder("reg_rate=0.01", "model=logistic_regression");
    assertThat(run.getData().getMetricsList()).extracting(m -> m.getKey() + "=" + m.getValue() + "@" + m.getStep())
        .as("a run's metrics are the latest values").containsExactlyInAnyOrder("AUC=0.848@0", "loss=0.3@2");
    assertThat(run.getData().getTagsList()).extracting(t -> t.getKey() + "=" + t.getValue())
        .contains("mlflow.source.type=JOB", "stage=dev");

    List<Metric> history = mlflow.getMetricHistory(runId, "loss");
    assertThat(history).extracting(Metric::getStep).containsExactly(0L, 1L, 2L);
    assertThat(history).extracting(Metric::getValue).containsExactly(0.9, 0.5, 0.3);
    assertThat(history.get(1).getTimestamp()).as("int64 timestamps survive the string round trip")
        .isEqualTo(1_700_000_000_001L);

    mlflow.deleteTag(runId, "stage");
    assertThat(mlflow.getRun(runId).getData().getTagsList()).extracting(RunTag::getKey).doesNotContain("stage");
  }

  @Test
  void anOversizedBatchIsRefusedWholeSoTheClientsRetriesChangeNothing() {
    String runId = mlflow.createRun().getRunId();
    List<Metric> tooMany = new java.util.ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(Metric.newBuilder().setKey("m").setValue(i).setTimestamp(1000 + i).setStep(i).build());
    }
    // The client sends every refused request three times (all statuses but 429): each must change nothing.
    assertThatThrownBy(() -> mlflow.logBatch(runId, tooMany, List.of(), List.of()))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE").contains("1000");
        });
    assertThat(mlflow.getMetricHistory(runId, "m")).isEmpty();
  }

  @Test
  void theFluentContextApiLogsARunEndToEnd() {
    mlflow.createExperiment("fluent");
    MlflowContext context = new MlflowContext(mlflow).setExperimentName("fluent");
    String runId;
    ActiveRun run = context.startRun("fluent-run");
    runId = run.getId();
    run.logParams(Map.of("model", "logistic_regression"));
    run.logMetrics(Map.of("AUC", 0.85, "Accuracy", 0.79), 3);
    run.setTags(Map.of("team", "ml"));
    run.endRun();

    Run logged = mlflow.getRun(runId);
    assertThat(logged.getInfo().getRunName()).isEqualTo("fluent-run");
    assertThat(logged.getInfo().getExperimentId()).isEqualTo(context.getExperimentId());
    assertThat(logged.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
    assertThat(logged.getData().getMetricsList()).extracting(m -> m.getKey() + "@" + m.getStep())
        .containsExactlyInAnyOrder("AUC@3", "Accuracy@3");
    assertThat(logged.getData().getTagsList()).extracting(RunTag::getKey).contains("team", "mlflow.user");
  }

  @Test
  void logModelKeepsTheRunsModelHistoryTag() throws Exception {
    String runId = mlflow.createRun().getRunId();
    String model = "{\"artifact_path\": \"model\", \"flavors\": {\"mloop_tribuo\": {}}, \"run_id\": \"" + runId
        + "\", \"utc_time_created\": \"2026-01-01 00:00:00.000000\"}";
    mlflow.sendPost("runs/log-model", Json.write(Map.of("run_id", runId, "model_json", model)));
    mlflow.sendPost("runs/log-model", Json.write(Map.of("run_id", runId, "model_json", model.replace("\"model\"",
        "\"model-2\""))));

    String history = mlflow.getRun(runId).getData().getTagsList().stream()
        .filter(t -> t.getKey().equals("mlflow.log-model.history")).findFirst().orElseThrow().getValue();
    assertThat(Json.mapper().readTree(history)).extracting(m -> m.get("artifact_path").asText())
        .containsExactly("model", "model-2");
    assertThatThrownBy(() -> mlflow.sendPost("runs/log-model", Json.write(Map.of("run_id", runId, "model_json", "[]"))))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage()).contains("model_json"));
  }

  @Test
  void setTerminatedEndsTheRun() {
    String runId = mlflow.createRun().getRunId();
    assertThat(mlflow.getRun(runId).getInfo().getExperimentId()).as("no experiment means Default").isEqualTo("0");

    mlflow.setTerminated(runId, RunStatus.FAILED, 1_800_000_000_000L);
    RunInfo ended = mlflow.getRun(runId).getInfo();
    assertThat(ended.getStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(ended.getEndTime()).isEqualTo(1_800_000_000_000L);

    mlflow.setTerminated(runId);
    assertThat(mlflow.getRun(runId).getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  void searchRunsWithMlflowsFilterSyntaxAndPaging() {
    String experimentId = mlflow.createExperiment("search");
    String good = runWith(experimentId, 0.9, "a");
    runWith(experimentId, 0.4, "a");
    runWith(experimentId, 0.8, "b");
    String alsoGood = runWith(experimentId, 0.7, "a");

    List<RunInfo> found = mlflow.searchRuns(List.of(experimentId), "metrics.x > 0.5 and params.p = 'a'");
    assertThat(found).extracting(RunInfo::getRunId).containsExactlyInAnyOrder(good, alsoGood);

    RunsPage first = mlflow.searchRuns(List.of(experimentId), "params.p IN ('a', 'b')", ViewType.ACTIVE_ONLY, 2,
        List.of("metrics.x DESC"));
    assertThat(first.getItems()).hasSize(2);
    assertThat(first.getItems().get(0).getInfo().getRunId()).isEqualTo(good);
    assertThat(first.hasNextPage()).isTrue();
    RunsPage second = (RunsPage) first.getNextPage();
    assertThat(second.getItems()).hasSize(2);
    assertThat(second.hasNextPage()).isFalse();

    assertThat(mlflow.searchRuns(List.of(experimentId), "attributes.status = 'RUNNING' and tags.who LIKE 'an%'"))
        .hasSize(4);
  }

  private String runWith(String experimentId, double x, String p) {
    String runId = mlflow.createRun(experimentId).getRunId();
    mlflow.logMetric(runId, "x", x);
    mlflow.logParam(runId, "p", p);
    mlflow.setTag(runId, "who", "ana");
    return runId;
  }

  @Test
  void deletedExperimentsStayReadableTakeTheirRunsAlongAndRefuseNewRuns() {
    String id = mlflow.createExperiment("short-lived");
    String runId = mlflow.createRun(id).getRunId();
    mlflow.deleteExperiment(id);

    assertThat(mlflow.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
    assertThat(mlflow.searchExperiments("name = 'short-lived'").getItems()).as("hidden from active searches").isEmpty();
    assertThat(mlflow.searchExperiments("name = 'short-lived'", ViewType.DELETED_ONLY, 10, List.of()).getItems())
        .hasSize(1);
    assertThat(mlflow.getRun(runId).getInfo().getLifecycleStage()).as("its runs go with it, as in MLflow")
        .isEqualTo("deleted");
    assertThatThrownBy(() -> mlflow.createRun(id))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));

    assertThat(mlflow.getExperimentByName("short-lived")).map(Experiment::getLifecycleStage).contains("deleted");
    assertThatThrownBy(() -> mlflow.createExperiment("short-lived"))
        .as("a deleted experiment keeps its name until restored, as in MLflow")
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage())
            .contains("RESOURCE_ALREADY_EXISTS"));

    mlflow.restoreExperiment(id);
    assertThat(mlflow.getExperiment(id).getLifecycleStage()).isEqualTo("active");
    assertThat(mlflow.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("active");
  }

  @Test
  void defaultExperimentCannotBeDeleted() {
    assertThatThrownBy(() -> mlflow.deleteExperiment("0"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getBodyMessage()).contains("'0'");
        });
    assertThat(mlflow.getExperiment("0").getLifecycleStage()).isEqualTo("active");
  }

  @Test
  void unknownIdsAre404ResourceDoesNotExist() {
    assertThatThrownBy(() -> mlflow.getExperiment("424242"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(404);
          assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
        });
    assertThatThrownBy(() -> mlflow.getRun("0123456789abcdef0123456789abcdef"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  @Test
  void artifactsLoggedThroughTheProxyAreListedForTheRun() throws Exception {
    String runId = mlflow.createRun().getRunId();
    HttpCalls http = ws.http();
    HttpCalls.Reply put = http.put("/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/model/MLmodel",
        HttpRequest.BodyPublishers.ofString("flavors: {}\n"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);

    // The Java client's listArtifacts/logArtifact shell out to the Python CLI; the REST call is what it wraps.
    JsonNode root = Json.mapper().readTree(mlflow.sendGet("artifacts/list?run_id=" + runId));
    assertThat(root.get("root_uri").asText()).isEqualTo("mlflow-artifacts:/0/" + runId + "/artifacts");
    assertThat(root.get("files")).extracting(f -> f.get("path").asText() + ":" + f.get("is_dir").asBoolean())
        .containsExactly("model:true");
    JsonNode model = Json.mapper().readTree(mlflow.sendGet("artifacts/list?run_id=" + runId + "&path=model"));
    assertThat(model.get("files")).extracting(f -> f.get("path").asText() + ":" + f.get("file_size").asLong())
        .containsExactly("model/MLmodel:12");
  }

  @Test
  void versionAndUnknownEndpointsAnswerAsMlflowDoes() {
    HttpCalls.Reply version = ws.http().get("/version");
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.body()).matches("\\d+\\.\\d+\\.\\d+");

    assertThatThrownBy(() -> mlflow.sendGet("gateway-proxy?gateway_path=x"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(404);
          assertThat(e.getBodyMessage()).contains("ENDPOINT_NOT_FOUND");
        });
    assertThatThrownBy(() -> mlflow.sendPost("traces", "{}"))
        .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getBodyMessage())
            .contains("ENDPOINT_NOT_FOUND"));
  }
}
