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
import java.util.Optional;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobService;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.jobs.LogChunk;
import org.mloop.core.json.ApiJson;

/**
 * The jobs of a workspace server (its {@code JobsApi}, /api/v1/jobs); a job's code goes up as an upload
 * unless the server stores its snapshot already (asked by sha256 first).
 */
record RemoteJobService(HttpTransport http, RemoteUploads uploads) implements JobService {
  @Override
  public Job create(JobSubmission submission) {
    ObjectNode body = RemoteJson.object();
    body.set("spec", ApiJson.tree(submission.spec()));
    RemoteJson.putIfPresent(body, "name", submission.name());
    JobCode code = submission.code();
    if (code != null) {
      ArrayNode files = body.putArray("code_files");
      code.paths().forEach(files::add);
      RemoteJson.putIfPresent(body, "code_sha256", code.sha256());
      if (code.directory() != null && !stored(code)) {
        String uploadId = uploads.create();
        for (String file : code.paths()) {
          uploads.put(uploadId, file, code.directory().resolve(file));
        }
        body.put("upload_id", uploadId);
      }
      if (code.git() != null) {
        body.set("git", ApiJson.tree(code.git()));
      }
    }
    return read(http.post(API + "/jobs", body), Job.class);
  }

  /** Whether the server stores the snapshot {@code code} names already, so its files need not go up again. */
  private boolean stored(JobCode code) {
    return code.sha256() != null && storedCode(code.sha256()).isPresent();
  }

  @Override
  public Optional<CodeSnapshot> storedCode(String sha256) {
    try {
      return Optional.of(read(http.get(API + "/code-snapshots/" + HttpTransport.segment(sha256)), CodeSnapshot.class));
    } catch (MloopException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
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
