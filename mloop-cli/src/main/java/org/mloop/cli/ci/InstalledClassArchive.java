package org.mloop.cli.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mloop.jobs.ClassArchiveChecks;

/**
 * The class-data sharing archive of the mloop the push hook installs (CI_HOME/bin/mloop.jsa). Every
 * workflow step's `mloop` call is a new JVM that loads the same few thousand classes (picocli, Jackson,
 * the HTTP client, the commands); mapping them from an archive instead starts it about a third faster.
 * Java 17 records such an archive only when a JVM exits ({@code -XX:ArchiveClassesAtExit}), so
 * `mloop ci install-hook` records it once, at installation, from {@link ClassArchiveTraining}: the first
 * push then pays nothing for it. A rebuild changes the jars and the JVM silently ignores the old
 * archive until the hook is installed again.
 */
final class InstalledClassArchive {
  /** How the steps' short-lived JVMs start (C1 only, serial collector): the archive is recorded so too. */
  static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  /** A JVM that cannot map the archive (another JDK, rebuilt jars) starts without it and says nothing. */
  static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  private static final long TIMEOUT_SECONDS = 120;

  private InstalledClassArchive() {}

  /** The archive beside the installed launcher {@code launcher}. */
  static Path besides(Path launcher) {
    return launcher.resolveSibling(launcher.getFileName() + ".jsa");
  }

  /**
   * Records {@code archive} for JVMs started with {@code java} and {@code classPath}; returns what
   * happened, for the installer to print. Never throws: without an archive the steps only start slower.
   */
  static String record(Path java, String classPath, Path archive) {
    String refusal = ClassArchiveChecks.refusal(archive, classPath);
    if (refusal != null) {
      return "none (" + refusal + ")";
    }
    Path dump = archive.resolveSibling(archive.getFileName() + ".recording");
    Path log = archive.resolveSibling(archive.getFileName() + ".recording.log");
    long started = System.nanoTime();
    try {
      Files.deleteIfExists(dump);
      // a JVM that crashes while dumping writes its report beside the archive, not in the current folder
      List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + dump,
          "-XX:ErrorFile=" + archive.resolveSibling(archive.getFileName() + ".crash-%p.log")));
      command.addAll(QUIET);
      command.addAll(SHORT_LIVED);
      command.addAll(List.of("-cp", classPath, ClassArchiveTraining.class.getName()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // the training serves its own throw-away workspace: the installer's must not leak in
      builder.environment().keySet().removeAll(List.of("MLOOP_WORKSPACE", "MLOOP_TOKEN", "JAVA_TOOL_OPTIONS"));
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        Files.deleteIfExists(dump);
        return "none (recording took over " + TIMEOUT_SECONDS + " s)";
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(dump) || Files.size(dump) == 0) {
        Files.deleteIfExists(dump);
        return "none (the recording JVM exited with code " + process.exitValue() + lastLine(log) + ")";
      }
      Files.deleteIfExists(log);
      Files.move(dump, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return archive + String.format(" (recorded in %.1f s)", (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      return "none (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "none (interrupted)";
    }
  }

  /** ": LINE", the last line the recording JVM printed, or nothing; its log is kept for the rest. */
  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip() + "; see " + log;
  }
}
