package org.mloop.ci.workflow;

import java.nio.file.Path;

/**
 * A workflow file that cannot run: its path in the repository (".github/workflows/deploy.yml"),
 * every problem found (the {@link WorkflowException}'s message, one "FILE:LINE: ..." per line), and
 * its {@code on:} when that much could be read (null when it could not: broken YAML, a binary file,
 * a problem inside {@code on:} itself).
 */
public record InvalidWorkflow(Path file, WorkflowException error, Triggers on) {

  /** Every problem, "FILE:LINE: FIELD: what is wrong", one per line. */
  public String message() {
    return error.getMessage();
  }

  /**
   * GitHub reports an invalid file as a failed run of the events it would have started: every
   * event when its {@code on:} could not be read, else those its {@code on:} and filters let through.
   */
  public boolean reportedFor(Event event) {
    return on == null || on.matches(event);
  }
}
