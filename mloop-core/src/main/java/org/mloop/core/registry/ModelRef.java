package org.mloop.core.registry;

import org.mloop.core.MessageText;
import org.mloop.core.MloopException;
import org.mloop.core.NameRule;

/**
 * A reference to a model version: "NAME:3" (a version), "NAME@production" (an alias), "NAME" or
 * "NAME@latest" (the highest READY version). MLflow's "models:/NAME/3" and "models:/NAME@alias" are
 * accepted too. Exactly one of {@code version} and {@code alias} is set, or neither for latest.
 */
public record ModelRef(String name, Integer version, String alias) {
  private static final String MLFLOW_SCHEME = "models:/";

  public static ModelRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw MloopException.invalid("empty model reference: use NAME:VERSION, NAME@ALIAS or NAME");
    }
    String s = text.trim();
    if (s.startsWith(MLFLOW_SCHEME)) {
      s = s.substring(MLFLOW_SCHEME.length());
      int slash = s.indexOf('/');
      if (slash >= 0) {
        s = s.substring(0, slash) + ":" + s.substring(slash + 1);
      }
    }
    int at = s.indexOf('@');
    if (at >= 0) {
      String name = checkName(s.substring(0, at), text);
      String alias = s.substring(at + 1);
      if (alias.equals("latest")) {
        return new ModelRef(name, null, null);
      }
      return new ModelRef(name, null, checkAlias(alias, text));
    }
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      return new ModelRef(checkName(s, text), null, null);
    }
    String v = s.substring(colon + 1);
    try {
      int version = Integer.parseInt(v);
      if (version < 1) {
        throw new NumberFormatException();
      }
      return new ModelRef(checkName(s.substring(0, colon), text), version, null);
    } catch (NumberFormatException e) {
      throw MloopException.invalid("bad version " + MessageText.quoted(v) + " in model reference " + MessageText.quoted(text)
          + ": use NAME:VERSION (1, 2, ...), NAME@ALIAS or NAME for the latest version");
    }
  }

  public static ModelRef ofVersion(String name, int version) {
    return new ModelRef(name, version, null);
  }

  /** Model names follow the data asset rule: letters, digits, '-', '_' and '.', starting with a letter or digit. */
  public static final NameRule NAME = NameRule.of("model name", 255, "[A-Za-z0-9][A-Za-z0-9._-]*",
      "use letters, digits, '-', '_' or '.', starting with a letter or digit");

  /**
   * Aliases: letters, digits, '-' and '_'. "latest" and "v" followed by digits are reserved (as in
   * MLflow), so an alias can never be mistaken for a version.
   */
  public static final NameRule ALIAS = NameRule.of("alias", 255, "[A-Za-z0-9][A-Za-z0-9_-]*",
      "use letters, digits, '-' or '_', e.g. staging or production");

  /** Checks a model name; {@code reference} is the text it was read from (shown when it is more than the name), or null. */
  public static String checkName(String name, String reference) {
    return NAME.check(name, reference);
  }

  /** Checks an alias (see {@link #ALIAS}); {@code reference} as for {@link #checkName}. */
  public static String checkAlias(String alias, String reference) {
    ALIAS.check(alias, reference);
    if (alias.equalsIgnoreCase("latest") || alias.matches("(?i)v?[0-9]+")) {
      throw MloopException.invalid("alias " + MessageText.quoted(alias)
          + (reference == null || reference.equals(alias) ? "" : " in " + MessageText.quoted(reference))
          + " is reserved: 'latest' and version-like names (3, v3) would be ambiguous; pick a name such as production");
    }
    return alias;
  }

  @Override
  public String toString() {
    return version != null ? name + ":" + version : alias != null ? name + "@" + alias : name + "@latest";
  }
}
