package org.mloop.ci.workflow;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code .github/workflows} holds, as GitHub reads it: the valid workflows, the invalid
 * {@code .yml}/{@code .yaml} files (each reported on its own; one never stops the others), and the
 * files GitHub does not read (another extension), by file name. Paths are relative to the repository.
 */
public record WorkflowFiles(List<Workflow> workflows, List<InvalidWorkflow> invalid, List<Path> ignored) {
  public WorkflowFiles {
    workflows = List.copyOf(workflows);
    invalid = List.copyOf(invalid);
    ignored = List.copyOf(ignored);
  }

  public static WorkflowFiles none() {
    return new WorkflowFiles(List.of(), List.of(), List.of());
  }

  /** The invalid files GitHub would report for {@code event} ({@link InvalidWorkflow#reportedFor}). */
  public List<InvalidWorkflow> invalidFor(Event event) {
    return invalid.stream().filter(i -> i.reportedFor(event)).toList();
  }
}
