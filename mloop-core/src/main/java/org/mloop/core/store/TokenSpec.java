package org.mloop.core.store;

import org.mloop.core.MloopException;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;

/**
 * What a new API token may do: its name (who or what uses it), role, scope and when it expires
 * (epoch millis, null for never).
 */
public record TokenSpec(String name, Role role, Scope scope, Long expiresAt) {
  public static final int MAX_NAME = 100;

  public TokenSpec {
    if (name == null || name.isBlank()) {
      throw MloopException.invalid("A token needs a name, such as the user or machine that uses it.");
    }
    if (name.length() > MAX_NAME) {
      throw MloopException.invalid("token name is too long (max " + MAX_NAME + " characters)");
    }
    if (role == null) {
      throw MloopException.invalid("A token needs a role: reader, contributor, deployer or admin.");
    }
    scope = scope == null ? Scope.WORKSPACE : scope;
  }

  /** A workspace-wide admin token that never expires: what every token was before roles. */
  public static TokenSpec admin(String name) {
    return new TokenSpec(name, Role.ADMIN, Scope.WORKSPACE, null);
  }
}
