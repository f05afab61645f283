package org.mloop.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Caller;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication: finds the {@link Caller} of a request. A token is valid when its sha256
 * is in the {@link TokenStore} and it has not expired (an expired one is 401 saying so), or when it is
 * the server's own internal token (given to the jobs it runs; {@link Caller#internal()}). When tokens
 * are not required (loopback without the option), a request without an Authorization header is the
 * machine's own client ({@link Caller#anonymous()}), but a token that is sent must still be valid, and a
 * malformed header is refused ({@link BearerHeader}), never taken for no header.
 *
 * <p>The token lookup is a database call, so it runs on a worker thread; the request stays paused
 * meanwhile so no body bytes are lost. A token's last use is written at most once a minute.
 */
final class BearerAuth implements Handler<RoutingContext> {
  /** Routing-context key of the authenticated caller ("token:NAME"), for records of who did what. */
  static final String CALLER = "mloop.caller";
  /** Routing-context key of the {@link Caller} the access check judges. */
  static final String PRINCIPAL = "mloop.principal";
  static final long LAST_USE_RESOLUTION_MS = 60_000;
  private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);

  private final Vertx vertx;
  private final TokenStore tokens;
  private final boolean required;
  private final byte[] internalTokenSha256;
  private final Map<String, Long> lastUseRecorded = new ConcurrentHashMap<>();

  BearerAuth(Vertx vertx, TokenStore tokens, boolean required, String internalToken) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.required = required;
    this.internalTokenSha256 = ContentHash.ofString(internalToken).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token;
    try {
      token = BearerHeader.token(ctx.request());
    } catch (MloopException e) {
      ErrorResponses.send(ctx, e);
      return;
    }
    if (token == null) {
      if (required) {
        reject(ctx, "this mloop server requires an API token: send the header 'Authorization: Bearer <token>'"
            + " (mloop clients send MLOOP_TOKEN, MLflow clients MLFLOW_TRACKING_TOKEN)");
      } else {
        ctx.put(PRINCIPAL, Caller.anonymous());
        ctx.next();
      }
      return;
    }
    identify(ContentHash.ofString(token)).onComplete(result -> {
      if (result.failed()) {
        if (result.cause() instanceof MloopException e) {
          ErrorResponses.send(ctx, e);
        } else {
          ctx.fail(result.cause());
        }
        return;
      }
      Caller caller = result.result().caller();
      ctx.put(CALLER, "token:" + caller.name());
      ctx.put(PRINCIPAL, caller);
      ctx.next();
    });
  }

  /**
   * The caller whose token has this sha256: the server's internal token, or a token of the store that
   * has not expired (its use recorded); otherwise a failed future with UNAUTHENTICATED saying why.
   */
  Future<WebAuth.Identity> identify(String sha256) {
    if (MessageDigest.isEqual(sha256.getBytes(StandardCharsets.US_ASCII), internalTokenSha256)) {
      return Future.succeededFuture(new WebAuth.Identity(Caller.internal(), sha256, null));
    }
    return vertx.executeBlocking(() -> tokens.findTokenBySha256(sha256).orElse(null), false).compose(found -> {
      long now = System.currentTimeMillis();
      if (found == null) {
        return Future.failedFuture(unauthenticated("the API token is not valid for this workspace (unknown or deleted):"
            + " ask an admin of the workspace for a token and send it as MLOOP_TOKEN"));
      } else if (found.expired(now)) {
        return Future.failedFuture(unauthenticated("the API token '" + found.name() + "' expired at "
            + Instant.ofEpochMilli(found.expiresAt()) + ": ask an admin of the workspace for a new one"));
      }
      recordUse(found, now);
      return Future.succeededFuture(new WebAuth.Identity(found.caller(), sha256, found.expiresAt()));
    });
  }

  /** Who is calling: "token:NAME" of the API token sent, or "anonymous" on a loopback server without tokens. */
  static String user(RoutingContext ctx) {
    String caller = ctx.get(CALLER);
    return caller == null ? "anonymous" : caller;
  }

  /** The caller the access check judges; a request that did not pass this handler has none and may do nothing. */
  static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(PRINCIPAL);
    if (caller == null) {
      throw new MloopException(ErrorCode.UNAUTHENTICATED, "the request was not authenticated");
    }
    return caller;
  }

  /** Writes the token's last use when the one recorded is older than a minute; off the request's path. */
  private void recordUse(Token token, long now) {
    Long recorded = lastUseRecorded.get(token.id());
    long stored = token.lastUsedAt() == null ? 0 : token.lastUsedAt();
    if (Math.max(recorded == null ? 0 : recorded, stored) > now - LAST_USE_RESOLUTION_MS) {
      return;
    }
    if (recorded == null ? lastUseRecorded.putIfAbsent(token.id(), now) != null
        : !lastUseRecorded.replace(token.id(), recorded, now)) {
      return; // another request of this token records it
    }
    vertx.executeBlocking(() -> {
      tokens.recordTokenUse(token.id(), now);
      return null;
    }, false).onFailure(e -> LOG.warn("could not record the last use of token '{}': {}", token.name(), e.getMessage()));
  }

  private static void reject(RoutingContext ctx, String message) {
    ErrorResponses.send(ctx, unauthenticated(message));
  }

  private static MloopException unauthenticated(String message) {
    return new MloopException(ErrorCode.UNAUTHENTICATED, message);
  }
}
