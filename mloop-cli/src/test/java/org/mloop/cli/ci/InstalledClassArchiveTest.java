package org.mloop.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mloop that `mloop ci install-hook` installs for workflow steps starts from a class-data archive
 * recorded at installation, so no push pays for recording it.
 */
class InstalledClassArchiveTest {
  /** The CLI as `./mloop` builds it: mloop-cli.jar and its dependencies' jars. */
  private static final Path PACKAGED = Path.of("target").toAbsolutePath();

  @TempDir Path temp;

  @Test
  void theInstalledLauncherMapsTheArchiveBesideItAndStartsWithoutOneWhenThereIsNone() throws Exception {
    Path java = executable(temp.resolve("jdk/bin/java"), "echo \"$@\"\n"); // a java that shows its arguments
    Path launcher = executable(temp.resolve("ci/bin/mloop"), CiInstallHookCommand.launcher(java, "cp.jar"));

    assertThat(run(launcher, "--version")).doesNotContain("SharedArchiveFile")
        .endsWith("-cp cp.jar org.mloop.cli.Main --version");

    Files.writeString(InstalledClassArchive.besides(launcher), "archive");
    assertThat(run(launcher, "--version"))
        .startsWith("-XX:SharedArchiveFile=" + temp.resolve("ci/bin/mloop.jsa") + " -Xlog:cds=off -Xlog:cds+dynamic=off")
        .endsWith("-cp cp.jar org.mloop.cli.Main --version");
  }

  @Test
  void theHookStartsEachRunsJvmWithTheArchiveToo() {
    String hook = CiInstallHookCommand.script(Path.of("/jdk/bin/java"), "cp.jar", Path.of("/git/p.git"),
        Path.of("/git/p.git/mloop-ci"), Path.of("/git/p.git/mloop-ci/settings.yml"));

    assertThat(hook).contains("ARCHIVE=\"$CI_HOME/bin/mloop.jsa\"")
        .contains("JAVA_OPTS_MLOOP+=(\"-XX:SharedArchiveFile=$ARCHIVE\"")
        .contains("\"$JAVA\" \"${JAVA_OPTS_MLOOP[@]}\" -cp \"$CLASSPATH_MLOOP\" org.mloop.cli.Main ci run");
  }

  @Test
  void noArchiveIsRecordedForClassesInFoldersAndTheInstallerSaysWhy() {
    Path classes = temp.resolve("classes");
    String message = InstalledClassArchive.record(Path.of(System.getProperty("java.home"), "bin", "java"),
        classes + File.pathSeparator + "lib.jar", temp.resolve("mloop.jsa"));

    assertThat(message).isEqualTo("none (mloop's classes are not all in jars: " + classes + ")");
    assertThat(temp.resolve("mloop.jsa")).doesNotExist();
  }

  @Test
  void aPackagedMloopGetsAnArchiveThatItsJvmsMapForTheClassesAStepLoads() throws Exception {
    assumeTrue(Files.isRegularFile(PACKAGED.resolve("mloop-cli.jar")) && Files.isDirectory(PACKAGED.resolve("lib")),
        "the packaged CLI (./mloop builds it) is needed to record an archive");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String classPath = PACKAGED.resolve("mloop-cli.jar") + File.pathSeparator + PACKAGED.resolve("lib") + "/*";
    Path launcher = executable(temp.resolve("ci/bin/mloop"), CiInstallHookCommand.launcher(java, classPath));
    Path archive = InstalledClassArchive.besides(launcher);

    assertThat(InstalledClassArchive.record(java, classPath, archive)).startsWith(archive + " (recorded in ");

    Path loaded = temp.resolve("classes.log");
    String out = run(launcher, List.of("MLOOP_JAVA_OPTS=-Xlog:class+load=info:file=" + loaded), "--version");
    assertThat(out).startsWith("mloop ");
    assertThat(Files.readString(loaded)).as("classes mapped from the archive recorded at installation")
        .contains("org.mloop.cli.Main source: shared objects file (top)")
        .contains("org.mloop.cli.ci.CiCommand source: shared objects file (top)");
  }

  private static Path executable(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text.startsWith("#!") ? text : "#!/bin/bash\n" + text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static String run(Path launcher, String... args) throws Exception {
    return run(launcher, List.of(), args);
  }

  private static String run(Path launcher, List<String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("MLOOP_JAVA_OPTS");
    for (String pair : env) {
      builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
