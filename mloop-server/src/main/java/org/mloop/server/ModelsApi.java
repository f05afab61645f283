package org.mloop.server;

import static org.mloop.server.ApiBodies.emptyToNull;
import static org.mloop.server.ApiBodies.list;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.data.AssetRef;
import org.mloop.core.json.ApiJson;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.GateRequest;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.registry.RegistryService;

/**
 * /api/v1/models over the workspace's {@link RegistryService}: mloop's own registry resources, with
 * lineage, alias history and files (MLflow's registered-models API is served separately, by
 * {@link RegisteredModelsApi} and {@link ModelVersionsApi}).
 */
record ModelsApi(RegistryService registry, Uploads uploads) {
  void register(Routes routes, Transfers transfers) {
    String model = ApiBodies.BASE + "/models/:name";
    String version = model + "/versions/:version";
    routes.get(ApiBodies.BASE + "/models", (ctx, f) -> list("models", registry.listModels()));
    routes.get(model, (ctx, f) -> registry.getModel(ctx.pathParam("name")));
    Guard models = Guard.of(Permission.MODELS_WRITE);
    routes.post(model + "/update", models, (ctx, f) -> registry.updateModel(ctx.pathParam("name"),
        f.has("description") ? f.string("description") : null, f.stringMap("set_tags"), f.strings("delete_tags")));
    routes.post(model + "/versions", models, (ctx, f) -> register(ctx.pathParam("name"), f));
    routes.get(model + "/versions", (ctx, f) -> list("model_versions", registry.listVersions(ctx.pathParam("name"))));
    routes.get(version, (ctx, f) -> modelVersion(ctx));
    routes.post(version + "/update", models, (ctx, f) -> registry.updateVersion(ctx.pathParam("name"),
        versionNumber(ctx), f.has("description") ? f.string("description") : null, f.stringMap("set_tags"),
        f.strings("delete_tags")));
    routes.post(version + "/archive", models,
        (ctx, f) -> registry.archiveVersion(ctx.pathParam("name"), versionNumber(ctx)));
    routes.json(HttpMethod.DELETE, version, Guard.of(Permission.DELETE), (ctx, f) -> {
      registry.deleteVersion(ctx.pathParam("name"), versionNumber(ctx));
      return ApiBodies.empty();
    });
    routes.post(version + "/gate", Guard.of(Permission.MODELS_EVALUATE), (ctx, f) -> registry.gate(gate(ctx, f)));
    routes.get(version + "/files", (ctx, f) -> list("files", registry.listFiles(modelVersion(ctx))));
    routes.stream(HttpMethod.GET, version + "/files/*", routes.bodies(), Guard.READ)
        .handler(transfers.download(ctx -> {
          String path = ApiBodies.tail(ctx, 7, "file path");
          return new Transfers.Download(registry.openFile(modelVersion(ctx), path), null, path);
        }));
    routes.get(model + "/aliases/:alias", (ctx, f) -> registry.getVersion(
        new ModelRef(ctx.pathParam("name"), null, ModelRef.checkAlias(ctx.pathParam("alias"), null))));
    Guard alias = Guard.on(Permission.ALIASES_WRITE,
        (ctx, f) -> List.of(Resource.alias(ctx.pathParam("name"), ctx.pathParam("alias"))));
    routes.post(model + "/aliases/:alias", alias, (ctx, f) -> aliasMove(registry.setAlias(ctx.pathParam("name"),
        ctx.pathParam("alias"), (int) f.requiredLong("version"), who(ctx, f), emptyToNull(f.string("reason")))));
    routes.post(model + "/aliases/:alias/delete", alias, (ctx, f) -> aliasMove(registry.deleteAlias(
        ctx.pathParam("name"), ctx.pathParam("alias"), who(ctx, f), emptyToNull(f.string("reason")))));
    routes.get(model + "/history", (ctx, f) -> list("alias_moves",
        registry.aliasHistory(ctx.pathParam("name"), emptyToNull(f.string("alias")))));
  }

  /**
   * A version registered from a job output (job_name, output_name) or from an upload holding the
   * model folder (upload_id); the upload is deleted either way.
   */
  private ModelVersion register(String name, Fields f) {
    String description = emptyToNull(f.string("description"));
    String uploadId = emptyToNull(f.string("upload_id"));
    if (uploadId == null) {
      return registry.register(ModelRegistration.fromJob(name, f.requiredString("job_name"),
          emptyToNull(f.string("output_name")), description, f.stringMap("tags")));
    }
    return uploads.use(uploadId, files ->
        registry.register(ModelRegistration.fromFolder(name, files, description, f.stringMap("tags"))));
  }

  /**
   * The champion gate of /models/NAME/versions/VERSION: data (a data asset reference, required),
   * champion (a model reference; NAME@production unless given), metric, min_delta, label.
   */
  private static GateRequest gate(RoutingContext ctx, Fields f) {
    String champion = emptyToNull(f.string("champion"));
    return GateRequest.builder(versionRef(ctx))
        .champion(champion == null ? null : ModelRef.parse(champion))
        .data(AssetRef.parse(f.requiredString("data")))
        .metric(emptyToNull(f.string("metric")))
        .minDelta(f.has("min_delta") ? f.requiredDouble("min_delta") : 0)
        .label(emptyToNull(f.string("label")))
        .build();
  }

  private static ModelRef versionRef(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String version = ctx.pathParam("version");
    return ModelRef.parse("latest".equals(version) ? name : name + ":" + version);
  }

  /** /models/NAME/versions/VERSION, VERSION a number or "latest". */
  private ModelVersion modelVersion(RoutingContext ctx) {
    return registry.getVersion(versionRef(ctx));
  }

  private static int versionNumber(RoutingContext ctx) {
    return ModelRef.parse(ctx.pathParam("name") + ":" + ctx.pathParam("version")).version();
  }

  /** The caller as recorded in alias moves: the token's name when one was sent, with the user name the client gave. */
  static String who(RoutingContext ctx, Fields f) {
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
}
