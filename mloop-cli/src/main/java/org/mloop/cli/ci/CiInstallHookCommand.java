package org.mloop.cli.ci;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mloop.cli.Printer;
import org.mloop.core.MloopException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "install-hook",
    mixinStandardHelpOptions = true,
    description = {"Install a post-receive hook in a (bare) repository, so that `git push` to it starts "
        + "`mloop ci run --event push` for every pushed branch or tag, detached: the push returns at once and the "
        + "run's output goes to CI_HOME/hook-logs/. The hook records, now, the absolute paths of java "
        + "($JAVA_HOME, else the running JVM), of mloop's jars, of the repository, CI home and settings file; "
        + "workflow steps started by the hook find that JDK and that mloop (CI_HOME/bin/mloop) first on PATH.",
        "The pusher's MLOOP_WORKSPACE and MLOOP_TOKEN are not passed on: workflows get them as secrets from the "
            + "settings file. Re-run after rebuilding mloop elsewhere; --force replaces a hook mloop did not write."},
    footer = {"", "Examples:",
        "  git init --bare /srv/git/project.git",
        "  mloop ci install-hook --repo /srv/git/project.git",
        "  git push /srv/git/project.git main      # starts the workflows; see `mloop ci list --repo ...`"})
public final class CiInstallHookCommand implements Callable<Integer> {
  static final String MARKER = "# mloop ci post-receive hook";

  @Mixin CiOptions options;

  @Option(names = "--force", description = "Replace an existing post-receive hook that mloop did not write.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (options.repo == null) {
      throw MloopException.invalid("--repo is required: the repository people push to, e.g. --repo "
          + "/srv/git/project.git");
    }
    GitRepo repo = options.repository();
    Path home = options.home();
    Path settings = options.settingsFile();
    Path hook = repo.hooksDirectory().resolve("post-receive");
    if (Files.exists(hook) && !Files.readString(hook).contains(MARKER) && !force) {
      throw MloopException.invalid(hook + " exists and was not written by mloop: merge it by hand, or replace it "
          + "with --force");
    }
    Files.createDirectories(hook.getParent());
    Files.createDirectories(home.resolve("hook-logs"));
    Path java = java();
    String classPath = classPath();
    Path bin = home.resolve("bin").resolve("mloop");
    Files.createDirectories(bin.getParent());
    Files.writeString(bin, launcher(java, classPath));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(hook, script(java, classPath, repo.path(), home, settings));
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    String archive = InstalledClassArchive.record(java, classPath, InstalledClassArchive.besides(bin));
    Printer out = options.printer();
    out.line("Installed " + hook);
    out.line("  a push starts: mloop ci run --event push --repo " + repo.path() + " --ci-home " + home
        + " --settings " + settings);
    out.line("  run output:    " + home.resolve("hook-logs") + "/");
    out.line("  steps run:     `mloop` = " + bin + " (this build), java = " + java);
    out.line("  class-data archive of their JVMs: " + archive);
    out.line("  settings:      " + settings + (Files.exists(settings) ? "" : " (not there yet: no secrets, "
        + "no protection rules)"));
    out.line("Follow runs with: mloop ci list --ci-home " + home);
    return 0;
  }

  /** java from $JAVA_HOME, else the JVM running this command. */
  static Path java() {
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank() && Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
      return Path.of(javaHome, "bin", "java").toAbsolutePath();
    }
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * mloop's class path, absolute: the project's build when started by ./mloop (MLOOP_PROJECT_DIR),
   * else the class path of this JVM.
   */
  static String classPath() {
    String project = System.getenv("MLOOP_PROJECT_DIR");
    if (project != null && !project.isBlank()) {
      Path target = Path.of(project).toAbsolutePath().resolve("mloop-cli").resolve("target");
      if (Files.isRegularFile(target.resolve("mloop-cli.jar"))) {
        return target.resolve("mloop-cli.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
      }
    }
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry.endsWith("*") ? entry : Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  static String script(Path java, String classPath, Path repo, Path home, Path settings) {
    return String.join("\n",
        "#!/usr/bin/env bash",
        MARKER + " (written by `mloop ci install-hook`; re-run it to update).",
        "# For each pushed ref it starts `mloop ci run --event push` detached, so that git push returns at once.",
        "set -u",
        "JAVA=" + quote(java.toString()),
        "CLASSPATH_MLOOP=" + quote(classPath),
        "REPO=" + quote(repo.toString()),
        "CI_HOME=" + quote(home.toString()),
        "SETTINGS=" + quote(settings.toString()),
        "LOGS=\"$CI_HOME/hook-logs\"",
        "# the run's JVM mostly waits on its steps: it starts faster with C1 alone, the serial collector and",
        "# the class-data archive recorded at installation (ignored when the jars changed since)",
        "JAVA_OPTS_MLOOP=(" + String.join(" ", InstalledClassArchive.SHORT_LIVED) + ")",
        "ARCHIVE=\"$CI_HOME/bin/mloop.jsa\"",
        "[ -f \"$ARCHIVE\" ] && JAVA_OPTS_MLOOP+=(\"-XX:SharedArchiveFile=$ARCHIVE\" "
            + String.join(" ", InstalledClassArchive.QUIET) + ")",
        "# the workflows' steps get this JDK and this build of mloop (CI_HOME/bin/mloop) first on PATH",
        "export JAVA_HOME=" + quote(java.getParent().getParent().toString()),
        "export PATH=\"$CI_HOME/bin:$JAVA_HOME/bin:$PATH\"",
        "export MLOOP_CLI=\"$CI_HOME/bin/mloop\"   # scripts may prefer it to building ./mloop in each checkout",
        "export MLOOP_CI_SETTINGS=\"$SETTINGS\"   # for a step that starts another workflow (mloop ci run --settings)",
        "mkdir -p \"$LOGS\"",
        "# the run must not see the pusher's workspace or token (they come from the settings file), nor git's",
        "# hook variables (steps run git in other repositories)",
        "unset MLOOP_WORKSPACE MLOOP_TOKEN MLFLOW_TRACKING_URI MLFLOW_TRACKING_TOKEN",
        "for v in $(compgen -e); do case \"$v\" in GIT_*) unset \"$v\";; esac; done",
        "zero=0000000000000000000000000000000000000000",
        "n=0",
        "while read -r old new ref; do",
        "  [ -n \"${ref:-}\" ] || continue",
        "  [ \"$new\" = \"$zero\" ] && continue   # a deleted branch runs nothing",
        "  n=$((n + 1))   # a branch and a tag pushed at one commit get a log each",
        "  log=\"$LOGS/$(date -u +%Y%m%dT%H%M%SZ)-${new:0:12}-$$-$n.log\"",
        "  setsid nohup \"$JAVA\" \"${JAVA_OPTS_MLOOP[@]}\" -cp \"$CLASSPATH_MLOOP\" org.mloop.cli.Main ci run \\",
        "    --event push \\",
        "    --ref \"$ref\" --before \"$old\" --after \"$new\" \\",
        "    --repo \"$REPO\" --ci-home \"$CI_HOME\" --settings \"$SETTINGS\" \\",
        "    </dev/null >\"$log\" 2>&1 &",
        "  echo \"mloop: CI started for $ref at ${new:0:7} (output: $log)\"",
        "done",
        "");
  }

  /**
   * CI_HOME/bin/mloop: runs the mloop build the hook was installed from, for workflow steps, mapping the
   * class-data archive recorded beside it at installation when there is one.
   */
  static String launcher(Path java, String classPath) {
    return String.join("\n",
        "#!/usr/bin/env bash",
        "# mloop as installed by `mloop ci install-hook`, for the steps of workflows started by the push hook",
        "archive=\"$(dirname \"${BASH_SOURCE[0]}\")/mloop.jsa\"",
        "cds=()",
        "[ -f \"$archive\" ] && cds=(\"-XX:SharedArchiveFile=$archive\" " + String.join(" ", InstalledClassArchive.QUIET) + ")",
        "exec " + quote(java.toString()) + " \"${cds[@]}\" ${MLOOP_JAVA_OPTS:-} -cp " + quote(classPath)
            + " org.mloop.cli.Main \"$@\"",
        "");
  }

  /** A bash single-quoted word. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
