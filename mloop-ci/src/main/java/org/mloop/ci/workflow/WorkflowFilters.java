package org.mloop.ci.workflow;

import java.util.List;
import java.util.Map;
import org.mloop.core.files.Globs;

/**
 * GitHub's trigger filters. Patterns are globs: {@code *} matches within one path segment (never
 * {@code /}), {@code **} matches anything ({@code **}{@code /} also matches no folder at all, so
 * {@code docs/**}{@code /*.md} matches docs/README.md), {@code ?} and {@code +} make the preceding
 * character optional or repeatable, {@code [a-z0-9]} is a character class, {@code \} escapes, and a
 * leading {@code !} excludes what earlier patterns included (the last matching pattern wins).
 *
 * <ul>
 *   <li>push: {@code branches}/{@code branches-ignore} judge branch pushes and {@code tags}/{@code tags-ignore}
 *       tag pushes; when only branch filters (or only tag filters) are given, the other kind of ref does not
 *       trigger. Path filters then apply to branch pushes (never to tags).
 *   <li>pull_request(_target): branch filters judge the base branch, which the event carries as its
 *       {@code ref}; path filters apply.
 *   <li>{@code paths}: runs when at least one changed file matches; {@code paths-ignore}: runs unless every
 *       changed file is ignored. When the changed files are unknown (no {@code after} commit and no files, as
 *       for a run started by hand) path filters do not stop the run, as GitHub does when it cannot diff.
 *   <li>Any other listed event (workflow_dispatch, schedule, ...) matches its event; {@code types} are not judged.
 * </ul>
 */
public final class WorkflowFilters {
  private WorkflowFilters() {}

  static boolean matches(Triggers triggers, Event event) {
    if (event == null || event.name() == null || triggers == null) {
      return false;
    }
    Map<String, List<String>> filters = triggers.events().get(event.name());
    if (filters == null) {
      return false;
    }
    return switch (event.name()) {
      case "push" -> pushMatches(filters, event);
      case "pull_request", "pull_request_target" ->
          refPasses(filters, "branches", "branches-ignore", event.branch()) && pathsPass(filters, event);
      default -> true;
    };
  }

  private static boolean pushMatches(Map<String, List<String>> filters, Event event) {
    boolean branchFilters = filters.containsKey("branches") || filters.containsKey("branches-ignore");
    boolean tagFilters = filters.containsKey("tags") || filters.containsKey("tags-ignore");
    String ref = event.ref();
    if (ref != null && ref.startsWith("refs/tags/")) {
      String tag = ref.substring("refs/tags/".length());
      if (tagFilters) {
        return refPasses(filters, "tags", "tags-ignore", tag);
      }
      return !branchFilters; // path filters are not evaluated for tags
    }
    if (branchFilters) {
      if (!refPasses(filters, "branches", "branches-ignore", event.branch())) {
        return false;
      }
    } else if (tagFilters) {
      return false;
    }
    return pathsPass(filters, event);
  }

  /** Judges a branch or tag name against an include list or an ignore list (the parser refuses both at once). */
  private static boolean refPasses(Map<String, List<String>> filters, String include, String ignore, String name) {
    List<String> included = filters.get(include);
    List<String> ignored = filters.get(ignore);
    if (included == null && ignored == null) {
      return true;
    }
    if (name == null) {
      return false; // filters given but the event names no ref: nothing to match them against
    }
    if (included != null && !matchesAny(included, name)) {
      return false;
    }
    return ignored == null || !matchesAny(ignored, name);
  }

  private static boolean pathsPass(Map<String, List<String>> filters, Event event) {
    List<String> paths = filters.get("paths");
    List<String> ignored = filters.get("paths-ignore");
    if (paths == null && ignored == null) {
      return true;
    }
    List<String> files = event.changedFiles();
    if (files.isEmpty() && event.after() == null) {
      return true; // files unknown
    }
    if (paths != null && files.stream().noneMatch(file -> matchesAny(paths, file))) {
      return false;
    }
    return ignored == null || files.stream().anyMatch(file -> !matchesAny(ignored, file));
  }

  /** Whether {@code value} is included by {@code patterns}: the last pattern that matches decides ({@code !} excludes). */
  public static boolean matchesAny(List<String> patterns, String value) {
    boolean included = false;
    for (String pattern : patterns) {
      boolean negated = pattern.startsWith("!");
      if (Globs.pattern(negated ? pattern.substring(1) : pattern).matcher(value).matches()) {
        included = !negated;
      }
    }
    return included;
  }
}
