package org.mloop.server;

import static org.mloop.server.ApiBodies.emptyToNull;
import static org.mloop.server.ApiBodies.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.artifacts.ArtifactPath.Allow;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointKeys;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.json.ApiJson;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.rollout.RestoreRequest;
import org.mloop.core.rollout.RolloutRequest;
import org.mloop.core.endpoints.EndpointService;

/**
 * Online endpoints and their deployments under /api/v1/endpoints, the administration half of
 * Azure's online endpoints (scoring itself is served elsewhere), over the workspace's
 * {@link EndpointService}, so `mloop endpoint ...` against a server behaves as against the
 * workspace directory. Endpoint answers never carry the keys: only GET .../keys does (permission
 * endpoints.keys.read, with the endpoint in the token's scope), which remote scoring hosts and
 * {@code mloop endpoint invoke} call.
 *
 * <pre>
 * POST   /endpoints                        {name, description?, auth_mode?: key|none}
 * GET    /endpoints                        {endpoints: [...]}
 * GET    /endpoints/E                      the endpoint, without its keys
 * GET    /endpoints/E/keys                 {auth_mode, primary_key, secondary_key} (get-keys)
 * DELETE /endpoints/E
 * POST   /endpoints/E/traffic              {traffic?: {blue: 90, green: 10}, mirror_traffic?: {green: 20}} (PATCH too)
 * POST   /endpoints/E/keys/regenerate      {key_type: primary|secondary}
 * POST   /endpoints/E/rollout              {model, canary_percent?, smoke_test_request?, alias?, deployment?,
 *                                           keep_previous?: true, collect_percent?, description?, reason?}
 * POST   /endpoints/E/restore              {alias?, target?, smoke_test_request?, reason?}
 * POST   /endpoints/E/deployments          {name, model, instance_count?: 1, data_collection?: {sample_percent}, traffic?: 0|100}
 * GET    /endpoints/E/deployments          {deployments: [...]}
 * GET    /endpoints/E/deployments/D
 * PATCH  /endpoints/E/deployments/D        {instance_count?, data_collection?: {sample_percent}}
 * DELETE /endpoints/E/deployments/D
 * GET    /endpoints/E/deployments/D/logs?after=ID&amp;limit=N   {events: [...]}
 * POST   /endpoints/E/deployments/D/logs   {host?, message}
 * GET    /endpoints/E/deployments/D/collected                 {files: [...]}
 * GET    /endpoints/E/deployments/D/collected/PATH            the file
 * PUT    /endpoints/E/deployments/D/collected/PATH            a new file (never overwrites)
 * </pre>
 */
final class EndpointsApi {
  static final int DEFAULT_LOG_LINES = 1000;
  static final int MAX_LOG_LINES = 10_000;
  static final int MAX_LOG_MESSAGE = 16 * 1024;
  /** Collected files are rolled by the scoring host well below this. */
  static final int MAX_COLLECTED_BYTES = 64 * 1024 * 1024;

  private final EndpointService endpoints;
  private final Runnable changed;

  /**
   * {@code changed} runs after each successful change of an endpoint or deployment (the server's
   * scoring host re-reads them then, rather than at its next poll).
   */
  EndpointsApi(EndpointService endpoints, Runnable changed) {
    this.endpoints = endpoints;
    this.changed = changed == null ? () -> { } : changed;
  }

  /** The action, followed by {@link #changed} once it succeeded. */
  private Routes.Action changing(Routes.Action action) {
    return (ctx, f) -> {
      Object result = action.apply(ctx, f);
      changed.run();
      return result;
    };
  }

  void register(Routes routes, Transfers transfers) {
    String base = ApiBodies.BASE + "/endpoints";
    String endpoint = base + "/:endpoint";
    String deployments = endpoint + "/deployments";
    String deployment = deployments + "/:deployment";

    Guard write = Guard.endpoint(Permission.ENDPOINTS_WRITE);
    routes.post(base, Guard.on(Permission.ENDPOINTS_WRITE,
        (ctx, f) -> List.of(Resource.endpoint(f.requiredString("name")))), changing((ctx, f) -> endpoints.create(
        f.requiredString("name"), emptyToNull(f.string("description")), authMode(f.string("auth_mode")))));
    routes.get(base, (ctx, f) -> list("endpoints", endpoints.list()));
    routes.get(endpoint, (ctx, f) -> endpoints.get(ep(ctx)));
    routes.get(endpoint + "/keys", Guard.endpoint(Permission.ENDPOINT_KEYS_READ), (ctx, f) -> keys(ep(ctx)));
    routes.json(HttpMethod.DELETE, endpoint, Guard.endpoint(Permission.DELETE), changing((ctx, f) -> {
      endpoints.delete(ep(ctx));
      return ApiJson.mapper().createObjectNode();
    }));
    Routes.Action traffic = changing((ctx, f) -> {
      Map<String, Integer> live = percents(f, "traffic");
      Map<String, Integer> mirror = percents(f, "mirror_traffic");
      if (live == null && mirror == null) {
        throw MloopException.invalid("nothing to change: send traffic ({\"blue\": 90, \"green\": 10}) and/or "
            + "mirror_traffic ({\"green\": 20}, or {} to stop mirroring)");
      }
      return endpoints.updateTraffic(ep(ctx), live, mirror);
    });
    routes.post(endpoint + "/traffic", write, traffic);
    routes.json(HttpMethod.PATCH, endpoint + "/traffic", write, traffic);
    routes.post(endpoint + "/keys/regenerate", Guard.endpoint(Permission.ENDPOINT_KEYS_REGENERATE),
        changing((ctx, f) -> endpoints.regenerateKey(ep(ctx), KeyType.parse(f.requiredString("key_type")))));

    // A rollout changes the endpoint and moves the alias: both must be in the token's scope.
    routes.post(endpoint + "/rollout", Guard.on(Permission.ENDPOINTS_WRITE, (ctx, f) -> withAlias(ctx,
        modelName(f.string("model")), f.string("alias"))), changing((ctx, f) -> endpoints.rollout(
        RolloutRequest.builder().endpoint(ep(ctx)).model(f.requiredString("model"))
            .canaryPercent(f.intValue("canary_percent", 0)).smokeTestRequest(emptyToNull(f.string("smoke_test_request")))
            .alias(emptyToNull(f.string("alias"))).deployment(emptyToNull(f.string("deployment")))
            .keepPrevious(f.booleanValue("keep_previous", true))
            .collectPercent(f.has("collect_percent") ? f.requiredDouble("collect_percent") : null)
            .description(emptyToNull(f.string("description"))).reason(emptyToNull(f.string("reason")))
            .who(ModelsApi.who(ctx, f)).build())));
    // A restore moves the alias of the models the endpoint's deployments serve (the target's, when named).
    routes.post(endpoint + "/restore", Guard.on(Permission.ENDPOINTS_WRITE, this::restoreResources), changing((ctx, f) -> endpoints.restore(RestoreRequest.builder().endpoint(ep(ctx))
        .alias(emptyToNull(f.string("alias"))).target(emptyToNull(f.string("target")))
        .smokeTestRequest(emptyToNull(f.string("smoke_test_request"))).reason(emptyToNull(f.string("reason")))
        .who(ModelsApi.who(ctx, f)).build())));

    routes.post(deployments, write, changing((ctx, f) -> {
      Integer share = f.has("traffic") ? f.intValue("traffic", 0) : null;
      return endpoints.createDeployment(new DeploymentSpec(ep(ctx), f.requiredString("name"),
          f.requiredString("model"), f.intValue("instance_count", 1), dataCollection(f.raw("data_collection")),
          share));
    }));
    routes.get(deployments, (ctx, f) -> list("deployments", endpoints.listDeployments(ep(ctx))));
    routes.get(deployment, (ctx, f) -> endpoints.getDeployment(ep(ctx), dep(ctx)));
    routes.json(HttpMethod.PATCH, deployment, write, changing((ctx, f) -> {
      Integer count = f.has("instance_count") ? f.intValue("instance_count", 1) : null;
      DataCollection collection = dataCollection(f.raw("data_collection"));
      if (count == null && collection == null) {
        throw MloopException.invalid("nothing to change: send instance_count and/or data_collection "
            + "({\"sample_percent\": 10})");
      }
      return endpoints.updateDeployment(ep(ctx), dep(ctx), count, collection);
    }));
    // Retiring a deployment without traffic is part of every rollout, so it is a deployer's change, not a delete.
    routes.json(HttpMethod.DELETE, deployment, write, changing((ctx, f) -> {
      endpoints.deleteDeployment(ep(ctx), dep(ctx));
      return ApiJson.mapper().createObjectNode();
    }));

    routes.get(deployment + "/logs", (ctx, f) -> {
      long after = f.longValue("after", 0);
      int limit = f.intValue("limit", DEFAULT_LOG_LINES);
      if (after < 0 || limit < 1 || limit > MAX_LOG_LINES) {
        throw MloopException.invalid("after must be >= 0 and limit from 1 to " + MAX_LOG_LINES + " (got after="
            + after + ", limit=" + limit + ")");
      }
      return list("events", endpoints.deploymentLogs(ep(ctx), dep(ctx), after, limit));
    });
    routes.post(deployment + "/logs", write, (ctx, f) -> {
      String message = f.requiredString("message");
      if (message.length() > MAX_LOG_MESSAGE) {
        throw MloopException.invalid("log message is " + message.length() + " characters; the limit is "
            + MAX_LOG_MESSAGE);
      }
      String host = emptyToNull(f.string("host"));
      endpoints.logDeploymentEvent(ep(ctx), dep(ctx), host == null ? callerHost(ctx) : host, message);
      return ApiJson.mapper().createObjectNode();
    });

    // The listing is registered before the wildcard routes, which would also match it.
    routes.get(deployment + "/collected", (ctx, f) -> list("files", endpoints.listCollectedData(ep(ctx), dep(ctx))));
    routes.stream(HttpMethod.GET, deployment + "/collected/*", routes.bodies(), Guard.READ)
        .handler(transfers.download(ctx -> {
          String path = collectedPath(ctx);
          return new Transfers.Download(endpoints.openCollectedData(ep(ctx), dep(ctx), path), null, path);
        }));
    routes.stream(HttpMethod.PUT, deployment + "/collected/*", write).handler(transfers.upload((ctx, body) -> {
      String path = collectedPath(ctx);
      byte[] content = readBounded(body, path);
      endpoints.writeCollectedData(ep(ctx), dep(ctx), path, content);
      ObjectNode out = ApiJson.mapper().createObjectNode();
      out.put("path", path);
      out.put("size_bytes", content.length);
      return out;
    }));
  }

  /** Azure's get-keys names: the only answer that carries an endpoint's keys. */
  private ObjectNode keys(String name) {
    Endpoint e = endpoints.get(name);
    EndpointKeys keys = endpoints.getKeys(name);
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.put("auth_mode", e.authMode().wireName());
    out.put("primary_key", keys.primary());
    out.put("secondary_key", keys.secondary());
    return out;
  }

  /** The endpoint of the path and, when one is moved, the alias. */
  /**
   * What a restore changes: the endpoint, and the alias of each model its deployments serve (only the
   * target's when one is named). When they cannot be read (no such endpoint or deployment), the alias of
   * every model, so that only a token allowed that may go on to learn why the restore is refused.
   */
  private List<Resource> restoreResources(RoutingContext ctx, Fields f) {
    String alias = f.string("alias");
    if (alias == null || alias.isEmpty()) {
      return withAlias(ctx, null, alias);
    }
    String target = emptyToNull(f.string("target"));
    Set<String> models = new TreeSet<>();
    try {
      for (Deployment d : endpoints.listDeployments(ep(ctx))) {
        if (target == null || target.equals(d.name())) {
          models.add(d.modelName());
        }
      }
    } catch (RuntimeException e) {
      models.clear();
    }
    if (models.isEmpty()) {
      return withAlias(ctx, null, alias);
    }
    List<Resource> resources = new ArrayList<>(List.of(Resource.endpoint(ep(ctx))));
    models.forEach(model -> resources.add(Resource.alias(model, alias)));
    return resources;
  }

  private static List<Resource> withAlias(RoutingContext ctx, String model, String alias) {
    return alias == null || alias.isEmpty() ? List.of(Resource.endpoint(ep(ctx)))
        : List.of(Resource.endpoint(ep(ctx)), Resource.alias(model, alias));
  }

  /** The model name of a reference such as diabetes:7; null when there is none to read. */
  private static String modelName(String model) {
    try {
      return model == null ? null : ModelRef.parse(model).name();
    } catch (RuntimeException e) {
      return null; // the operation refuses it, naming the field
    }
  }

  private static String ep(RoutingContext ctx) {
    return ctx.pathParam("endpoint");
  }

  private static String dep(RoutingContext ctx) {
    return ctx.pathParam("deployment");
  }

  /** /api/v1/endpoints/E/deployments/D/collected/PATH: the PATH after seven segments. */
  private static String collectedPath(RoutingContext ctx) {
    return ArtifactPath.parse("collected data path", RelativePaths.tail(ctx.request().path(), 7),
        Allow.TRAILING_SLASH).value();
  }

  private static byte[] readBounded(InputStream body, String path) throws java.io.IOException {
    byte[] content = body.readNBytes(MAX_COLLECTED_BYTES + 1);
    if (content.length > MAX_COLLECTED_BYTES) {
      throw MloopException.invalid("collected data file '" + path + "' is over the limit of "
          + (MAX_COLLECTED_BYTES >> 20) + " MiB; roll files more often");
    }
    return content;
  }

  private static AuthMode authMode(String text) {
    return text == null || text.isEmpty() ? AuthMode.KEY : AuthMode.parse(text);
  }

  /** Who wrote a log line when the caller did not say: its token name, else its address. */
  private static String callerHost(RoutingContext ctx) {
    String caller = ctx.get(BearerAuth.CALLER);
    return caller != null ? caller : String.valueOf(ctx.request().remoteAddress());
  }

  /** {"blue": 90, "green": 10}: whole percents by deployment; null when the field is absent. */
  static Map<String, Integer> percents(Fields f, String field) {
    JsonNode value = f.raw(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw MloopException.invalid("Invalid value " + value + " for parameter '" + field
          + "': expected an object of percents by deployment, as {\"blue\": 90, \"green\": 10}");
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      JsonNode p = e.getValue();
      if (!p.isIntegralNumber() || !p.canConvertToInt()) {
        throw MloopException.invalid("Invalid value " + p + " for parameter '" + field + "." + e.getKey()
            + "': expected a whole percent from 0 to 100");
      }
      out.put(e.getKey(), p.intValue());
    }
    return out;
  }

  /** {"sample_percent": 10}; null when absent. */
  static DataCollection dataCollection(JsonNode value) {
    if (value == null) {
      return null;
    }
    JsonNode percent = value.get("sample_percent");
    if (!value.isObject() || percent == null || !percent.isNumber()) {
      throw MloopException.invalid("Invalid value " + value + " for parameter 'data_collection': expected "
          + "{\"sample_percent\": P} with P a number from 0 (off) to 100 (every request)");
    }
    return new DataCollection(percent.doubleValue());
  }
}
