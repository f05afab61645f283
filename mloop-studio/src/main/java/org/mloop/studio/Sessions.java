package org.mloop.studio;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mloop.core.auth.Caller;

/**
 * The studio's sessions, in this server's memory (a restart signs everyone out). Ids and CSRF tokens
 * are 256 random bits. A session before sign-in lives {@link #SIGN_IN_TTL_MS}; a signed-in one
 * {@link #SIGNED_IN_TTL_MS} at most, and never past its token's expiry. At most {@link #MAX_SESSIONS}
 * are kept: expired ones go first, then the ones closest to expiry.
 */
final class Sessions {
  static final long SIGN_IN_TTL_MS = 30L * 60 * 1000;
  static final long SIGNED_IN_TTL_MS = 8L * 60 * 60 * 1000;
  static final int MAX_SESSIONS = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** The live session with this id, or null (an expired one is removed). */
  Session find(String id, long now) {
    if (id == null) {
      return null;
    }
    Session session = sessions.get(id);
    if (session != null && session.expired(now)) {
      sessions.remove(id, session);
      return null;
    }
    return session;
  }

  /** A new session not signed in yet, for the sign-in form's CSRF token. */
  Session startAnonymous(long now) {
    return put(new Session(newSecret(), newSecret(), null, null, now + SIGN_IN_TTL_MS), now);
  }

  /** A new signed-in session (a new id: the one before sign-in is dropped). */
  Session signIn(Session before, Caller caller, String tokenSha256, Long tokenExpiresAt, long now) {
    if (before != null) {
      sessions.remove(before.id());
    }
    long expires = now + SIGNED_IN_TTL_MS;
    if (tokenExpiresAt != null) {
      expires = Math.min(expires, tokenExpiresAt);
    }
    return put(new Session(newSecret(), newSecret(), caller, tokenSha256, expires), now);
  }

  void end(Session session) {
    if (session != null) {
      sessions.remove(session.id());
    }
  }

  int size() {
    return sessions.size();
  }

  /** True when {@code sent} is the session's CSRF token (compared in constant time). */
  static boolean csrfMatches(Session session, String sent) {
    return session != null && sent != null && MessageDigest.isEqual(
        session.csrf().getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
  }

  private Session put(Session session, long now) {
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> s.expired(now));
      while (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream().min(Comparator.comparingLong(Session::expiresAt))
            .ifPresent(oldest -> sessions.remove(oldest.id()));
      }
    }
    sessions.put(session.id(), session);
    return session;
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
