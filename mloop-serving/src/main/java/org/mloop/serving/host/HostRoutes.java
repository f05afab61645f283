package org.mloop.serving.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import org.mloop.core.json.Json;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ModelSignature;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringErrors;
import org.mloop.serving.protocol.ScoringException;

/**
 * The HTTP face of a {@link ScoringHost}. Under {@code /endpoints/NAME}: {@code POST score} (Azure
 * ML), {@code POST invocations} (MLflow), {@code POST v2/models/M[/versions/V]/infer},
 * {@code GET v2/health/live|ready}, {@code GET v2/models/M[/ready]} (Open Inference V2) and
 * {@code GET ready}. A single-endpoint host also answers the same paths at the root ({@code /score},
 * {@code /v2/...}, {@code /ready}, {@code /ping}). {@code GET /metrics} is Prometheus text.
 *
 * <p>Scoring runs on the event loop: the body is read in memory (413 up front when
 * Content-Length is over the limit), then scored synchronously, which takes microseconds.
 */
final class HostRoutes {
  static final String DEPLOYMENT_HEADER = "mloop-deployment";
  static final String AZURE_DEPLOYMENT_HEADER = "azureml-model-deployment";
  // Header names as pre-hashed ASCII: looked up on every request.
  private static final CharSequence DEPLOYMENT_NAME = HttpHeaders.createOptimized(DEPLOYMENT_HEADER);
  private static final CharSequence AZURE_DEPLOYMENT_NAME = HttpHeaders.createOptimized(AZURE_DEPLOYMENT_HEADER);
  private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(ScoringResult.REQUEST_ID);
  private static final CharSequence DEPLOYMENT = HttpHeaders.createOptimized(ScoringResult.DEPLOYMENT);
  private static final String JSON_TEXT = "application/json";
  /** Header values as pre-encoded ASCII: written to the socket without a per-character check and copy. */
  private static final CharSequence JSON = HttpHeaders.createOptimized(JSON_TEXT);

  private final ScoringHost host;

  HostRoutes(ScoringHost host) {
    this.host = host;
  }

  void mount(Router router) {
    String only = host.onlyEndpoint();
    if (only != null) {
      // A replica's clients call the root paths: mounted first, they match without trying the regular
      // expressions of the /endpoints/:endpoint paths on every request.
      mount(router, "", only);
      router.get("/ping").handler(ctx -> ready(ctx, only));
    }
    mount(router, "/endpoints/:endpoint", null);
    router.get("/metrics").handler(ctx -> {
      ctx.request().resume();
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
          .end(host.metricsText());
    });
  }

  /** {@code fixed}: the endpoint of root routes; null to take it from the path. */
  private void mount(Router router, String prefix, String fixed) {
    router.post(prefix + "/score").handler(ctx -> scoring(ctx, endpoint(ctx, fixed), Protocol.AZURE_SCORE, null));
    router.post(prefix + "/invocations").handler(ctx -> scoring(ctx, endpoint(ctx, fixed),
        Protocol.MLFLOW_INVOCATIONS, null));
    router.post(prefix + "/v2/models/:model/infer").handler(ctx -> scoring(ctx, endpoint(ctx, fixed),
        Protocol.OPEN_INFERENCE_V2, new V2Target(ctx.pathParam("model"), null)));
    router.post(prefix + "/v2/models/:model/versions/:version/infer").handler(ctx -> scoring(ctx,
        endpoint(ctx, fixed), Protocol.OPEN_INFERENCE_V2,
        new V2Target(ctx.pathParam("model"), ctx.pathParam("version"))));
    router.get(prefix + "/ready").handler(ctx -> ready(ctx, endpoint(ctx, fixed)));
    router.get(prefix + "/v2/health/live").handler(ctx -> live(ctx, endpoint(ctx, fixed)));
    router.get(prefix + "/v2/health/ready").handler(ctx -> ready(ctx, endpoint(ctx, fixed)));
    router.get(prefix + "/v2/models/:model/ready").handler(ctx -> modelReady(ctx, endpoint(ctx, fixed)));
    router.get(prefix + "/v2/models/:model").handler(ctx -> metadata(ctx, endpoint(ctx, fixed), null));
    router.get(prefix + "/v2/models/:model/versions/:version").handler(ctx -> metadata(ctx, endpoint(ctx, fixed),
        ctx.pathParam("version")));
  }

  private static String endpoint(RoutingContext ctx, String fixed) {
    return fixed != null ? fixed : ctx.pathParam("endpoint");
  }

  // ---- scoring

  private void scoring(RoutingContext ctx, String endpoint, Protocol protocol, V2Target v2) {
    HttpServerRequest request = ctx.request();
    int max = host.options().limits().maxBodyBytes();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredOver(length, max)) {
      // Refused before reading: the rest of the body is never read, so the connection closes.
      tooLarge(ctx, length + " bytes", max, protocol);
      return;
    }
    String key = key(request);
    if (request.isEnded()) {
      // A router in front already read the body (a BodyHandler); take it from there.
      Buffer read = ctx.body().buffer();
      byte[] bytes = read == null ? new byte[0] : read.getBytes();
      if (bytes.length > max) {
        tooLarge(ctx, bytes.length + " bytes", max, protocol);
        return;
      }
      send(ctx.response(), host.score(host.admit(endpoint, protocol, key, request.getHeader(REQUEST_ID)), key,
          targetHeader(request), v2, request.getHeader(HttpHeaders.CONTENT_TYPE), bytes));
      return;
    }
    Admission.Admitted admitted = host.admit(endpoint, protocol, key, request.getHeader(REQUEST_ID));
    if (admitted.refused()) {
      // Answered before reading the body (a caller without a key gets nothing buffered); the unread rest
      // of it closes the connection.
      ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      send(ctx.response(), admitted.refusal());
      return;
    }
    BodyReader reader = new BodyReader(max);
    request.handler(chunk -> {
      if (!reader.add(chunk) && !ctx.response().ended()) {
        tooLarge(ctx, "over " + max + " bytes", max, protocol);
      }
    });
    request.endHandler(v -> {
      if (reader.over || ctx.response().ended()) {
        return;
      }
      send(ctx.response(), host.score(admitted, key, targetHeader(request), v2,
          request.getHeader(HttpHeaders.CONTENT_TYPE), reader.bytes()));
    });
    request.resume();
  }

  private static boolean declaredOver(String length, int max) {
    try {
      return Long.parseLong(length.trim()) > max;
    } catch (NumberFormatException e) {
      return false; // Vert.x itself refuses a malformed Content-Length
    }
  }

  private void tooLarge(RoutingContext ctx, String size, int max, Protocol protocol) {
    byte[] body = ScoringErrors.body(protocol, 413, "request body of " + size + " is over the limit of " + max
        + " bytes; send fewer rows per request");
    ctx.response().setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
        .end(Buffer.buffer(body));
  }

  static void send(HttpServerResponse response, ScoringResult result) {
    MultiMap headers = response.headers();
    String type = result.contentType();
    headers.set(HttpHeaders.CONTENT_TYPE, JSON_TEXT.equals(type) ? JSON : type);
    headers.set(REQUEST_ID, result.requestId());
    if (result.deployment() != null) {
      headers.set(DEPLOYMENT, result.deployment());
    }
    response.setStatusCode(result.status()).end(Buffer.buffer(result.body()));
  }

  private static String targetHeader(HttpServerRequest request) {
    String d = request.getHeader(DEPLOYMENT_NAME);
    return d != null ? d.trim() : trimmed(request.getHeader(AZURE_DEPLOYMENT_NAME));
  }

  private static String trimmed(String s) {
    return s == null ? null : s.trim();
  }

  /** The key of {@code Authorization: Bearer KEY}; null when absent. */
  static String key(HttpServerRequest request) {
    String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (auth == null) {
      return null;
    }
    auth = auth.trim();
    // Keys travel only as bearer tokens; anything else counts as a wrong key.
    return auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
  }

  /** Accumulates a body up to a limit; the first chunk is kept as is (most requests have one). */
  private static final class BodyReader {
    private final int max;
    private Buffer body;
    private boolean growable; // body is our own buffer, appended to in place (amortized, not copied per chunk)
    boolean over;

    BodyReader(int max) {
      this.max = max;
    }

    boolean add(Buffer chunk) {
      if (over) {
        return false;
      }
      if (body == null) {
        body = chunk;
      } else {
        if (body.length() + chunk.length() > max) {
          over = true;
          return false;
        }
        if (!growable) {
          body = Buffer.buffer(Math.min(max, 2 * (body.length() + chunk.length()))).appendBuffer(body);
          growable = true;
        }
        body.appendBuffer(chunk);
      }
      if (body.length() > max) {
        over = true;
        return false;
      }
      return true;
    }

    byte[] bytes() {
      return body == null ? new byte[0] : body.getBytes();
    }
  }

  // ---- health, readiness, metadata

  /** Live as long as the process answers; 404 only for an endpoint known not to exist. */
  private void live(RoutingContext ctx, String endpoint) {
    ctx.request().resume();
    if (unknown(endpoint)) {
      notServed(ctx, endpoint);
      return;
    }
    json(ctx.response(), 200, Json.mapper().createObjectNode().put("live", true));
  }

  private void ready(RoutingContext ctx, String endpoint) {
    ctx.request().resume();
    if (unknown(endpoint)) {
      notServed(ctx, endpoint);
      return;
    }
    boolean ready = host.ready(endpoint);
    ObjectNode body = Json.mapper().createObjectNode().put("ready", ready);
    RoutingTable table = host.table(endpoint);
    // What it waits for (deployments, load errors) is for the endpoint's users; probes only need the flag.
    boolean detailed = table == null || !table.requiresKey() || table.accepts(key(ctx.request()));
    if (!ready && detailed) {
      ArrayNode waiting = body.putArray("waiting_for");
      host.waitingFor(endpoint).forEach(waiting::add);
    }
    json(ctx.response(), ready ? 200 : 503, body);
  }

  /** A model's readiness names deployments and versions in its errors, so it needs the key as metadata does. */
  private void modelReady(RoutingContext ctx, String endpoint) {
    ctx.request().resume();
    RoutingTable table = host.table(endpoint);
    if (table == null && unknown(endpoint)) {
      notServed(ctx, endpoint);
      return;
    }
    if (table != null && table.requiresKey() && !table.accepts(key(ctx.request()))) {
      v2Error(ctx.response(), 401, "endpoint '" + endpoint + "' needs a key: send 'Authorization: Bearer <key>'");
      return;
    }
    String model = ctx.pathParam("model");
    boolean ready;
    try {
      ready = table != null && (new V2Target(model, null).choose(table) != null || table.ready);
    } catch (ScoringException e) {
      if (e.status() == 404) {
        v2Error(ctx.response(), 404, e.getMessage());
        return;
      }
      ready = false;
    }
    json(ctx.response(), ready ? 200 : 503, Json.mapper().createObjectNode().put("name", model).put("ready", ready));
  }

  /** Open Inference model metadata: the signature's inputs as V2 tensors of shape [-1], the codec's outputs. */
  private void metadata(RoutingContext ctx, String endpoint, String version) {
    ctx.request().resume();
    RoutingTable table = host.table(endpoint);
    if (table == null) {
      notServed(ctx, endpoint);
      return;
    }
    if (table.requiresKey() && !table.accepts(key(ctx.request()))) {
      v2Error(ctx.response(), 401, "endpoint '" + endpoint + "' needs a key: send 'Authorization: Bearer <key>'");
      return;
    }
    String model = ctx.pathParam("model");
    LoadedDeployment d;
    try {
      d = new V2Target(model, version).choose(table);
      if (d == null) {
        d = table.hasLiveTraffic() ? table.pick(0.0) : table.loaded.values().stream().findFirst().orElse(null);
      }
    } catch (ScoringException e) {
      v2Error(ctx.response(), e.status(), e.getMessage());
      return;
    }
    if (d == null) {
      v2Error(ctx.response(), 503, "endpoint '" + endpoint + "' has no loaded deployment yet");
      return;
    }
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("name", model);
    ArrayNode versions = body.putArray("versions");
    V2Target.servedModels(table).forEach(versions::add);
    body.put("platform", "mloop");
    ModelSignature signature = d.signature();
    ArrayNode inputs = body.putArray("inputs");
    for (ColumnSpec c : signature.inputs()) {
      tensor(inputs, c.name(), v2Type(c)).add(-1);
    }
    // As OpenInferenceCodec answers: each row's label, and its probability of each class.
    ArrayNode outputs = body.putArray("outputs");
    boolean numeric = signature.outputs().stream().findFirst().map(c -> !v2Type(c).equals("BYTES")).orElse(false);
    tensor(outputs, "label", numeric ? "INT64" : "BYTES").add(-1);
    tensor(outputs, "probabilities", "FP64").add(-1).add(d.predictor().classes().size());
    json(ctx.response(), 200, body);
  }

  private static String v2Type(ColumnSpec column) {
    return switch (column.type()) {
      case LONG -> "INT64";
      case INTEGER -> "INT32";
      case DOUBLE -> "FP64";
      case FLOAT -> "FP32";
      case BOOLEAN -> "BOOL";
      default -> "BYTES";
    };
  }

  /** Adds a tensor's metadata and returns its (empty) shape to fill. */
  private static ArrayNode tensor(ArrayNode list, String name, String datatype) {
    ObjectNode t = list.addObject();
    t.put("name", name);
    t.put("datatype", datatype);
    return t.putArray("shape");
  }

  /** An endpoint this host will not serve: another one's (single-endpoint host) or one the workspace lacks. */
  private boolean unknown(String endpoint) {
    String only = host.onlyEndpoint();
    if (only != null) {
      return !only.equals(endpoint);
    }
    return host.refreshedOnce() && !host.serves(endpoint);
  }

  private void notServed(RoutingContext ctx, String endpoint) {
    v2Error(ctx.response(), 404, "no endpoint '" + endpoint + "' is served here");
  }

  private static void v2Error(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(Buffer.buffer(ScoringErrors.body(Protocol.OPEN_INFERENCE_V2, status, message)));
  }

  private static void json(HttpServerResponse response, int status, ObjectNode body) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(Buffer.buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
