package org.mloop.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's live log file as the executor uses it: mloop's own lines ("mloop: ...") appended to what
 * the command prints, and the last lines of the command's output quoted in a failed job's error.
 */
final class JobLogFile {
  private static final Logger LOG = LoggerFactory.getLogger(JobLogFile.class);
  /** How many lines of the log a Failed job's error shows. */
  static final int ERROR_LOG_LINES = 20;

  private JobLogFile() {}

  /** Appends "mloop: MESSAGE" as a line of its own. */
  static void appendNote(Path log, String message) {
    try {
      Files.writeString(log, "mloop: " + message + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot write to {}: {}", log, e.toString());
    }
  }

  /** The error of a command that exited with {@code exit}: the code, the signal that killed it, its last lines. */
  static String exitMessage(int exit, Path log) {
    String signal = exit > 128 && exit < 160
        ? " (killed by signal " + (exit - 128) + (exit == 137 ? ", for example for lack of memory" : "") + ")"
        : "";
    List<String> lines = lastLines(log, ERROR_LOG_LINES);
    return "the command exited with code " + exit + signal
        + (lines.isEmpty() ? "; it printed nothing" : "; last lines of its log:\n" + String.join("\n", lines));
  }

  /** The last {@code count} lines the command printed (mloop's own left out), each cut at 500 characters. */
  static List<String> lastLines(Path log, int count) {
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      long size = ch.size();
      int length = (int) Math.min(size, 64 * 1024);
      ByteBuffer buffer = ByteBuffer.allocate(length);
      ch.read(buffer, size - length);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      List<String> lines = text.lines().skip(size > length ? 1 : 0) // the first line read may be partial
          .filter(l -> !l.startsWith("mloop: ")).toList();
      return lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
          .map(l -> l.length() > 500 ? l.substring(0, 500) + "..." : l)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
