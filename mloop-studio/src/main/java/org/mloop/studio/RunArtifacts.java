package org.mloop.studio;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.workspace.Workspace;
import org.mloop.studio.pages.RunPage;

/**
 * GET /runs/RUN/artifact?path=P: one file a run logged, read through the tracking service. PNG and JPEG
 * are answered with their image type, to be shown inline (the run page's previews); every other file is
 * {@code application/octet-stream} with {@code Content-Disposition: attachment}, a download never shown
 * as a page. {@code X-Content-Type-Options: nosniff} (as on every studio answer) keeps browsers to that.
 * Files over {@link #MAX_BYTES} are left to {@code mloop} and the API's download.
 */
final class RunArtifacts {
  static final int MAX_BYTES = 32 * 1024 * 1024;

  private RunArtifacts() {}

  /** Sends the file and returns null (the response is ended), or fails with the reason. */
  static Studio.Reply send(RoutingContext ctx, Workspace workspace) throws IOException {
    String runId = ctx.pathParam("run");
    String path = ArtifactPath.parse("artifact path", ctx.queryParams().get("path")).value();
    byte[] bytes;
    try (InputStream in = workspace.tracking().openArtifact(runId, path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw MloopException.invalid("artifact path '" + path + "' is over " + (MAX_BYTES >> 20)
          + " MiB: download it with the API or the CLI");
    }
    String image = RunPage.imageType(path);
    var response = ctx.response();
    if (image != null) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, image);
    } else {
      String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
      response.putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
          .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
    response.putHeader("X-Content-Type-Options", "nosniff").end(Buffer.buffer(bytes));
    return null;
  }
}
