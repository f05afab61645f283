package org.mloop.jobs.compute;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mloop.core.jobs.ComputeNames;

/**
 * The {@code local} compute target: runs the command with {@code bash -c} on this machine, in the
 * launch's working folder, with this process's environment less its own MLOOP_* and MLFLOW_*
 * variables, plus the launch's variables, and the JDK mloop runs on first on the PATH (as
 * {@code JAVA_HOME} too).
 */
public final class LocalCompute implements ComputeTarget {

  @Override
  public String name() {
    return ComputeNames.LOCAL;
  }

  @Override
  public RunningCommand launch(CommandLaunch launch) throws IOException {
    return LocalProcess.start(List.of("bash", "-c", launch.command()), launch.workDir(),
        env -> environment(launch.variables(), env), launch.log());
  }

  /** Turns the inherited environment {@code env} into the command's. */
  static void environment(Map<String, String> variables, Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("MLOOP_") || k.startsWith("MLFLOW_"));
    env.putAll(variables);
    String javaHome = System.getProperty("java.home");
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("PATH", Path.of(javaHome, "bin") + File.pathSeparator + path);
    env.put("JAVA_HOME", javaHome);
  }
}
