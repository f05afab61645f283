package org.mloop.ci.runner;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The actions a local runner supports, by "owner/name" (a {@code uses:} value without its "@ref"). */
public interface ActionRegistry {

  /** The action for a {@code uses:} value such as "actions/checkout@v4" (the ref is ignored). */
  Optional<Action> lookup(String uses);

  /** The names this registry supports, for error messages ("actions/checkout", ...). */
  List<String> supported();

  /** "actions/checkout" for "actions/checkout@v4" (also for "Actions/Checkout"). */
  static String key(String uses) {
    String name = uses.strip();
    int at = name.indexOf('@');
    return (at >= 0 ? name.substring(0, at) : name).toLowerCase();
  }

  /** A registry over fixed actions keyed by "owner/name". */
  static ActionRegistry of(Map<String, Action> actions) {
    Map<String, Action> byKey = new TreeMap<>();
    actions.forEach((name, action) -> byKey.put(key(name), action));
    return new ActionRegistry() {
      @Override
      public Optional<Action> lookup(String uses) {
        return Optional.ofNullable(byKey.get(key(uses)));
      }

      @Override
      public List<String> supported() {
        return List.copyOf(byKey.keySet());
      }
    };
  }

  static ActionRegistry none() {
    return of(Map.of());
  }
}
