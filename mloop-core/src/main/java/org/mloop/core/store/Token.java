package org.mloop.core.store;

import org.mloop.core.auth.Caller;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;

/**
 * An API token's record. Only the token's sha256 is stored, never the token itself.
 * {@code lastUsedAt} (epoch millis, null when never used) is recorded at most about once a minute.
 */
public record Token(String id, TokenSpec spec, String sha256, long createdAt, Long lastUsedAt) {

  public String name() {
    return spec.name();
  }

  public Role role() {
    return spec.role();
  }

  public Scope scope() {
    return spec.scope();
  }

  /** Epoch millis after which the server refuses the token; null for never. */
  public Long expiresAt() {
    return spec.expiresAt();
  }

  public boolean expired(long now) {
    return spec.expiresAt() != null && now >= spec.expiresAt();
  }

  /** The caller a request with this token is, for the access check. */
  public Caller caller() {
    return new Caller(spec.name(), spec.role(), spec.scope());
  }
}
