package org.mloop.server;

import static org.mloop.server.ApiBodies.emptyToNull;
import static org.mloop.server.ApiBodies.list;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.auth.Permission;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.DataAsset;
import org.mloop.core.data.DataService;

/**
 * /api/v1/data-assets over the workspace's {@link DataService}: a data asset is created from an
 * upload (see {@link UploadsApi}) and its files are listed and streamed by version.
 */
record DataAssetsApi(DataService data, Uploads uploads) {
  void register(Routes routes, Transfers transfers) {
    String base = ApiBodies.BASE + "/data-assets";
    routes.post(base, Guard.of(Permission.DATA_WRITE), (ctx, f) -> create(f));
    routes.get(base, (ctx, f) -> list("data_assets", data.list(emptyToNull(f.string("name")))));
    routes.get(base + "/:name/versions/:version", (ctx, f) -> asset(ctx));
    routes.get(base + "/:name/versions/:version/files", (ctx, f) -> list("files", data.listFiles(asset(ctx))));
    routes.stream(HttpMethod.GET, base + "/:name/versions/:version/files/*", routes.bodies(), Guard.READ)
        .handler(transfers.download(ctx -> {
          String path = ApiBodies.tail(ctx, 7, "file path");
          return new Transfers.Download(data.openFile(asset(ctx), path), null, path);
        }));
  }

  private DataAsset create(Fields f) {
    String name = f.requiredString("name");
    String uploadId = f.requiredString("upload_id");
    return uploads.use(uploadId, files -> {
      String path = ArtifactPath.parse("path", f.string("path"), Allow.TRAILING_SLASH, Allow.ROOT).value();
      Path source = path.isEmpty() ? files : files.resolve(path);
      if (!Files.exists(source)) {
        throw MloopException.invalid("path '" + path + "' is not in upload " + uploadId + ": PUT it to "
            + ApiBodies.BASE + "/uploads/" + uploadId + "/files/" + path + " first");
      }
      // An upload holds the regular files the client sent; the client walked its folder's links.
      return data.create(name, source, emptyToNull(f.string("description")), f.stringMap("tags"));
    });
  }

  /** The data asset version named by the path: /data-assets/NAME/versions/VERSION, VERSION a number or "latest". */
  private DataAsset asset(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String version = ctx.pathParam("version");
    String ref = "latest".equals(version) ? name + "@latest" : name + ":" + version;
    return data.get(AssetRef.parse(ref));
  }
}
