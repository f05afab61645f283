package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobOutput;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.tracking.Run;
import org.mloop.core.tracking.RunStatus;

/**
 * A job submitted through the server with RemoteWorkspace runs for real (in process, as under
 * `mloop server`), logs to the server with the internal token although tokens are required, and
 * its log and output come back over HTTP.
 */
class RemoteJobEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRemoteJobRunsLogsToTheServerAndItsOutputsDownload() throws IOException {
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("run.sh"), """
        echo "hello from $MLOOP_RUN_ID"
        mkdir -p "$1"
        echo "w=0.5" > "$1/weights.txt"
        if command -v curl >/dev/null; then
          curl -sS -f -X POST -H "Authorization: Bearer $MLOOP_TOKEN" -H "Content-Type: application/json" \\
            -d "{\\"run_id\\": \\"$MLOOP_RUN_ID\\", \\"key\\": \\"from_job\\", \\"value\\": \\"yes\\"}" \\
            "$MLOOP_TRACKING_URI/api/2.0/mlflow/runs/log-parameter"
        fi
        """);
    JobSpec spec = new JobSpec(null, "e2e", "remote-jobs", null, ".", "bash run.sh ${{outputs.model_output}}",
        Map.of(), Map.of("model_output", new JobOutput("uri_folder", null)), null, "local", Map.of());

    try (TestWorkspace ws = TestWorkspace.executing(dir.resolve("ws"),
        ServerOptions.ephemeral().withRequireTokens(true).withUploadDirectory(dir.resolve("uploads")))) {
      ws.metadata.tokens().createToken("cli", ContentHash.ofString("cli-token"));
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), "cli-token");

      Job job = remote.jobs().create(new JobSubmission(spec, "e2e-job", JobCode.folder(code, List.of("run.sh"), null)));
      // followed as `job stream` does: reads that wait for the log to grow or the status to change
      StringBuilder followed = new StringBuilder();
      LogChunk chunk = new LogChunk("", 0, 0, false, job.status());
      for (int round = 0; round < 60 && !chunk.complete(); round++) {
        chunk = remote.jobs().readLog("e2e-job", chunk.nextOffset(), 64 * 1024, Duration.ofSeconds(10));
        followed.append(chunk.text());
      }
      job = remote.jobs().get("e2e-job");
      LogChunk log = remote.jobs().readLog("e2e-job", 0, 64 * 1024);
      assertThat(job.status()).as("job ended; log:\n" + log.text() + "\nerror: " + job.error()).isEqualTo(
          org.mloop.core.jobs.JobStatus.Completed);
      assertThat(chunk.complete()).isTrue();
      assertThat(chunk.status()).isEqualTo(org.mloop.core.jobs.JobStatus.Completed);
      assertThat(followed.toString()).isEqualTo(log.text());
      assertThat(log.text()).contains("hello from " + job.runId());

      List<ArtifactFile> outputs = remote.jobs().listOutput("e2e-job", "model_output");
      assertThat(outputs).extracting(ArtifactFile::path).containsExactly("weights.txt");
      try (InputStream in = remote.jobs().openOutputFile("e2e-job", "model_output", "weights.txt")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("w=0.5\n");
      }

      Run run = remote.tracking().getRun(job.runId()).orElseThrow();
      assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
      if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
        assertThat(run.data().param("from_job")).as("the job logged through the server with its token").isEqualTo("yes");
      }
    }
  }
}
