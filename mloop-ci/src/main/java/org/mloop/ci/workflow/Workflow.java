package org.mloop.ci.workflow;

import java.nio.file.Path;
import java.util.Map;

/** A parsed workflow file: its triggers, workflow-level env, and jobs in file order. */
public record Workflow(Path file, String name, Triggers on, Map<String, String> env, Map<String, WorkflowJob> jobs) {
  public String displayName() {
    return name != null && !name.isBlank() ? name : file.getFileName().toString();
  }

  /** {@code location}, or this workflow's file when it is null (something of the whole workflow). */
  public Location locate(Location location) {
    return location != null ? location : new Location(file, 0);
  }
}
