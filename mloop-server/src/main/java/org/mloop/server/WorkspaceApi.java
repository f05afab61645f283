package org.mloop.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import org.mloop.core.auth.Permission;
import org.mloop.core.json.ApiJson;
import org.mloop.core.workspace.Workspace;

/**
 * mloop's own resources, for what MLflow's API has no words for: data assets, jobs, run
 * artifact files, the model registry with lineage and alias history, online endpoints
 * ({@link EndpointsApi}) and their monitors ({@link MonitorsApi}). Every call delegates to the served {@link Workspace}, so a CLI pointed at the
 * server behaves as one on the workspace directory. Records travel as {@link ApiJson}.
 *
 * <p>Files come in through uploads: POST /api/v1/uploads gives an upload_id, each file is PUT (streamed)
 * to /api/v1/uploads/{id}/files/{path}, and the create request names the upload; the server builds the
 * data asset or the job's code from the staged files and deletes the upload.
 */
final class WorkspaceApi {
  static final String BASE = "/api/v1";

  private final Workspace workspace;
  private final Uploads uploads;
  private final Runnable endpointsChanged;

  /** {@code endpointsChanged} runs after every change to an endpoint or deployment made through this API. */
  WorkspaceApi(Workspace workspace, Uploads uploads, Runnable endpointsChanged) {
    this.workspace = workspace;
    this.uploads = uploads;
    this.endpointsChanged = endpointsChanged;
  }

  void register(Routes routes, Transfers transfers) {
    // ---- uploads
    Guard data = Guard.of(Permission.DATA_WRITE);
    routes.post(BASE + "/uploads", data, (ctx, f) -> ApiBodies.object("upload_id", uploads.create()));
    routes.stream(HttpMethod.PUT, BASE + "/uploads/:id/files/*", data).handler(transfers.upload((ctx, body) -> {
      String path = RelativePaths.check(RelativePaths.tail(ctx.request().path(), 5), "upload path", false);
      long size = uploads.write(ctx.pathParam("id"), path, body);
      ObjectNode out = ApiBodies.object("path", path);
      out.put("size_bytes", size);
      return out;
    }));
    routes.json(HttpMethod.DELETE, BASE + "/uploads/:id", data, (ctx, f) -> {
      uploads.files(ctx.pathParam("id"));
      uploads.delete(ctx.pathParam("id"));
      return ApiJson.mapper().createObjectNode();
    });

    // ---- data assets
    new DataAssetsApi(workspace.data(), uploads).register(routes, transfers);

    // ---- jobs
    new JobsApi(workspace.jobs(), uploads).register(routes, transfers);

    // ---- model registry (mloop's own; MLflow's registered-models API is served separately)
    new ModelsApi(workspace.registry(), uploads).register(routes, transfers);

    // ---- online endpoints and deployments
    new EndpointsApi(workspace.endpoints(), endpointsChanged).register(routes, transfers);

    // ---- monitors, alerts and ground truth
    new MonitorsApi(workspace.monitors(), endpointsChanged).register(routes, transfers);

    // ---- artifacts of `mloop ci run` runs
    new CiArtifactsApi(workspace.ciArtifacts()).register(routes, transfers);
  }

  static String tail(RoutingContext ctx, int segments, String what) {
    return RelativePaths.check(RelativePaths.tail(ctx.request().path(), segments), what, false);
  }
}
