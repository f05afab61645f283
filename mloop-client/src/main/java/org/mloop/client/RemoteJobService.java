package org.mloop.client;

import static org.mloop.client.RemoteJson.API;
import static org.mloop.client.RemoteJson.read;
import static org.mloop.client.RemoteJson.readList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobService;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.json.ApiJson;

/** The jobs of a workspace server (its {@code JobsApi}, /api/v1/jobs); a job's code goes up as an upload. */
record RemoteJobService(HttpTransport http, RemoteUploads uploads) implements JobService {
  @Override
  public Job create(JobSubmission submission) {
    ObjectNode body = RemoteJson.object();
    body.set("spec", ApiJson.tree(submission.spec()));
    RemoteJson.putIfPresent(body, "name", submission.name());
    if (submission.codeDirectory() != null) {
      String uploadId = uploads.create();
      ArrayNode files = body.putArray("code_files");
      for (String file : submission.codeFiles()) {
        uploads.put(uploadId, file, submission.codeDirectory().resolve(file));
        files.add(file);
      }
      body.put("upload_id", uploadId);
    }
    if (submission.git() != null) {
      body.set("git", ApiJson.tree(submission.git()));
    }
    return read(http.post(API + "/jobs", body), Job.class);
  }

  @Override
  public Job get(String name) {
    return read(http.get(jobPath(name)), Job.class);
  }

  @Override
  public List<Job> list(JobQuery query) {
    JsonNode response = http.get(API + "/jobs" + HttpTransport.query(
        "experiment_name", query.experimentName(),
        "status", query.status(),
        "limit", query.limit()));
    return readList(response.path("jobs"), Job.class);
  }

  @Override
  public Job cancel(String name) {
    return read(http.post(jobPath(name) + "/cancel", RemoteJson.object()), Job.class);
  }

  @Override
  public LogChunk readLog(String name, long offset, int maxBytes, Duration wait) {
    return read(http.get(jobPath(name) + "/logs" + HttpTransport.query("offset", offset, "max_bytes", maxBytes,
        "wait_ms", wait.isZero() ? null : wait.toMillis())), LogChunk.class);
  }

  @Override
  public List<ArtifactFile> listOutput(String jobName, String outputName) {
    return readList(http.get(outputPath(jobName, outputName)).path("files"), ArtifactFile.class);
  }

  @Override
  public InputStream openOutputFile(String jobName, String outputName, String path) {
    return http.download(outputPath(jobName, outputName) + "/files/" + HttpTransport.relativePath(path));
  }

  private static String jobPath(String name) {
    return API + "/jobs/" + HttpTransport.segment(name);
  }

  private static String outputPath(String jobName, String outputName) {
    return jobPath(jobName) + "/outputs/" + HttpTransport.segment(outputName);
  }
}
