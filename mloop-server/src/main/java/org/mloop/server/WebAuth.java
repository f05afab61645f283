package org.mloop.server;

import io.vertx.core.Future;
import java.util.List;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.AccessPolicy;
import org.mloop.core.auth.Caller;
import org.mloop.core.auth.Permission;
import org.mloop.core.auth.Resource;

/**
 * What {@link WebPages} get from the server to authenticate and authorize their requests the way the
 * APIs do: whether the server requires tokens, the same token check as the bearer header's (the token
 * store's sha256, expiry, the server's internal token) and the same {@link AccessPolicy}.
 */
public final class WebAuth {
  private final BearerAuth bearer;
  private final boolean tokensRequired;
  private final AccessPolicy policy;

  WebAuth(BearerAuth bearer, boolean tokensRequired, AccessPolicy policy) {
    this.bearer = bearer;
    this.tokensRequired = tokensRequired;
    this.policy = policy;
  }

  /**
   * Who holds a valid token: its caller (role and scope), the token's sha256 (to check it again later
   * without keeping the token) and when it expires (null: never).
   */
  public record Identity(Caller caller, String tokenSha256, Long expiresAt) {}

  /** False on a loopback server that asks no token: there every request is {@link Caller#anonymous()}. */
  public boolean tokensRequired() {
    return tokensRequired;
  }

  /** Checks a token as the bearer header's is checked; fails with UNAUTHENTICATED saying why. */
  public Future<Identity> authenticate(String token) {
    return bearer.identify(ContentHash.ofString(token));
  }

  /** Checks again the token behind an identity (it may have been deleted or have expired since). */
  public Future<Identity> reauthenticate(String tokenSha256) {
    return bearer.identify(tokenSha256);
  }

  /** Throws PERMISSION_DENIED unless the caller may do {@code permission} on {@code resources}. */
  public void check(Caller caller, Permission permission, List<Resource> resources) {
    policy.check(caller, permission, resources);
  }

  /** True when the caller may do {@code permission} on {@code resources} (to show or hide an action). */
  public boolean allows(Caller caller, Permission permission, List<Resource> resources) {
    try {
      policy.check(caller, permission, resources);
      return true;
    } catch (MloopException e) {
      return false;
    }
  }
}
