package org.mloop.core.endpoints;

import java.util.Locale;
import org.mloop.core.MloopException;

/** Which of an endpoint's two keys, as Azure's {@code --key-type primary|secondary}. */
public enum KeyType {
  PRIMARY,
  SECONDARY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KeyType parse(String text) {
    for (KeyType k : values()) {
      if (k.wireName().equalsIgnoreCase(text)) {
        return k;
      }
    }
    throw MloopException.invalid("bad key type '" + text + "': use primary or secondary");
  }
}
