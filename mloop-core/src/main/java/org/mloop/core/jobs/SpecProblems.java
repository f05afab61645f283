package org.mloop.core.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one job file or one override, each as "SOURCE:LINE: FIELD: what is wrong",
 * collected so that a user fixes them all in one go; {@link #throwIfAny()} reports them together.
 */
final class SpecProblems {
  private final String source;
  private final List<String> problems = new ArrayList<>();

  /** {@code source} starts every problem: the file as given, or the override. */
  SpecProblems(String source) {
    this.source = source;
  }

  /** Records a problem; {@code line} is left out when not positive, {@code field} when null. */
  void add(int line, String field, String message) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (field != null) {
      sb.append(field).append(": ");
    }
    problems.add(sb.append(message).toString());
  }

  /** How many problems were recorded so far. */
  int count() {
    return problems.size();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws one {@link JobSpecException} listing every problem recorded, if any. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new JobSpecException(problems);
    }
  }
}
