package org.mloop.studio;

import org.mloop.core.auth.Caller;

/**
 * A browser's session, kept on the server only (the cookie carries its random id): its CSRF token, and
 * once signed in the caller with the sha256 of the token it signed in with (never the token), checked
 * again on every request. {@code caller} is null until sign-in; on a server that asks no token it is
 * the anonymous caller from the start.
 */
record Session(String id, String csrf, Caller caller, String tokenSha256, long expiresAt) {
  boolean signedIn() {
    return caller != null;
  }

  boolean expired(long now) {
    return now >= expiresAt;
  }
}
