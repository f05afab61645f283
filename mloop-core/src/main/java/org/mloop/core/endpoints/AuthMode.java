package org.mloop.core.endpoints;

import java.util.Locale;
import org.mloop.core.MloopException;

/** How callers of an endpoint authenticate: with one of its two keys (Azure's "key" mode), or not at all. */
public enum AuthMode {
  KEY,
  /** No key asked; for a scoring host reachable on loopback only, e.g. a laptop demo. */
  NONE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AuthMode parse(String text) {
    for (AuthMode m : values()) {
      if (m.wireName().equalsIgnoreCase(text)) {
        return m;
      }
    }
    throw MloopException.invalid("bad auth mode '" + text + "': use key or none");
  }
}
