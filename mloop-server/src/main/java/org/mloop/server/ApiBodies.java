package org.mloop.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.json.ApiJson;

/**
 * Small pieces of mloop's /api/v1 answers and requests every stage's API uses. Each stage has its own
 * API class over its service ({@link DataAssetsApi}, {@link JobsApi}, {@link TrackingApi} (MLflow's,
 * with /api/v1/runs/RUN/artifacts), {@link ModelsApi}, {@link EndpointsApi}, {@link MonitorsApi},
 * {@link CiArtifactsApi}), and the client's remote services mirror them. Records travel as
 * {@link ApiJson}.
 */
final class ApiBodies {
  static final String BASE = "/api/v1";

  private ApiBodies() {}

  /** The relative file path at the end of a request path, after {@code segments} segments, checked. */
  static String tail(RoutingContext ctx, int segments, String what) {
    return ArtifactPath.parse(what, RelativePaths.tail(ctx.request().path(), segments), Allow.TRAILING_SLASH).value();
  }

  /** {"field": [items...]}. */
  static ObjectNode list(String field, List<?> items) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.set(field, ApiJson.tree(items));
    return out;
  }

  static ObjectNode object(String field, String value) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.put(field, value);
    return out;
  }

  static ObjectNode empty() {
    return ApiJson.mapper().createObjectNode();
  }

  static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
