package org.mloop.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.mloop.core.ErrorCode;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenStore;

/**
 * Bearer-token authentication. A token is valid when its sha256 is in the {@link TokenStore} or it
 * is the server's own internal token (given to the jobs it runs). When tokens are not required
 * (loopback without the option), requests without a token pass, but a token that is sent must
 * still be valid: a wrong token is a mistake worth reporting, not something to ignore.
 *
 * <p>The token lookup is a database call, so it runs on a worker thread; the request stays paused
 * meanwhile so no body bytes are lost.
 */
final class BearerAuth implements Handler<RoutingContext> {
  /** Routing-context key of the authenticated caller ("token:NAME"), for records of who did what. */
  static final String CALLER = "mloop.caller";
  private static final String PREFIX = "Bearer ";

  private final Vertx vertx;
  private final TokenStore tokens;
  private final boolean required;
  private final byte[] internalTokenSha256;

  BearerAuth(Vertx vertx, TokenStore tokens, boolean required, String internalToken) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.required = required;
    this.internalTokenSha256 = ContentHash.ofString(internalToken).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      if (required) {
        reject(ctx, "this mloop server requires an API token: send the header 'Authorization: Bearer <token>'"
            + " (mloop clients send MLOOP_TOKEN, MLflow clients MLFLOW_TRACKING_TOKEN)");
      } else {
        ctx.next();
      }
      return;
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.substring(PREFIX.length()).isBlank()) {
      String scheme = header.split(" ", 2)[0];
      reject(ctx, "unsupported Authorization scheme '" + scheme + "': send 'Authorization: Bearer <token>'");
      return;
    }
    String sha256 = ContentHash.ofString(header.substring(PREFIX.length()).trim());
    if (MessageDigest.isEqual(sha256.getBytes(StandardCharsets.US_ASCII), internalTokenSha256)) {
      ctx.put(CALLER, "token:internal");
      ctx.next();
      return;
    }
    vertx.executeBlocking(() -> tokenName(sha256), false).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else if (result.result() != null) {
        ctx.put(CALLER, "token:" + result.result());
        ctx.next();
      } else {
        reject(ctx, "the API token is not valid for this workspace (unknown or deleted): create one with"
            + " `mloop token create` on the server and send it as MLOOP_TOKEN");
      }
    });
  }

  /** Who is calling: "token:NAME" of the API token sent, or "anonymous" on a loopback server without tokens. */
  static String user(RoutingContext ctx) {
    String caller = ctx.get(CALLER);
    return caller == null ? "anonymous" : caller;
  }

  /** The name of the stored token with this sha256, or null. */
  private String tokenName(String sha256) {
    return tokens.findTokenBySha256(sha256).map(Token::name).orElse(null);
  }

  private static void reject(RoutingContext ctx, String message) {
    ErrorResponses.send(ctx, ErrorCode.UNAUTHENTICATED, message);
  }
}
