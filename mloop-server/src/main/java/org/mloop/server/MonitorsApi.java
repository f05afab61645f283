package org.mloop.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.json.ApiJson;
import org.mloop.core.json.JsonLimits;
import org.mloop.core.monitoring.GroundTruth;
import org.mloop.core.monitoring.MonitorCreation;
import org.mloop.core.monitoring.MonitorSpec;
import org.mloop.core.monitoring.MonitorService;

/**
 * Monitors of online endpoints, their runs, alerts and posted ground truth, over the workspace's
 * {@link MonitorService}; runs are computed by the engine of the server's workspace.
 *
 * <pre>
 * POST   /monitors                         a MonitorSpec: {name, endpoint, baseline?, signals, thresholds?,
 *                                          every?: "1h", window?: "24h", webhooks?} -> {monitor, collection_turned_on}
 * GET    /monitors                         {monitors: [...]}
 * GET    /monitors/M                       the monitor
 * DELETE /monitors/M                       with its runs, alerts and reports
 * POST   /monitors/M/runs                  {from?, to?} (epoch millis): computes a run now and returns it
 * GET    /monitors/M/runs?limit=N          {runs: [...]} newest first, without histograms
 * GET    /monitors/M/runs/ID               the run, with histograms
 * GET    /monitors/M/runs/ID/report        the HTML report (text/html)
 * GET    /monitors/M/alerts?limit=N        {alerts: [...]} newest first
 * GET    /alerts?limit=N                   every monitor's alerts
 * POST   /endpoints/E/labels               {labels: [{correlation_id, row, label}, ...]} or the bare array -> {stored: N}
 * GET    /endpoints/E/labels               {labels: [...]}
 * </pre>
 */
final class MonitorsApi {
  static final int DEFAULT_LIST = 100;
  /** 100,000 labels of ordinary ids fit well below this; a bigger body is refused before it is read whole. */
  static final long MAX_LABELS_BYTES = 16L * 1024 * 1024;

  private final MonitorService monitors;
  private final Runnable endpointsChanged;
  private final BodyHandler labelBodies = BodyHandler.create(false).setBodyLimit(MAX_LABELS_BYTES);

  /** {@code endpointsChanged} runs after a monitor turned collection on for deployments of its endpoint. */
  MonitorsApi(MonitorService monitors, Runnable endpointsChanged) {
    this.monitors = monitors;
    this.endpointsChanged = endpointsChanged == null ? () -> { } : endpointsChanged;
  }

  void register(Routes routes, Transfers transfers) {
    String base = ApiBodies.BASE + "/monitors";
    String monitor = base + "/:monitor";
    String runs = monitor + "/runs";
    String run = runs + "/:run";

    // A monitor turns data collection on for its endpoint's deployments: an endpoint change.
    routes.post(base, Guard.on(Permission.ENDPOINTS_WRITE,
        (ctx, f) -> List.of(Resource.endpoint(f.requiredString("endpoint")))), (ctx, f) -> {
      JsonNode body = f.node();
      MonitorCreation created = monitors.create(ApiJson.read(body, MonitorSpec.class, "monitor spec"));
      if (!created.collectionTurnedOn().isEmpty()) {
        endpointsChanged.run();
      }
      return created;
    });
    routes.get(base, (ctx, f) -> list("monitors", monitors.list()));
    routes.get(monitor, (ctx, f) -> monitors.get(name(ctx)));
    routes.json(HttpMethod.DELETE, monitor, Guard.of(Permission.DELETE), (ctx, f) -> {
      monitors.delete(name(ctx));
      return ApiJson.mapper().createObjectNode();
    });

    routes.post(runs, Guard.of(Permission.MONITORS_RUN), (ctx, f) -> monitors.run(name(ctx), f.optionalLong("from"), f.optionalLong("to")));
    routes.get(runs, (ctx, f) -> list("runs", monitors.listRuns(name(ctx), limit(f))));
    routes.get(run, (ctx, f) -> monitors.getRun(name(ctx), runId(ctx)));
    routes.stream(HttpMethod.GET, run + "/report", routes.bodies(), Guard.READ)
        .handler(transfers.page(ctx -> monitors.openReport(name(ctx), runId(ctx))));

    routes.get(monitor + "/alerts", (ctx, f) -> list("alerts", monitors.listAlerts(name(ctx), limit(f))));
    routes.get(ApiBodies.BASE + "/alerts", (ctx, f) -> list("alerts", monitors.listAlerts(null, limit(f))));

    String labels = ApiBodies.BASE + "/endpoints/:endpoint/labels";
    // Its own body limit, and a 413 that says how to fit under it.
    routes.stream(HttpMethod.POST, labels, labelBodies, Guard.of(Permission.MONITORS_RUN))
        .blockingHandler(ctx -> {
          try {
            ObjectNode out = ApiJson.mapper().createObjectNode();
            out.put("stored", monitors.postGroundTruth(ctx.pathParam("endpoint"), labels(ctx)));
            Routes.sendJson(ctx, out);
          } catch (Exception e) {
            ErrorResponses.send(ctx, e);
          }
        }, false)
        .failureHandler(ctx -> {
          if (ctx.statusCode() == 413) {
            ErrorResponses.send(ctx, 413, ErrorCode.INVALID_PARAMETER_VALUE.name(), "the labels body is over "
                + (MAX_LABELS_BYTES >> 20) + " MiB; post the labels in batches of at most 100,000");
          } else {
            ctx.next();
          }
        });
    routes.get(labels, (ctx, f) -> list("labels", monitors.listGroundTruth(ctx.pathParam("endpoint"),
        f.longValue("received_since", 0))));
  }

  /** {"labels": [...]} or the bare array; each entry read as a GroundTruth, errors naming its index. */
  private static List<GroundTruth> labels(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw MloopException.invalid("no labels sent: post {\"labels\": [{\"correlation_id\": \"...\", \"row\": 0, "
          + "\"label\": \"1\"}, ...]}");
    }
    JsonNode body;
    try {
      body = ApiJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw MloopException.invalid("the labels body " + JsonLimits.describe(e));
    }
    JsonNode array = body.isObject() ? body.get("labels") : body;
    if (array == null || !array.isArray()) {
      throw MloopException.invalid("expected {\"labels\": [...]} or a JSON array of {\"correlation_id\", \"row\", "
          + "\"label\"} objects");
    }
    List<GroundTruth> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isObject()) {
        throw MloopException.invalid("label " + i + " is not an object: expected {\"correlation_id\": ..., \"row\": 0, "
            + "\"label\": ...}");
      }
      JsonNode label = item.get("label");
      if (label != null && (label.isNumber() || label.isBoolean())) {
        // A class label is text or a number (1, as the model's output column holds it): both read as its text.
        ((ObjectNode) item).put("label", label.asText());
      }
      out.add(ApiJson.read(item, GroundTruth.class, "label " + i));
    }
    return out;
  }

  private static String name(RoutingContext ctx) {
    return ctx.pathParam("monitor");
  }

  private static long runId(RoutingContext ctx) {
    String text = ctx.pathParam("run");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw MloopException.notFound("monitor '" + ctx.pathParam("monitor") + "' has no run '" + text
          + "': run ids are numbers, as the monitor's runs list them");
    }
  }

  private static int limit(Fields f) {
    int limit = f.intValue("limit", DEFAULT_LIST);
    if (limit < 1) {
      throw MloopException.invalid("limit must be at least 1, got " + limit);
    }
    return limit;
  }

  private static ObjectNode list(String field, List<?> items) {
    ObjectNode out = ApiJson.mapper().createObjectNode();
    out.set(field, ApiJson.tree(items));
    return out;
  }
}
