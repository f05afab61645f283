package org.mloop.core.jobs;

import java.util.List;
import org.mloop.core.MloopException;

/**
 * A job spec (or a --set override) that cannot be used. Each entry of {@link #problems()} reads
 * "FILE:LINE: FIELD: what is wrong"; the message lists them one per line.
 */
public class JobSpecException extends MloopException {
  private final List<String> problems;

  public JobSpecException(List<String> problems) {
    super(org.mloop.core.ErrorCode.INVALID_PARAMETER_VALUE, String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
