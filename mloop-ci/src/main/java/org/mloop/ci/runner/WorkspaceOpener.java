package org.mloop.ci.runner;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.mloop.core.workspace.Workspace;

/**
 * Opens the mloop workspace a {@code uses:} step works with (the artifact actions keep artifacts in
 * its artifact store). The CLI gives one that reads the step's {@code MLOOP_WORKSPACE} and
 * {@code MLOOP_TOKEN}, else `mloop ci run --workspace`; this module knows no way to open one itself.
 */
@FunctionalInterface
public interface WorkspaceOpener {
  /**
   * The workspace for a step with environment {@code env} (relative directories against
   * {@code workingDirectory}), or empty when none is configured. The caller closes it.
   */
  Optional<Workspace> open(Map<String, String> env, Path workingDirectory);

  static WorkspaceOpener none() {
    return (env, dir) -> Optional.empty();
  }
}
