package org.mloop.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.util.List;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.json.ApiJson;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
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
    routes.post(BASE + "/uploads", data, (ctx, f) -> object("upload_id", uploads.create()));
    routes.stream(HttpMethod.PUT, BASE + "/uploads/:id/files/*", data).handler(transfers.upload((ctx, body) -> {
      String path = RelativePaths.check(RelativePaths.tail(ctx.request().path(), 5), "upload path", false);
      long size = uploads.write(ctx.pathParam("id"), path, body);
      ObjectNode out = object("path", path);
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
    String model = BASE + "/models/:name";
    String version = model + "/versions/:version";
    routes.get(BASE + "/models", (ctx, f) -> list("models", workspace.listModels()));
    routes.get(model, (ctx, f) -> workspace.getRegisteredModel(ctx.pathParam("name")));
    Guard models = Guard.of(Permission.MODELS_WRITE);
    routes.post(model + "/update", models, (ctx, f) -> workspace.updateRegisteredModel(ctx.pathParam("name"),
        f.has("description") ? f.string("description") : null, f.stringMap("set_tags"), f.strings("delete_tags")));
    routes.post(model + "/versions", models, (ctx, f) -> registerModel(ctx.pathParam("name"), f));
    routes.get(model + "/versions", (ctx, f) -> list("model_versions", workspace.listModelVersions(ctx.pathParam("name"))));
    routes.get(version, (ctx, f) -> modelVersion(ctx));
    routes.post(version + "/update", models, (ctx, f) -> workspace.updateModelVersion(ctx.pathParam("name"), versionNumber(ctx),
        f.has("description") ? f.string("description") : null, f.stringMap("set_tags"), f.strings("delete_tags")));
    routes.post(version + "/archive", models, (ctx, f) -> workspace.archiveModelVersion(ctx.pathParam("name"), versionNumber(ctx)));
    routes.json(HttpMethod.DELETE, version, Guard.of(Permission.DELETE), (ctx, f) -> {
      workspace.deleteModelVersion(ctx.pathParam("name"), versionNumber(ctx));
      return ApiJson.mapper().createObjectNode();
    });
    routes.get(version + "/files", (ctx, f) -> list("files", workspace.listModelFiles(modelVersion(ctx))));
    routes.stream(HttpMethod.GET, version + "/files/*", routes.bodies(), Guard.READ)
        .handler(transfers.download(ctx -> {
          String path = tail(ctx, 7, "file path");
          return new Transfers.Download(workspace.openModelFile(modelVersion(ctx), path), null, path);
        }));
    routes.get(model + "/aliases/:alias", (ctx, f) -> workspace.getModelVersion(
        new ModelRef(ctx.pathParam("name"), null, ModelRef.checkAlias(ctx.pathParam("alias"), null))));
    Guard alias = Guard.on(Permission.ALIASES_WRITE,
        (ctx, f) -> List.of(Resource.alias(ctx.pathParam("name"), ctx.pathParam("alias"))));
    routes.post(model + "/aliases/:alias", alias, (ctx, f) -> aliasMove(workspace.setModelAlias(ctx.pathParam("name"),
        ctx.pathParam("alias"), (int) f.requiredLong("version"), who(ctx, f), emptyToNull(f.string("reason")))));
    routes.post(model + "/aliases/:alias/delete", alias, (ctx, f) -> aliasMove(workspace.deleteModelAlias(
        ctx.pathParam("name"), ctx.pathParam("alias"), who(ctx, f), emptyToNull(f.string("reason")))));
    routes.get(model + "/history", (ctx, f) -> list("alias_moves",
        workspace.modelHistory(ctx.pathParam("name"), emptyToNull(f.string("alias")))));

    // ---- online endpoints and deployments
    new EndpointsApi(workspace, endpointsChanged).register(routes, transfers);

    // ---- monitors, alerts and ground truth
    new MonitorsApi(workspace, endpointsChanged).register(routes, transfers);

    // ---- artifacts of `mloop ci run` runs
    new CiArtifactsApi(workspace).register(routes, transfers);
  }

  /**
   * A version registered from a job output (job_name, output_name) or from an upload holding the
   * model folder (upload_id); the upload is deleted either way.
   */
  private ModelVersion registerModel(String name, Fields f) {
    String description = emptyToNull(f.string("description"));
    String uploadId = emptyToNull(f.string("upload_id"));
    if (uploadId == null) {
      return workspace.registerModel(ModelRegistration.fromJob(name, f.requiredString("job_name"),
          emptyToNull(f.string("output_name")), description, f.stringMap("tags")));
    }
    return uploads.use(uploadId, files ->
        workspace.registerModel(ModelRegistration.fromFolder(name, files, description, f.stringMap("tags"))));
  }

  /** /models/NAME/versions/VERSION, VERSION a number or "latest". */
  private ModelVersion modelVersion(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String version = ctx.pathParam("version");
    return workspace.getModelVersion(ModelRef.parse("latest".equals(version) ? name : name + ":" + version));
  }

  private static int versionNumber(RoutingContext ctx) {
    return ModelRef.parse(ctx.pathParam("name") + ":" + ctx.pathParam("version")).version();
  }

  /** The caller as recorded in alias moves: the token's name when one was sent, with the user name the client gave. */
  private static String who(RoutingContext ctx, Fields f) {
    String caller = ctx.get(BearerAuth.CALLER);
    String claimed = emptyToNull(f.string("who"));
    if (caller == null) {
      return claimed;
    }
    return claimed == null ? caller : claimed + " via " + caller;
  }

  private static ObjectNode aliasMove(AliasMove move) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.set("alias_move", move == null ? null : ApiJson.tree(move));
    return out;
  }

  static String tail(RoutingContext ctx, int segments, String what) {
    return RelativePaths.check(RelativePaths.tail(ctx.request().path(), segments), what, false);
  }

  private static ObjectNode list(String field, List<?> items) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.set(field, ApiJson.tree(items));
    return out;
  }

  private static ObjectNode object(String field, String value) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.put(field, value);
    return out;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
