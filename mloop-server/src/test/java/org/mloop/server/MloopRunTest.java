package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.MloopRun;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Metric;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunData;

/** The training code's SDK, logging to a live server and read back from the store behind it. */
class MloopRunTest {
  @TempDir Path dir;

  @Test
  void paramsMetricsTagsAndAnArtifactReachTheRun() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"))) {
      Run created = ws.metadata.tracking().createRun("0", "trainer", System.currentTimeMillis(), "sdk-run", List.of());
      String runId = created.info().runId();
      Path weights = Files.writeString(dir.resolve("weights.txt"), "w0=0.1\nw1=-0.3\n");

      try (MloopRun run = MloopRun.of(ws.url(), runId, null)) {
        assertThat(run.tracked()).isTrue();
        run.logParam("reg_rate", 0.01);
        run.setTag("model", "logistic-regression");
        for (int step = 0; step < 2500; step++) {
          run.logMetric("loss", 1.0 / (step + 1), step);
        }
        run.logMetric("AUC", 0.87);
        run.logArtifact(weights, "model/weights.txt");
      }

      RunData data = ws.metadata.tracking().getRun(runId).orElseThrow().data();
      assertThat(data.param("reg_rate")).isEqualTo("0.01");
      assertThat(data.tag("model")).isEqualTo("logistic-regression");
      assertThat(data.metric("AUC")).isEqualTo(0.87);
      List<Metric> history = ws.metadata.tracking().getMetricHistory(runId, "loss");
      assertThat(history).as("2,500 values in batches of at most 1,000").hasSize(2500);
      assertThat(history).extracting(Metric::step).contains(0L, 999L, 1000L, 2499L);

      String stored = "mlartifacts/0/" + runId + "/artifacts/model/weights.txt";
      try (InputStream in = ws.artifacts.read(stored)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("w0=0.1\nw1=-0.3\n");
      }
    }
  }

  @Test
  void theServersInternalTokenLetsJobsLogWhenTokensAreRequired() {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral().withRequireTokens(true))) {
      String runId = ws.metadata.tracking().createRun("0", "job", System.currentTimeMillis(), "job-run", List.of()).info().runId();
      try (MloopRun run = MloopRun.of(ws.url(), runId, ws.server.internalToken())) {
        run.logParam("epochs", 3);
      }
      assertThat(ws.metadata.tracking().getRun(runId).orElseThrow().data().param("epochs")).isEqualTo("3");

      MloopRun anonymous = MloopRun.of(ws.url(), runId, null);
      assertThatThrownBy(() -> anonymous.logParam("x", 1))
          .isInstanceOf(MloopException.class)
          .hasMessageContaining("MLOOP_TOKEN");
    }
  }

  @Test
  void errorsFromTheServerKeepTheirCodeAndMessage() {
    try (TestWorkspace ws = TestWorkspace.served(dir.resolve("ws"))) {
      String runId = ws.metadata.tracking().createRun("0", "job", System.currentTimeMillis(), "r", List.of()).info().runId();
      MloopRun run = MloopRun.of(ws.url(), runId, null);
      run.logParam("lr", 1);
      assertThatThrownBy(() -> run.logParam("lr", 2))
          .isInstanceOfSatisfying(MloopException.class,
              e -> assertThat(e.code()).isEqualTo(org.mloop.core.ErrorCode.INVALID_PARAMETER_VALUE))
          .hasMessageContaining("lr");
    }
  }
}
