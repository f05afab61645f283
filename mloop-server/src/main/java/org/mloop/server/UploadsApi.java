package org.mloop.server;

import static org.mloop.server.ApiBodies.BASE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.auth.Permission;

/**
 * How files reach the server: POST /api/v1/uploads gives an upload_id, each file is PUT (streamed)
 * to /api/v1/uploads/{id}/files/{path}, and the create request that follows names the upload (a data
 * asset in {@link DataAssetsApi}, a job's code in {@link JobsApi}, a model folder in
 * {@link ModelsApi}); the server builds from the staged files and deletes the upload.
 */
record UploadsApi(Uploads uploads) {
  void register(Routes routes, Transfers transfers) {
    Guard data = Guard.of(Permission.DATA_WRITE);
    routes.post(BASE + "/uploads", data, (ctx, f) -> ApiBodies.object("upload_id", uploads.create()));
    routes.stream(HttpMethod.PUT, BASE + "/uploads/:id/files/*", data).handler(transfers.upload((ctx, body) -> {
      String path = ArtifactPath.parse("upload path", RelativePaths.tail(ctx.request().path(), 5),
          Allow.TRAILING_SLASH).value();
      long size = uploads.write(ctx.pathParam("id"), path, body);
      ObjectNode out = ApiBodies.object("path", path);
      out.put("size_bytes", size);
      return out;
    }));
    routes.json(HttpMethod.DELETE, BASE + "/uploads/:id", data, (ctx, f) -> {
      uploads.files(ctx.pathParam("id"));
      uploads.delete(ctx.pathParam("id"));
      return ApiBodies.empty();
    });
  }
}
