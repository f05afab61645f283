package org.mloop.ci.workflow;

/** A workflow file that cannot run: the message starts with file:line and says what to fix. */
public final class WorkflowException extends RuntimeException {
  private final Location location;

  public WorkflowException(Location location, String message) {
    super(location + ": " + message);
    this.location = location;
  }

  public Location location() {
    return location;
  }
}
