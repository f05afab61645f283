package org.mloop.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.auth.Permission;
import org.mloop.core.json.ApiJson;
import org.mloop.core.ci.CiArtifactService;

/**
 * The artifacts of `mloop ci run` runs ({@code actions/upload-artifact}), over the workspace's
 * {@link CiArtifactService}, so the jobs of a run (and later runs, by run number) share them
 * through the server. CI is the CI home's key, RUN the run number.
 *
 * <pre>
 * GET    /api/v1/ci/CI/runs/RUN/artifacts                        {artifacts: [NAME, ...]}
 * GET    /api/v1/ci/CI/runs/RUN/artifacts/NAME                   {files: [...]} (404 naming the run's artifacts)
 * DELETE /api/v1/ci/CI/runs/RUN/artifacts/NAME
 * GET    /api/v1/ci/CI/runs/RUN/artifacts/NAME/files/PATH        the file
 * PUT    /api/v1/ci/CI/runs/RUN/artifacts/NAME/files/PATH        one file, streamed (at most LocalCiArtifactService.MAX_FILE_BYTES)
 * </pre>
 */
record CiArtifactsApi(CiArtifactService artifacts) {
  void register(Routes routes, Transfers transfers) {
    String run = ApiBodies.BASE + "/ci/:ci/runs/:run";
    String artifact = run + "/artifacts/:name";
    routes.get(run + "/artifacts", (ctx, f) -> {
      ObjectNode out = ApiJson.mapper().createObjectNode();
      out.set("artifacts", ApiJson.tree(artifacts.list(ci(ctx), run(ctx))));
      return out;
    });
    routes.get(artifact, (ctx, f) -> {
      ObjectNode out = ApiJson.mapper().createObjectNode();
      out.set("files", ApiJson.tree(artifacts.listFiles(ci(ctx), run(ctx), name(ctx))));
      return out;
    });
    routes.json(HttpMethod.DELETE, artifact, Guard.of(Permission.RUNS_WRITE), (ctx, f) -> {
      artifacts.delete(ci(ctx), run(ctx), name(ctx));
      return ApiJson.mapper().createObjectNode();
    });
    routes.stream(HttpMethod.GET, artifact + "/files/*", routes.bodies(), Guard.READ)
        .handler(transfers.download(ctx -> {
          String path = path(ctx);
          return new Transfers.Download(artifacts.open(ci(ctx), run(ctx), name(ctx), path), null, path);
        }));
    // The size limit is the service's, checked as the body streams in.
    routes.stream(HttpMethod.PUT, artifact + "/files/*", Guard.of(Permission.RUNS_WRITE)).handler(transfers.upload((ctx, body) ->
        ApiJson.tree(artifacts.write(ci(ctx), run(ctx), name(ctx), path(ctx), body))));
  }

  private static String ci(RoutingContext ctx) {
    return CiArtifactService.checkKey(ctx.pathParam("ci"));
  }

  private static int run(RoutingContext ctx) {
    String text = ctx.pathParam("run");
    if (text == null || !text.matches("\\d{1,9}")) {
      throw MloopException.invalid("CI run '" + text + "' is not a run number");
    }
    return Integer.parseInt(text);
  }

  private static String name(RoutingContext ctx) {
    return CiArtifactService.checkName(ctx.pathParam("name"));
  }

  /** /api/v1/ci/CI/runs/RUN/artifacts/NAME/files/PATH: the PATH after nine segments. */
  private static String path(RoutingContext ctx) {
    return ArtifactPath.parse("artifact file path", RelativePaths.tail(ctx.request().path(), 9),
        Allow.TRAILING_SLASH).value();
  }
}
