package org.mloop.ci.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends lines to a job's log file as they come, so `mloop ci logs` shows a running job. */
final class JobLog {
  private JobLog() {}

  static synchronized void append(Path file, String line) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the job log " + file + ": " + e.getMessage(), e);
    }
  }
}
