package org.mloop.studio;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.auth.Caller;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;
import org.mloop.core.workspace.Workspace;
import org.mloop.server.WebAuth;
import org.mloop.server.WebPages;
import org.mloop.server.WebScoring;
import org.mloop.studio.pages.ChartScripts;
import org.mloop.studio.pages.Chrome;
import org.mloop.studio.pages.ComparePage;
import org.mloop.studio.pages.DataPage;
import org.mloop.studio.pages.Format;
import org.mloop.studio.pages.JobPage;
import org.mloop.studio.pages.ModelPage;
import org.mloop.studio.pages.MonitorPage;
import org.mloop.studio.pages.OverviewPage;
import org.mloop.studio.pages.RunPage;
import org.mloop.studio.pages.RunsPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mloop studio: the web pages of a workspace server, mounted on its router ({@link WebPages}). Pages
 * are rendered on the server from precompiled jte templates (HTML content type: every value escaped)
 * over the workspace's per-stage services.
 *
 * <p>Safety, on every response: a Content-Security-Policy allowing only the server's own scripts and
 * styles ({@link #CSP}: no inline script or style), {@code X-Content-Type-Options: nosniff}, no framing.
 * On a server that asks no token (loopback) every page is open, as the API is, to requests the
 * server's loopback guard lets through. On a server that requires tokens a page needs a session:
 * the user pastes a token on the sign-in page, the server checks it as it checks a bearer header,
 * and keeps a session (cookie HttpOnly, SameSite=Strict, Path=/) with the token's role and scope and
 * the token's sha256, checked again on every request (a deleted or expired token ends the session).
 * Every POST carries the session's CSRF token (403 without it).
 *
 * <p>Routes: GET / (overview), GET /jobs (htmx asks for the table alone), GET /jobs/NAME, POST
 * /jobs/NAME/cancel, GET /runs (MLflow filter, paging), GET /data, GET /data/NAME, GET /models, GET /models/NAME, GET /endpoints, GET /endpoints/NAME, POST /endpoints/NAME/keys (reveals the keys),
 * POST /endpoints/NAME/traffic (a traffic change, confirmed on a second POST), POST /endpoints/NAME/test (the
 * Test tab: one scoring request through the server's own scoring routes),
 * GET /monitors, GET /monitors/NAME,
 * GET /runs/RUN, GET /runs/RUN/artifact?path=P (images inline, other files as downloads), GET /runs/compare?ids=A,B,
 * GET and POST /signin, POST /signout, GET /static/HASH/NAME. GET /endpoints/NAME has no scoring route;
 * the scoring routes below it (/score, /invocations, /v2/..., /ready) are the scoring host's.
 */
public final class Studio implements WebPages {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " frame-ancestors 'none'";
  static final String COOKIE = "mloop_studio";
  static final String CSRF_FIELD = "csrf";
  static final int MAX_FORM_BYTES = 16 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(Studio.class);

  private final Workspace workspace;
  private final TemplateEngine templates;
  private final Sessions sessions = new Sessions();
  private final Assets assets = new Assets();
  private final Chrome.Assets assetUrls;
  private volatile WebScoring scoring;

  public Studio(Workspace workspace) {
    this.workspace = workspace;
    this.templates = TemplateEngine.createPrecompiled(null, ContentType.Html, Studio.class.getClassLoader(),
        "gg.jte.generated.precompiled");
    this.assetUrls = new Chrome.Assets(assets.url("studio.css"), assets.url("htmx.min.js"), assets.url("studio.js"),
        assets.url("icon.svg"));
  }

  /** What a page handler answers: an HTML page with its status, or a redirect (303, See Other). */
  record Reply(int status, String html, String location) {
    static Reply page(String html) {
      return new Reply(200, html, null);
    }

    static Reply seeOther(String location) {
      return new Reply(303, null, location);
    }
  }

  /** Renders a template inside the page chrome (navigation, session, assets). */
  @FunctionalInterface
  interface Renderer {
    String render(String template, Session session, String title, String active, Map<String, Object> params);
  }

  @FunctionalInterface
  interface Action {
    Reply apply(RoutingContext ctx, Session session) throws Exception;
  }

  @Override
  public void mount(Router router, WebAuth auth, WebScoring serverScoring) {
    this.scoring = serverScoring;
    mount(router, auth);
  }

  @Override
  public void mount(Router router, WebAuth auth) {
    Routes routes = new Routes(router, auth);
    router.get(Assets.PREFIX + ":hash/:name").handler(Studio::secure).handler(assets::serve);
    routes.get("/", (ctx, s) ->
        Reply.page(render("overview.jte", s, "Overview", "overview", Map.of("overview", OverviewPage.read(workspace)))));
    routes.get("/jobs", (ctx, s) -> {
      var jobs = OverviewPage.latestJobs(workspace, 100);
      if ("true".equals(ctx.request().getHeader("HX-Request"))) {
        return Reply.page(renderFragment("jobtable.jte", Map.of("jobs", jobs)));
      }
      return Reply.page(render("jobs.jte", s, "Jobs", "jobs", Map.of("jobs", jobs)));
    });
    routes.get("/jobs/:name", (ctx, s) -> {
      String name = ctx.pathParam("name");
      JobPage job = JobPage.of(workspace, name, auth.allows(s.caller(), Permission.JOBS_WRITE, List.of()));
      return Reply.page(render("job.jte", s, name, "jobs", Map.of("page", job)));
    });
    routes.post("/jobs/:name/cancel", (ctx, s) -> {
      auth.check(s.caller(), Permission.JOBS_WRITE, List.of());
      String name = ctx.pathParam("name");
      workspace.jobs().cancel(name);
      return Reply.seeOther("/jobs/" + Format.segment(name));
    });
    routes.get("/runs", (ctx, s) -> {
      RunsPage runs = RunsPage.read(workspace, ctx.queryParams().get("experiment"), ctx.queryParams().get("filter"),
          ctx.queryParams().get("page"));
      String html = render("runs.jte", s, "Runs", "runs", Map.of("page", runs));
      return runs.problem() == null ? Reply.page(html) : new Reply(400, html, null);
    });
    ChartScripts charts = new ChartScripts(assets.url("echarts.min.js"), assets.url("charts.js"));
    routes.get("/runs/compare", (ctx, s) -> Reply.page(render("compare.jte", s, "Compare runs", "runs",
        Map.of("page", ComparePage.of(workspace, ctx.queryParams().getAll("ids")), "scripts", charts))));
    routes.get("/runs/:run", (ctx, s) -> {
      RunPage run = RunPage.of(workspace, ctx.pathParam("run"));
      return Reply.page(render("run.jte", s, run.runName(), "runs", Map.of("page", run, "scripts", charts)));
    });
    routes.get("/runs/:run/artifact", (ctx, s) -> RunArtifacts.send(ctx, workspace));
    routes.get("/data", (ctx, s) ->
        Reply.page(render("datasets.jte", s, "Data", "data", Map.of("assets", DataPage.list(workspace)))));
    routes.get("/data/:asset", (ctx, s) -> {
      String name = ctx.pathParam("asset");
      DataPage data = DataPage.of(workspace, name, version(ctx.queryParams().get("version")));
      return Reply.page(render("dataset.jte", s, name, "data", Map.of("page", data)));
    });
    routes.get("/models", (ctx, s) ->
        Reply.page(render("models.jte", s, "Models", "models", Map.of("models", ModelPage.list(workspace)))));
    routes.get("/models/:model", (ctx, s) -> {
      String name = ctx.pathParam("model");
      return Reply.page(render("model.jte", s, name, "models", Map.of("page", ModelPage.of(workspace, name))));
    });
    routes.get("/endpoints", (ctx, s) -> Reply.page(render("endpoints.jte", s, "Endpoints", "endpoints",
        Map.of("endpoints", OverviewPage.endpoints(workspace)))));
    EndpointPages endpoints = new EndpointPages(workspace, auth, this::render, () -> scoring);
    routes.get("/endpoints/:endpoint", (ctx, s) -> endpoints.page(s, ctx.pathParam("endpoint"), false));
    // The keys are shown in answer to a POST (never in a URL, never cached) to a caller who may read them.
    routes.post("/endpoints/:endpoint/keys", (ctx, s) -> {
      String name = ctx.pathParam("endpoint");
      auth.check(s.caller(), Permission.ENDPOINT_KEYS_READ, List.of(Resource.endpoint(name)));
      return endpoints.page(s, name, true);
    });
    routes.post("/endpoints/:endpoint/traffic", endpoints::trafficChange);
    routes.post("/endpoints/:endpoint/test", endpoints::test);
    routes.get("/monitors", (ctx, s) -> Reply.page(render("monitors.jte", s, "Monitors", "monitors",
        Map.of("monitors", OverviewPage.monitors(workspace)))));
    routes.get("/monitors/:monitor", (ctx, s) -> {
      String name = ctx.pathParam("monitor");
      return Reply.page(render("monitor.jte", s, name, "monitors", Map.of("page", MonitorPage.of(workspace, name))));
    });
    router.get("/signin").handler(Studio::secure).handler(ctx -> signInPage(ctx, auth));
    router.post("/signin").handler(routes.forms).handler(Studio::secure).handler(ctx -> signIn(ctx, auth));
    routes.post("/signout", (ctx, s) -> {
      sessions.end(s);
      ctx.response().addCookie(sessionCookie(ctx, "").setMaxAge(0));
      return Reply.seeOther(auth.tokensRequired() ? "/signin" : "/");
    });
  }

  /** Registers pages (GET, a session needed) and forms (POST, a session and its CSRF token needed). */
  private final class Routes {
    final BodyHandler forms = BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES);
    private final Router router;
    private final WebAuth auth;

    Routes(Router router, WebAuth auth) {
      this.router = router;
      this.auth = auth;
    }

    void get(String path, Action action) {
      router.get(path).handler(Studio::secure).handler(page(auth, action));
    }

    void post(String path, Action action) {
      // Vert.x runs a body handler ahead of the others of its route.
      router.post(path).handler(forms).handler(Studio::secure).handler(form(auth, action));
    }
  }

  /** The {@code version} query parameter: null when absent, 400 naming it when not a number. */
  private static Integer version(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw MloopException.invalid("version must be a number, got '" + text + "'");
    }
  }

  // ---- sessions

  /**
   * The request's session, or null when it must sign in first. Without tokens every browser gets an
   * anonymous session (for its CSRF token); with tokens, a signed-in session whose token still holds.
   */
  private Future<Session> session(RoutingContext ctx, WebAuth auth) {
    long now = System.currentTimeMillis();
    Cookie cookie = ctx.request().getCookie(COOKIE);
    Session session = sessions.find(cookie == null ? null : cookie.getValue(), now);
    if (!auth.tokensRequired()) {
      if (session == null || !session.signedIn()) {
        session = sessions.signIn(session, Caller.anonymous(), null, null, now);
        ctx.response().addCookie(sessionCookie(ctx, session.id()));
      }
      return Future.succeededFuture(session);
    }
    if (session == null || !session.signedIn()) {
      return Future.succeededFuture(null);
    }
    Session current = session;
    return auth.reauthenticate(session.tokenSha256()).map(identity -> current).recover(e -> {
      if (e instanceof MloopException m && m.code() == ErrorCode.UNAUTHENTICATED) {
        sessions.end(current);
        return Future.succeededFuture(null);
      }
      return Future.failedFuture(e);
    });
  }

  private static Cookie sessionCookie(RoutingContext ctx, String value) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
        .setSecure(ctx.request().isSSL());
  }

  // ---- handlers

  /** A GET page: a session (or the way to sign in), then the action on a worker thread (services block). */
  private Handler<RoutingContext> page(WebAuth auth, Action action) {
    return ctx -> session(ctx, auth).onComplete(found -> {
      if (found.failed()) {
        fail(ctx, null, found.cause());
      } else if (found.result() == null) {
        send(ctx, Reply.seeOther("/signin"));
      } else {
        run(ctx, found.result(), auth, action);
      }
    });
  }

  /** A POST form: a session and its CSRF token, or 403; then the action on a worker thread. */
  private Handler<RoutingContext> form(WebAuth auth, Action action) {
    return ctx -> session(ctx, auth).onComplete(found -> {
      if (found.failed()) {
        fail(ctx, null, found.cause());
      } else if (found.result() == null) {
        fail(ctx, null, new MloopException(ErrorCode.PERMISSION_DENIED, "sign in first: this form needs a session"));
      } else if (!Sessions.csrfMatches(found.result(), ctx.request().getFormAttribute(CSRF_FIELD))) {
        fail(ctx, found.result(), csrfRefusal());
      } else {
        run(ctx, found.result(), auth, action);
      }
    });
  }

  private void run(RoutingContext ctx, Session session, WebAuth auth, Action action) {
    ctx.vertx().executeBlocking(() -> {
      auth.check(session.caller(), Permission.READ, List.of());
      return action.apply(ctx, session);
    }, false).onComplete(done -> {
      if (done.succeeded()) {
        send(ctx, done.result());
      } else {
        fail(ctx, session, done.cause());
      }
    });
  }

  private void signInPage(RoutingContext ctx, WebAuth auth) {
    long now = System.currentTimeMillis();
    Cookie cookie = ctx.request().getCookie(COOKIE);
    Session session = sessions.find(cookie == null ? null : cookie.getValue(), now);
    if (!auth.tokensRequired() || session != null && session.signedIn()) {
      send(ctx, Reply.seeOther("/"));
      return;
    }
    if (session == null) {
      session = sessions.startAnonymous(now);
      ctx.response().addCookie(sessionCookie(ctx, session.id()));
    }
    send(ctx, new Reply(200, signInHtml(session, null), null));
  }

  private void signIn(RoutingContext ctx, WebAuth auth) {
    long now = System.currentTimeMillis();
    Cookie cookie = ctx.request().getCookie(COOKIE);
    Session session = sessions.find(cookie == null ? null : cookie.getValue(), now);
    if (!auth.tokensRequired()) {
      send(ctx, Reply.seeOther("/"));
      return;
    }
    if (!Sessions.csrfMatches(session, ctx.request().getFormAttribute(CSRF_FIELD))) {
      fail(ctx, null, csrfRefusal());
      return;
    }
    String token = ctx.request().getFormAttribute("token");
    if (token == null || token.isBlank()) {
      send(ctx, new Reply(400, signInHtml(session, "Paste an API token to sign in."), null));
      return;
    }
    auth.authenticate(token.strip()).onComplete(checked -> {
      if (checked.succeeded()) {
        WebAuth.Identity who = checked.result();
        Session signedIn = sessions.signIn(session, who.caller(), who.tokenSha256(), who.expiresAt(),
            System.currentTimeMillis());
        ctx.response().addCookie(sessionCookie(ctx, signedIn.id()));
        send(ctx, Reply.seeOther("/"));
      } else if (checked.cause() instanceof MloopException m && m.code() == ErrorCode.UNAUTHENTICATED) {
        send(ctx, new Reply(401, signInHtml(session,
            "That token is not valid for this workspace (unknown, deleted or expired)."), null));
      } else {
        fail(ctx, session, checked.cause());
      }
    });
  }

  private static MloopException csrfRefusal() {
    return new MloopException(ErrorCode.PERMISSION_DENIED,
        "the form's CSRF token is missing or stale: reload the page and send the form again");
  }

  // ---- rendering

  /** The security headers every studio response carries; a GET's (empty) body is read on. */
  private static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin");
    if (ctx.request().method() == HttpMethod.GET) {
      ctx.request().resume();
    }
    ctx.next();
  }

  private String signInHtml(Session session, String problem) {
    Map<String, Object> params = new HashMap<>();
    params.put("problem", problem);
    return render("signin.jte", session, "Sign in", "signin", params);
  }

  private String render(String template, Session session, String title, String active, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("chrome", chrome(session, title, active));
    return renderFragment(template, all);
  }

  private String renderFragment(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    return out.toString();
  }

  private Chrome chrome(Session session, String title, String active) {
    String user = null;
    if (session != null && session.signedIn() && !session.caller().name().equals("anonymous")) {
      Caller caller = session.caller();
      user = caller.name() + " (" + caller.role().wireName() + ")";
    }
    return new Chrome(title, active, user, session == null ? "" : session.csrf(), assetUrls);
  }

  private static void send(RoutingContext ctx, Reply reply) {
    if (ctx.response().ended()) {
      return;
    }
    if (reply.location() != null) {
      ctx.response().setStatusCode(reply.status()).putHeader(HttpHeaders.LOCATION, reply.location()).end();
      return;
    }
    ctx.response().setStatusCode(reply.status()).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .end(reply.html());
  }

  /** An error page: the service's message for what the user can fix, a generic one (and the log) otherwise. */
  private void fail(RoutingContext ctx, Session session, Throwable failure) {
    int status;
    String message;
    if (failure instanceof MloopException e && e.code() != ErrorCode.INTERNAL_ERROR) {
      status = e.code().httpStatus();
      message = e.getMessage();
    } else if (failure instanceof IllegalArgumentException e) {
      status = 400;
      message = e.getMessage();
    } else {
      status = 500;
      message = "internal error while serving this page; the server log has the details";
      LOG.error("studio: {} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    if (!ctx.request().isEnded()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      ctx.request().resume();
    }
    Map<String, Object> params = new HashMap<>();
    params.put("status", status);
    params.put("message", message == null ? "error " + status : message);
    String html;
    try {
      html = render("error.jte", session, "Error " + status, "", params);
    } catch (RuntimeException e) {
      LOG.error("studio: the error page failed", e);
      html = "<!DOCTYPE html><title>Error</title><p>error " + status + "</p>";
    }
    send(ctx, new Reply(status, html, null));
  }
}
