package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1 on the wire: the upload protocol, snake_case records and errors for bad input. */
class WorkspaceApiTest {
  @TempDir Path dir;
  TestWorkspace ws;
  HttpCalls http;

  @BeforeEach
  void start() {
    ws = TestWorkspace.served(dir);
    http = ws.http();
  }

  @AfterEach
  void stop() {
    ws.close();
  }

  private String newUpload() {
    HttpCalls.Reply reply = http.post("/api/v1/uploads", "{}");
    assertThat(reply.status()).isEqualTo(200);
    String id = reply.json().get("upload_id").asText();
    assertThat(id).matches("[0-9a-f]{32}");
    return id;
  }

  @Test
  void uploadThenCreateADataAssetAndReadItBack() {
    String upload = newUpload();
    HttpCalls.Reply put = http.put("/api/v1/uploads/" + upload + "/files/data/a.csv",
        HttpRequest.BodyPublishers.ofString("x,y\n1,2\n"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("path").asText()).isEqualTo("data/a.csv");
    assertThat(put.json().get("size_bytes").asLong()).isEqualTo(8);

    HttpCalls.Reply created = http.post("/api/v1/data-assets", Map.of("name", "wire", "upload_id", upload,
        "path", "data", "description", "over the wire", "tags", Map.of("k", "v")));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode asset = created.json();
    assertThat(asset.get("name").asText()).isEqualTo("wire");
    assertThat(asset.get("version").asInt()).isEqualTo(1);
    assertThat(asset.get("type").asText()).isEqualTo("uri_folder");
    assertThat(asset.get("sha256").asText()).hasSize(64);
    assertThat(asset.get("size_bytes").asLong()).isEqualTo(8);
    assertThat(asset.get("file_count").asInt()).isEqualTo(1);
    assertThat(asset.get("artifact_path").asText()).startsWith("data/wire/");
    assertThat(asset.get("created_at").isIntegralNumber()).isTrue();
    assertThat(asset.at("/tags/k").asText()).isEqualTo("v");

    HttpCalls.Reply reused = http.post("/api/v1/data-assets", Map.of("name", "wire", "upload_id", upload));
    assertThat(reused.status()).as("an upload is consumed by its create").isEqualTo(404);
    assertThat(reused.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

    assertThat(http.get("/api/v1/data-assets/wire/versions/latest").json().get("version").asInt()).isEqualTo(1);
    JsonNode files = http.get("/api/v1/data-assets/wire/versions/1/files").json().get("files");
    assertThat(files).singleElement().satisfies(f -> {
      assertThat(f.get("path").asText()).isEqualTo("a.csv");
      assertThat(f.get("directory").asBoolean()).isFalse();
      assertThat(f.get("size_bytes").asLong()).isEqualTo(8);
      assertThat(f.get("sha256").asText()).hasSize(64);
    });
    assertThat(http.get("/api/v1/data-assets/wire/versions/1/files/a.csv").body()).isEqualTo("x,y\n1,2\n");
    assertThat(http.get("/api/v1/data-assets").json().get("data_assets")).hasSize(1);
    assertThat(http.get("/api/v1/data-assets?name=wire").json().get("data_assets")).hasSize(1);
  }

  @Test
  void badUploadsAreRefusedWithTheReason() {
    assertThat(http.post("/api/v1/data-assets", Map.of("name", "n", "upload_id", "xyz")).status()).isEqualTo(400);
    assertThat(http.post("/api/v1/data-assets", Map.of("name", "n")).message()).contains("'upload_id'");

    String upload = newUpload();
    HttpCalls.Reply notThere = http.post("/api/v1/data-assets", Map.of("name", "n", "upload_id", upload, "path", "nope.csv"));
    assertThat(notThere.status()).isEqualTo(400);
    assertThat(notThere.message()).contains("nope.csv");

    String another = newUpload();
    HttpCalls.Reply climbing = http.put("/api/v1/uploads/" + another + "/files/%2E%2E/%2E%2E/escape.txt",
        HttpRequest.BodyPublishers.ofString("x"));
    assertThat(climbing.status()).isEqualTo(400);
    HttpCalls.Reply unknown = http.put("/api/v1/uploads/" + "0".repeat(32) + "/files/a.txt",
        HttpRequest.BodyPublishers.ofString("x"));
    assertThat(unknown.status()).isEqualTo(404);

    String empty = newUpload();
    HttpCalls.Reply noModel = http.post("/api/v1/models/m/versions", Map.of("upload_id", empty));
    assertThat(noModel.status()).isEqualTo(400);
    assertThat(noModel.message()).as("names the upload, not the server's staging folder").contains("upload " + empty)
        .contains("MLmodel").doesNotContain(System.getProperty("java.io.tmpdir"));

    HttpCalls.Reply deleted = http.method("DELETE", "/api/v1/uploads/" + another, null);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(http.method("DELETE", "/api/v1/uploads/" + another, null).status()).isEqualTo(404);
  }

  @Test
  void refusalsNameTheUploadNeverTheServersStagingFolder() {
    String staging = dir.resolve("uploads").toString();

    String empty = newUpload();
    HttpCalls.Reply noFiles = http.post("/api/v1/data-assets", Map.of("name", "d", "upload_id", empty));
    assertThat(noFiles.status()).isEqualTo(400);
    assertThat(noFiles.message()).isEqualTo("cannot create data asset 'd': folder 'upload " + empty + "' has no files");

    String code = newUpload();
    http.put("/api/v1/uploads/" + code + "/files/run.sh", HttpRequest.BodyPublishers.ofString("echo hi\n"));
    HttpCalls.Reply missingCode = http.post("/api/v1/jobs", "{\"upload_id\": \"" + code + "\", \"code_files\": "
        + "[\"run.sh\", \"src/train.py\"], \"spec\": {\"command\": \"bash run.sh\", \"experiment_name\": \"e\"}}");
    assertThat(missingCode.status()).isEqualTo(400);
    assertThat(missingCode.message()).contains("upload " + code + ": src/train.py");

    String model = newUpload();
    http.put("/api/v1/uploads/" + model + "/files/MLmodel", HttpRequest.BodyPublishers.ofString(
        "flavors:\n  mloop_test: {model_file: model.bin}\nsignature:\n  inputs: '[{\"name\": \"BMI\", \"type\": \"double\"}]'\n"
            + "  outputs: '[{\"name\": \"y\", \"type\": \"long\"}]'\nchecksums:\n  model.bin: '" + "0".repeat(64) + "'\n"));
    http.put("/api/v1/uploads/" + model + "/files/model.bin", HttpRequest.BodyPublishers.ofString("weights"));
    HttpCalls.Reply badModel = http.post("/api/v1/models/m/versions", Map.of("upload_id", model));
    assertThat(badModel.status()).isEqualTo(400);
    assertThat(badModel.message()).contains("checksum mismatch for model.bin").contains("model folder upload " + model);

    for (HttpCalls.Reply refused : java.util.List.of(noFiles, missingCode, badModel)) {
      assertThat(refused.body()).as("answer to a request with an upload").doesNotContain(staging)
          .doesNotContain("/files/").doesNotContain(System.getProperty("java.io.tmpdir"));
    }
    assertThat(ws.runner.started).isEmpty();
  }

  @Test
  void jobRequestsAreValidatedBeforeAnythingRuns() {
    HttpCalls.Reply noSpec = http.post("/api/v1/jobs", Map.of("name", "j"));
    assertThat(noSpec.status()).isEqualTo(400);
    assertThat(noSpec.message()).contains("'spec'");

    HttpCalls.Reply badSpec = http.post("/api/v1/jobs", "{\"spec\": {\"command\": \"true\", \"inputs\": 5}}");
    assertThat(badSpec.status()).isEqualTo(400);
    assertThat(badSpec.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(badSpec.message()).contains("job spec");

    HttpCalls.Reply filesWithoutUpload = http.post("/api/v1/jobs",
        "{\"spec\": {\"command\": \"true\"}, \"code_files\": [\"run.sh\"]}");
    assertThat(filesWithoutUpload.status()).isEqualTo(400);
    assertThat(filesWithoutUpload.message()).contains("upload_id");
    assertThat(ws.runner.started).isEmpty();

    HttpCalls.Reply missing = http.get("/api/v1/jobs/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

    HttpCalls.Reply badStatus = http.get("/api/v1/jobs?status=Sleeping");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.message()).contains("'status'").contains("Running");

    HttpCalls.Reply badVersion = http.get("/api/v1/data-assets/x/versions/first");
    assertThat(badVersion.status()).isEqualTo(400);
  }

  @Test
  void aJobWithStagedCodeIsQueuedAndShownInSnakeCase() {
    String upload = newUpload();
    http.put("/api/v1/uploads/" + upload + "/files/run.sh", HttpRequest.BodyPublishers.ofString("echo hi\n"));
    HttpCalls.Reply created = http.post("/api/v1/jobs", "{\"name\": \"wire-job\", \"upload_id\": \"" + upload + "\","
        + " \"code_files\": [\"run.sh\"], \"spec\": {\"command\": \"bash run.sh\", \"experiment_name\": \"wire\","
        + " \"inputs\": {\"n\": {\"type\": \"integer\", \"value\": \"3\"}}, \"outputs\": {}, \"code\": \".\"},"
        + " \"git\": {\"commit\": \"abc\", \"branch\": \"main\", \"dirty\": false}}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode job = created.json();
    assertThat(job.get("name").asText()).isEqualTo("wire-job");
    assertThat(job.get("status").asText()).isEqualTo("Queued");
    assertThat(job.get("experiment_name").asText()).isEqualTo("wire");
    assertThat(job.get("run_id").asText()).matches("[0-9a-f]{32}");
    assertThat(job.at("/code/file_count").asInt()).isEqualTo(1);
    assertThat(job.at("/code/git/commit").asText()).isEqualTo("abc");
    assertThat(job.at("/inputs/n/value").asText()).isEqualTo("3");
    assertThat(job.at("/spec/inputs/n").has("data")).as("helper methods are not serialized").isFalse();
    assertThat(ws.runner.started).containsExactly("wire-job");

    JsonNode log = http.get("/api/v1/jobs/wire-job/logs?offset=0&max_bytes=100").json();
    assertThat(log.has("next_offset")).isTrue();
    assertThat(log.get("status").asText()).isEqualTo("Queued");
    // a read that may wait: nothing happens to this job (its runner only records it), so it answers empty at the bound
    JsonNode waited = http.get("/api/v1/jobs/wire-job/logs?offset=0&wait_ms=50").json();
    assertThat(waited.get("text").asText()).isEmpty();
    assertThat(waited.get("status").asText()).isEqualTo("Queued");
    assertThat(waited.get("complete").asBoolean()).isFalse();
    for (String bad : List.of("-1", "10001", "soon")) {
      HttpCalls.Reply reply = http.get("/api/v1/jobs/wire-job/logs?wait_ms=" + bad);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.message()).as("wait_ms=" + bad).contains("wait_ms");
    }
    assertThat(http.get("/api/v1/jobs?limit=5").json().get("jobs")).hasSize(1);
    JsonNode canceled = http.post("/api/v1/jobs/wire-job/cancel", "{}").json();
    assertThat(canceled.get("status").asText()).isEqualTo("Canceled");
  }
}
