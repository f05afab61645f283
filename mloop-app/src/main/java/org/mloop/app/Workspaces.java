package org.mloop.app;

import java.nio.file.Path;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.workspace.Workspace;

/** Opens the workspace a command names: a server URL (remote) or a directory (embedded). */
public final class Workspaces {
  public static final String ENV_WORKSPACE = "MLOOP_WORKSPACE";
  public static final String ENV_TOKEN = "MLOOP_TOKEN";
  public static final String DEFAULT_DIRECTORY = ".mloop";

  private Workspaces() {}

  /** --workspace, else $MLOOP_WORKSPACE, else ./.mloop. */
  public static String location(String option) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String env = System.getenv(ENV_WORKSPACE);
    return env != null && !env.isBlank() ? env : DEFAULT_DIRECTORY;
  }

  /** True when the workspace is named (--workspace or $MLOOP_WORKSPACE), not the ./.mloop default. */
  public static boolean named(String option) {
    if (option != null && !option.isBlank()) {
      return true;
    }
    String env = System.getenv(ENV_WORKSPACE);
    return env != null && !env.isBlank();
  }

  public static boolean isRemote(String location) {
    return location.startsWith("http://") || location.startsWith("https://");
  }

  public static Workspace open(String location) {
    return open(location, System.getenv(ENV_TOKEN));
  }

  /** As {@link #open(String)} with this token for a server (instead of $MLOOP_TOKEN). */
  public static Workspace open(String location, String token) {
    if (isRemote(location)) {
      return new RemoteWorkspace(location, token);
    }
    Path dir = Path.of(location).toAbsolutePath().normalize();
    return LocalWorkspaces.open(dir);
  }
}
