package org.mloop.jobs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What makes a JVM unable to dump or map a class-data sharing archive, checked before trying: the job
 * executors' archives ({@link ExecutorClassArchive}) and the one `mloop ci install-hook` records for its
 * installed mloop.
 */
public final class ClassArchiveChecks {
  private ClassArchiveChecks() {}

  /**
   * Why JVMs of {@code classPath} (path-separated; "DIR/*" for the jars in DIR) cannot use an archive at
   * {@code archive}, or null when they can.
   */
  public static String refusal(Path archive, String classPath) {
    if (!System.getProperty("java.vm.info", "").contains("sharing")) {
      return "this JVM runs without the JDK's base archive"; // a dump would fail to start
    }
    if (archive.toAbsolutePath().toString().contains(File.pathSeparator)) {
      return "its path holds '" + File.pathSeparator + "'"; // -XX:SharedArchiveFile reads "BASE:TOP" as two archives
    }
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.endsWith(File.separator + "*")) { // the JVM expands "DIR/*" to the jars in DIR only
        if (!Files.isDirectory(Path.of(entry.substring(0, entry.length() - 2)))) {
          return "no folder " + entry;
        }
      } else if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
        return "mloop's classes are not all in jars: " + entry; // the JVM refuses to dump for a folder
      }
    }
    return null;
  }
}
