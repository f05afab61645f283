package org.mloop.ci.workflow;

import java.util.List;
import java.util.Map;

/**
 * What happened, as a local runner learns it: the event name (push, pull_request,
 * workflow_dispatch, schedule), the ref ("refs/heads/main"), the commits before and after (a push's
 * range; for a pull request, base and head), the files the range changed (for {@code paths}
 * filters), and workflow_dispatch inputs. For a pull request, {@code ref} is the base branch (the
 * branch it merges into, which {@code branches} filters judge). No {@code after} and no files means
 * the changed files are unknown: {@code paths} filters then let the workflow run.
 */
public record Event(String name, String ref, String before, String after, List<String> changedFiles,
    Map<String, String> inputs) {
  public Event {
    changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
  }

  /** "main" for "refs/heads/main". */
  public String branch() {
    return ref != null && ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
  }
}
