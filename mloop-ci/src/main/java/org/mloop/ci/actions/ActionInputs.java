package org.mloop.ci.actions;

import java.nio.file.Path;
import java.util.List;

/** How the built-in actions read their {@code with:} inputs: multi-line lists and paths. */
final class ActionInputs {
  private ActionInputs() {}

  /** The non-empty lines of a multi-line {@code with:} input ("path: |" lists), stripped; # lines are comments. */
  static List<String> lines(String input) {
    return input.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
  }

  /** {@code ~/x} to the home folder, relative paths against {@code base}. */
  static Path resolve(Path base, String path) {
    String p = path.strip();
    if (p.equals("~") || p.startsWith("~/")) {
      return Path.of(System.getProperty("user.home")).resolve(p.equals("~") ? "" : p.substring(2)).normalize();
    }
    return base.resolve(p).normalize();
  }
}
