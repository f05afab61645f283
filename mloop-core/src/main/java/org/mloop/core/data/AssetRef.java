package org.mloop.core.data;

import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;

/**
 * A reference to a data asset version: "mloop:NAME:VERSION", "mloop:NAME@latest", or the same
 * without the "mloop:" prefix. {@code version} is null for "@latest" (and for a bare name).
 */
public record AssetRef(String name, Integer version) {
  public static final String SCHEME = "mloop:";

  public static boolean isAssetRef(String text) {
    return text != null && text.startsWith(SCHEME);
  }

  public static AssetRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw MloopException.invalid("empty data asset reference: use NAME:VERSION or NAME@latest");
    }
    String s = text.startsWith(SCHEME) ? text.substring(SCHEME.length()) : text;
    if (s.endsWith("@latest")) {
      return new AssetRef(checkName(s.substring(0, s.length() - "@latest".length()), text), null);
    }
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      return new AssetRef(checkName(s, text), null);
    }
    String v = s.substring(colon + 1);
    try {
      int version = Integer.parseInt(v);
      if (version < 1) {
        throw new NumberFormatException();
      }
      return new AssetRef(checkName(s.substring(0, colon), text), version);
    } catch (NumberFormatException e) {
      throw MloopException.invalid(
          "bad version " + MessageText.quoted(v) + " in data asset reference " + MessageText.quoted(text)
              + ": use NAME:VERSION (1, 2, ...) or NAME@latest");
    }
  }

  /** Names as in Azure ML: letters, digits, '-', '_' and '.', starting with a letter or digit. */
  public static final NameRule NAME = NameRule.of("data asset name", 255, "[A-Za-z0-9][A-Za-z0-9._-]*",
      "use letters, digits, '-', '_' or '.', starting with a letter or digit");

  /** Checks a data asset name; {@code reference} is the text it was read from (shown when it is more than the name), or null. */
  public static String checkName(String name, String reference) {
    return NAME.check(name, reference);
  }

  @Override
  public String toString() {
    return SCHEME + name + (version == null ? "@latest" : ":" + version);
  }
}
