package org.mloop.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

/**
 * The Authorization header as the server reads it, on every route: absent, or exactly one
 * {@code Bearer TOKEN}. Anything else (an empty header, another scheme, "Bearer" without a token,
 * two headers) is refused before any route runs, never taken for "no token": a DNS-rebinding page
 * that sends an empty header must not pass as the machine's own token-less client.
 */
final class BearerHeader {
  private static final Pattern BEARER = Pattern.compile("(?i)Bearer +(\\S+) *");

  private BearerHeader() {}

  /** The bearer token sent, null when no Authorization header was sent; refused (401/400) when malformed. */
  static String token(HttpServerRequest request) {
    List<String> values = request.headers().getAll(HttpHeaders.AUTHORIZATION);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new MloopException(ErrorCode.BAD_REQUEST, "the request has " + values.size()
          + " Authorization headers: send one, 'Authorization: Bearer <token>'");
    }
    String value = values.get(0).strip();
    if (value.isEmpty()) {
      throw new MloopException(ErrorCode.UNAUTHENTICATED, "the Authorization header is empty: send"
          + " 'Authorization: Bearer <token>', or no Authorization header on a server that asks no token");
    }
    Matcher bearer = BEARER.matcher(value);
    if (bearer.matches()) {
      return bearer.group(1);
    }
    String scheme = value.split("\\s+", 2)[0];
    if (scheme.equalsIgnoreCase("Bearer")) {
      throw new MloopException(ErrorCode.UNAUTHENTICATED, "the Authorization header names no token after 'Bearer':"
          + " send 'Authorization: Bearer <token>'");
    }
    throw new MloopException(ErrorCode.UNAUTHENTICATED, "unsupported Authorization scheme '"
        + (scheme.length() > 20 ? scheme.substring(0, 20) + "..." : scheme) + "': send 'Authorization: Bearer <token>'");
  }
}
