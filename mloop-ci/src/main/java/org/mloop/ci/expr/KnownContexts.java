package org.mloop.ci.expr;

import java.util.List;
import java.util.Locale;

/** The context names a workflow may use; anything else is a typo reported before a job starts. */
final class KnownContexts {
  static final List<String> NAMES =
      List.of("github", "env", "vars", "secrets", "inputs", "needs", "steps", "job", "jobs", "runner", "strategy", "matrix");

  private KnownContexts() {}

  static boolean isKnown(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  static String list() {
    return String.join(", ", NAMES);
  }
}
