package org.mloop.ci.actions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mloop.ci.runner.Action;
import org.mloop.ci.runner.ActionContext;

/**
 * {@code actions/setup-java}: the local runner installs nothing; it checks that the JDK it finds
 * (JAVA_HOME, else {@code java} on PATH) has the major version {@code java-version} asks for, and
 * exports JAVA_HOME for later steps. {@code distribution} is accepted as is; {@code cache: maven}
 * is a no-op (steps share this machine's ~/.m2). Outputs: {@code version}, {@code path}.
 */
final class SetupJavaAction implements Action {
  private static final Pattern VERSION = Pattern.compile("version \"([^\"]+)\"");

  @Override
  public void run(ActionContext context) throws Exception {
    Path java = findJava(context.env());
    String output = javaVersion(java);
    Matcher m = VERSION.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("actions/setup-java: cannot read the version from `" + java + " -version`: "
          + output.strip());
    }
    String version = m.group(1);
    int major = major(version);
    String requested = context.input("java-version").strip();
    if (requested.isEmpty() && !context.input("java-version-file").isBlank()) {
      context.log("java-version-file is not read by the local runner; using the JDK found: " + version);
    }
    if (!requested.isEmpty()) {
      int wanted = major(requested);
      if (wanted != major) {
        throw new IllegalStateException("actions/setup-java: java-version " + requested + " was asked for, but the "
            + "JDK here is " + version + " (" + java + "); the local runner installs no JDK: set JAVA_HOME to a JDK "
            + wanted + " before starting mloop, or change java-version");
      }
    }
    Path home = java.toRealPath().getParent().getParent();
    context.log("Java " + version + " from " + home
        + (context.input("distribution").isBlank() ? "" : " (distribution " + context.input("distribution")
            + " accepted as is: the local runner uses the installed JDK)"));
    String cache = context.input("cache").strip();
    if (!cache.isEmpty()) {
      context.log("cache: " + cache + " is a no-op on the local runner (steps share this machine's "
          + (cache.equals("maven") ? "~/.m2" : cache) + " cache)");
    }
    context.exportVariable("JAVA_HOME", home.toString());
    context.exportVariable("JAVA_HOME_" + major + "_X64", home.toString());
    context.addPath(home.resolve("bin").toString());
    context.setOutput("version", version);
    context.setOutput("path", home.toString());
  }

  /** "17" for "17", "17.0.15", "17.0.x", "1.8.0_402" (8) or "21-ea". */
  static int major(String version) {
    String v = version.strip();
    if (v.startsWith("1.")) {
      v = v.substring(2);
    }
    Matcher m = Pattern.compile("^(\\d+)").matcher(v);
    if (!m.find()) {
      throw new IllegalArgumentException("actions/setup-java: java-version '" + version
          + "' is not a version the local runner understands; write its major version, such as 17");
    }
    return Integer.parseInt(m.group(1));
  }

  private static Path findJava(Map<String, String> env) {
    String javaHome = env.get("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank() && Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
      return Path.of(javaHome, "bin", "java");
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "java"))) {
        return Path.of(dir, "java");
      }
    }
    Path running = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(running)) {
      return running;
    }
    throw new IllegalStateException("actions/setup-java: no JDK found (JAVA_HOME is not set and there is no java on "
        + "PATH); install a JDK or set JAVA_HOME before starting mloop");
  }

  private static String javaVersion(Path java) throws Exception {
    Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("actions/setup-java: `" + java + " -version` did not answer within 30 s");
    }
    return output;
  }
}
