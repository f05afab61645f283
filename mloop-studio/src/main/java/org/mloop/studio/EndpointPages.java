package org.mloop.studio;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.workspace.Workspace;
import org.mloop.server.WebAuth;
import org.mloop.server.WebScoring;
import org.mloop.serving.host.ScoringResult;
import org.mloop.studio.pages.EndpointPage;
import org.mloop.studio.pages.EndpointTest;
import org.mloop.studio.pages.Format;
import org.mloop.studio.pages.TrafficChange;

/** An endpoint's page and how it is steered from there: the keys, the Test tab, a traffic change. */
final class EndpointPages {
  private final Workspace workspace;
  private final WebAuth auth;
  private final Studio.Renderer renderer;
  private final Supplier<WebScoring> scoring;

  /** {@code scoring}: the server's own scoring routes, known once the server mounted the studio. */
  EndpointPages(Workspace workspace, WebAuth auth, Studio.Renderer renderer, Supplier<WebScoring> scoring) {
    this.workspace = workspace;
    this.auth = auth;
    this.renderer = renderer;
    this.scoring = scoring;
  }

  Studio.Reply page(Session s, String name, boolean reveal) {
    List<Resource> on = List.of(Resource.endpoint(name));
    EndpointPage.Allowed allowed = new EndpointPage.Allowed(auth.allows(s.caller(), Permission.ENDPOINT_KEYS_READ, on),
        auth.allows(s.caller(), Permission.ENDPOINTS_WRITE, on));
    EndpointPage page = EndpointPage.of(workspace, name, allowed, reveal);
    return Studio.Reply.page(renderer.render("endpoint.jte", s, name, "endpoints", Map.of("page", page)));
  }

  /**
   * POST /endpoints/NAME/test: one request in the chosen format (a blank body: the format's example),
   * to one deployment or by the traffic split, scored by this server's own scoring routes with the
   * endpoint's primary key, read here for a caller who may read it; the page shows the answer, never the key.
   */
  Studio.Reply test(RoutingContext ctx, Session s) {
    String name = ctx.pathParam("endpoint");
    auth.check(s.caller(), Permission.ENDPOINT_KEYS_READ, List.of(Resource.endpoint(name)));
    EndpointTest.Choice choice = EndpointTest.choice(ctx.request().getFormAttribute("protocol"));
    String deployment = ctx.request().getFormAttribute("deployment");
    deployment = deployment == null || deployment.isBlank() ? null : deployment.strip();
    String body = ctx.request().getFormAttribute("body");
    if (body == null || body.isBlank()) {
      body = EndpointTest.examples(workspace, name, deployment).get(choice.value());
    }
    Endpoint endpoint = workspace.endpoints().get(name);
    String key = endpoint.authMode() == AuthMode.KEY ? workspace.endpoints().getKeys(name).primary() : null;
    long start = System.nanoTime();
    ScoringResult r = scoring.get().score(name, deployment, choice.protocol(), "application/json",
        body.getBytes(StandardCharsets.UTF_8), key);
    double millis = (System.nanoTime() - start) / 1e6;
    EndpointTest.Answer answer = new EndpointTest.Answer(r.status(), r.contentType(), r.bodyText(), r.deployment(),
        r.requestId(), millis);
    List<Resource> on = List.of(Resource.endpoint(name));
    EndpointPage.Allowed allowed = new EndpointPage.Allowed(true, auth.allows(s.caller(), Permission.ENDPOINTS_WRITE, on));
    EndpointPage page = EndpointPage.of(workspace, name, allowed, false)
        .withTest(EndpointTest.sent(workspace, name, choice.value(), deployment, body, answer));
    return Studio.Reply.page(renderer.render("endpoint.jte", s, name, "endpoints", Map.of("page", page)));
  }

  /**
   * POST /endpoints/NAME/traffic: without {@code confirm=yes} (or with a split the endpoints stage
   * refuses) the confirmation page with the current and the resulting split, nothing changed; with it,
   * the change through {@code endpoints().updateTraffic}, as {@code mloop endpoint update --traffic}.
   */
  Studio.Reply trafficChange(RoutingContext ctx, Session s) {
    String name = ctx.pathParam("endpoint");
    auth.check(s.caller(), Permission.ENDPOINTS_WRITE, List.of(Resource.endpoint(name)));
    TrafficChange change = TrafficChange.read(workspace, name, ctx.request()::getFormAttribute);
    if (change.valid() && "yes".equals(ctx.request().getFormAttribute("confirm"))) {
      workspace.endpoints().updateTraffic(name, change.traffic(), change.mirror());
      WebScoring host = scoring.get();
      if (host != null) {
        host.endpointsChanged();
      }
      return Studio.Reply.seeOther("/endpoints/" + Format.segment(name));
    }
    String html = renderer.render("traffic.jte", s, name + ": traffic", "endpoints", Map.of("change", change));
    return change.valid() ? Studio.Reply.page(html) : new Studio.Reply(400, html, null);
  }
}
