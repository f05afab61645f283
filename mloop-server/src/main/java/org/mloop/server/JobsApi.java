package org.mloop.server;

import static org.mloop.server.ApiBodies.emptyToNull;
import static org.mloop.server.ApiBodies.list;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Permission;
import org.mloop.core.jobs.GitState;
import org.mloop.core.jobs.JobCode;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobQuery;
import org.mloop.core.jobs.JobService;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.JobSubmission;
import org.mloop.core.json.ApiJson;

/**
 * /api/v1/jobs over the workspace's {@link JobService}: submit (the code as an upload, or naming a
 * snapshot the workspace stores by its sha256), list, show, cancel, read the log from an offset, list
 * and stream outputs; /api/v1/code-snapshots/{sha256} says whether a snapshot is stored.
 */
record JobsApi(JobService jobs, Uploads uploads) {
  static final int DEFAULT_LOG_BYTES = 64 * 1024;
  static final int MAX_LOG_BYTES = 4 * 1024 * 1024;

  void register(Routes routes, Transfers transfers) {
    String base = ApiBodies.BASE + "/jobs";
    Guard write = Guard.of(Permission.JOBS_WRITE);
    routes.post(base, write, (ctx, f) -> create(f));
    routes.get(base, (ctx, f) -> list("jobs", jobs.list(new JobQuery(
        emptyToNull(f.string("experiment_name")),
        f.enumValue("status", JobStatus.class, null, 0),
        f.intValue("limit", JobQuery.all().limit())))));
    routes.get(base + "/:name", (ctx, f) -> jobs.get(ctx.pathParam("name")));
    // Not under /jobs: a job may be named "code".
    routes.get(ApiBodies.BASE + "/code-snapshots/:sha256", (ctx, f) -> {
      String sha256 = ContentHash.checkSha256("code snapshot sha256", ctx.pathParam("sha256"));
      return jobs.storedCode(sha256).orElseThrow(() -> MloopException.notFound("code snapshot " + sha256
          + " not found among the workspace's stored code"));
    });
    routes.post(base + "/:name/cancel", write, (ctx, f) -> jobs.cancel(ctx.pathParam("name")));
    // wait_ms: how long to wait, when the log has nothing beyond offset yet, for it to grow or the job's status to change
    routes.getWaiting(base + "/:name/logs", (ctx, f) -> {
      long offset = f.longValue("offset", 0);
      int maxBytes = f.intValue("max_bytes", DEFAULT_LOG_BYTES);
      long waitMs = f.longValue("wait_ms", 0);
      if (offset < 0 || maxBytes <= 0) {
        throw MloopException.invalid("offset must be >= 0 and max_bytes > 0 (got " + offset + ", " + maxBytes + ")");
      }
      return jobs.readLog(ctx.pathParam("name"), offset, Math.min(maxBytes, MAX_LOG_BYTES), Duration.ofMillis(waitMs));
    });
    routes.get(base + "/:name/outputs/:output",
        (ctx, f) -> list("files", jobs.listOutput(ctx.pathParam("name"), ctx.pathParam("output"))));
    routes.stream(HttpMethod.GET, base + "/:name/outputs/:output/files/*", routes.bodies(), Guard.READ)
        .handler(transfers.download(ctx -> {
          String path = ApiBodies.tail(ctx, 7, "file path");
          return new Transfers.Download(
              jobs.openOutputFile(ctx.pathParam("name"), ctx.pathParam("output"), path), null, path);
        }));
  }

  private Object create(Fields f) {
    JsonNode specJson = f.raw("spec");
    if (specJson == null) {
      throw MloopException.invalid("Missing value for required parameter 'spec': send the job spec as JSON");
    }
    String sha256 = emptyToNull(f.string("code_sha256"));
    if (sha256 != null) {
      ContentHash.checkSha256("code_sha256", sha256);
    }
    String uploadId = emptyToNull(f.string("upload_id"));
    return uploadId == null ? create(f, null, sha256) : uploads.use(uploadId, code -> create(f, code, sha256));
  }

  /**
   * {@code code}: the upload holding the job's code files, or null; {@code sha256}: the snapshot the
   * files make (checked against them), or without an upload the stored snapshot the job runs, or null.
   */
  private Job create(Fields f, Path code, String sha256) {
    JobSpec spec = ApiJson.read(f.raw("spec"), JobSpec.class, "job spec");
    List<String> codeFiles = new ArrayList<>();
    for (String file : f.strings("code_files")) {
      codeFiles.add(ArtifactPath.parse("code file", file, Allow.TRAILING_SLASH).value());
    }
    if (code == null && sha256 == null && !codeFiles.isEmpty()) {
      throw MloopException.invalid("code_files are listed but neither upload_id names the upload holding them "
          + "nor code_sha256 a stored snapshot");
    }
    GitState git = f.has("git") ? ApiJson.read(f.raw("git"), GitState.class, "git") : null;
    JobCode jobCode = code != null ? JobCode.folder(code, codeFiles, git).withSha256(sha256)
        : sha256 != null ? JobCode.stored(sha256, codeFiles, git) : null;
    return jobs.create(new JobSubmission(spec, emptyToNull(f.string("name")), jobCode));
  }
}
