package org.mloop.core.auth;

import java.util.Locale;
import org.mloop.core.MloopException;

/**
 * What an API token may do, as Azure ML's built-in roles: each role has the permissions of the ones
 * before it and more (see {@link Permission} for which operation needs what).
 *
 * <ul>
 *   <li>{@code reader}: reads everything but endpoint keys;
 *   <li>{@code contributor}: also data assets, jobs, runs, model registration, aliases other than
 *       the protected ones, monitor runs and ground truth;
 *   <li>{@code deployer}: also endpoints, deployments, traffic, endpoint keys (get-keys) and the
 *       protected aliases;
 *   <li>{@code admin}: also deletes and key regeneration (and, on the server's own workspace
 *       directory, tokens).
 * </ul>
 */
public enum Role {
  READER,
  CONTRIBUTOR,
  DEPLOYER,
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this role has every permission of {@code other}. */
  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }

  public boolean grants(Permission permission) {
    return includes(permission.leastRole());
  }

  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.wireName().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return r;
      }
    }
    throw MloopException.invalid("unknown role '" + text + "': use reader, contributor, deployer or admin");
  }
}
