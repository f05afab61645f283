package org.mloop.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

/**
 * Keeps web pages out of a loopback server that asks for no token. Without a token the workspace
 * API (which runs jobs' shell commands) would obey any request that reaches 127.0.0.1, and a page in
 * the developer's browser can send one: a cross-site form or fetch, or a DNS-rebound name pointing at
 * 127.0.0.1. Browsers always say where such a request comes from, so without a token this refuses
 * a request whose {@code Origin} is not a loopback one, whose {@code Sec-Fetch-Site} is cross-site, or
 * whose {@code Host} is not a loopback address or {@code localhost} (names are not resolved: a
 * rebound name resolves to 127.0.0.1 by design). Command-line and library clients send none of
 * these headers, or a loopback Host, and are not affected; a request with a well-formed bearer token
 * is judged by the token check instead (an empty or malformed Authorization header is refused, never
 * taken for a token: {@link BearerHeader}).
 */
final class LoopbackGuard implements Handler<RoutingContext> {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String token;
    try {
      token = BearerHeader.token(request);
    } catch (MloopException e) {
      ErrorResponses.send(ctx, e);
      return;
    }
    if (token != null) {
      // judged by the token check; an empty or malformed header never gets here
      ctx.next();
      return;
    }
    String refusal = refusal(request.getHeader(HttpHeaders.HOST), request.getHeader(HttpHeaders.ORIGIN),
        request.getHeader("Sec-Fetch-Site"));
    if (refusal != null) {
      ErrorResponses.send(ctx, ErrorCode.PERMISSION_DENIED, refusal + "; this server serves its own machine without"
          + " tokens, not web pages: call it from the command line or a client, or start it requiring tokens");
      return;
    }
    ctx.next();
  }

  /** Why a token-less request is refused, or null when it may go on. */
  static String refusal(String host, String origin, String fetchSite) {
    if (host != null && !loopbackName(hostOnly(host))) {
      return "request for host '" + host + "' refused";
    }
    if (origin != null) {
      String originHost;
      try {
        originHost = URI.create(origin.strip()).getHost();
      } catch (IllegalArgumentException e) {
        originHost = null;
      }
      if (originHost == null || !loopbackName(originHost)) {
        return "request from the web page origin '" + origin + "' refused";
      }
    }
    if (fetchSite != null && fetchSite.strip().equalsIgnoreCase("cross-site")) {
      return "cross-site request from a web page refused";
    }
    return null;
  }

  /** "127.0.0.1:5050" -> "127.0.0.1", "[::1]:5050" -> "::1", "localhost" -> "localhost". */
  private static String hostOnly(String host) {
    String h = host.strip();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean loopbackName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || IPV4_LOOPBACK.matcher(h).matches();
  }
}
