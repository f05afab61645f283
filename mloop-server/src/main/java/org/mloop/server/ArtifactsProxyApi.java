package org.mloop.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.auth.Permission;
import org.mloop.core.json.MlflowJson;

/**
 * MLflow's artifact proxy ("mlflow-artifacts" URIs): clients PUT and GET run artifacts through
 * the server, streamed both ways. The URL path after /artifacts/ maps to store path
 * "mlartifacts/&lt;path&gt;", so a run's artifact_uri mlflow-artifacts:/EXP/RUN/artifacts lands under
 * mlartifacts/EXP/RUN/artifacts.
 *
 * <p>Paths under "models/" are the registry's verified copies of model versions (the download URI
 * of a version is mlflow-artifacts:/models/NAME/SHA256): readable here, never writable, so a
 * registered version cannot change. Experiment ids are numbers, so no run path collides with them.
 */
final class ArtifactsProxyApi {
  static final String BASE = "/api/2.0/mlflow-artifacts/artifacts";
  static final String STORE_PREFIX = "mlartifacts/";
  /** Segments of BASE: api, 2.0, mlflow-artifacts, artifacts. */
  private static final int BASE_SEGMENTS = 4;

  private final ArtifactStore artifacts;

  ArtifactsProxyApi(ArtifactStore artifacts) {
    this.artifacts = artifacts;
  }

  void register(Routes routes, Transfers transfers) {
    routes.get(BASE, (ctx, f) -> list(f.string("path")));
    Guard write = Guard.of(Permission.RUNS_WRITE);
    routes.stream(HttpMethod.PUT, BASE + "/" + ModelSources.MODELS_PREFIX + "*", write).handler(ctx -> ErrorResponses.send(ctx,
        ErrorCode.PERMISSION_DENIED, "registered model files are immutable: log files to a run's artifacts and"
            + " register a new model version instead"));
    routes.stream(HttpMethod.PUT, BASE + "/*", write).handler(transfers.upload((ctx, body) -> {
      artifacts.write(STORE_PREFIX + filePath(ctx), body);
      return MlflowJson.object();
    }));
    routes.stream(HttpMethod.GET, BASE + "/*", routes.bodies(), Guard.READ).handler(transfers.download(ctx -> {
      String path = filePath(ctx);
      ArtifactFile file = artifacts.stat(storePath(path))
          .filter(f -> !f.directory())
          .orElseThrow(() -> MloopException.notFound("artifact '" + path + "' not found"));
      return new Transfers.Download(artifacts.read(storePath(path)), file.sizeBytes(), path);
    }));
  }

  /** Where a proxy path lives in the artifact store. */
  static String storePath(String proxyPath) {
    return proxyPath.startsWith(ModelSources.MODELS_PREFIX) ? proxyPath : STORE_PREFIX + proxyPath;
  }

  private static String filePath(RoutingContext ctx) {
    return ArtifactPath.parse("artifact path", RelativePaths.tail(ctx.request().path(), BASE_SEGMENTS),
        Allow.TRAILING_SLASH).value();
  }

  /** Direct children of a directory, named by their base names as MLflow's proxy does. */
  private ObjectNode list(String path) {
    String relative = ArtifactPath.parse("artifact path", path, Allow.TRAILING_SLASH, Allow.ROOT).value();
    String directory = relative.isEmpty() ? STORE_PREFIX.substring(0, STORE_PREFIX.length() - 1) : storePath(relative);
    ObjectNode out = MlflowJson.object();
    ArrayNode files = out.putArray("files");
    for (ArtifactFile file : TrackingApi.listOrEmpty(artifacts, directory)) {
      String name = file.path().substring(file.path().lastIndexOf('/') + 1);
      files.add(MlflowJson.fileInfo(name, file.directory(), file.sizeBytes()));
    }
    return out;
  }
}
