package org.mloop.ci.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/**
 * What a job writes for people: its log (log.txt and the run listener) and its summary (summary.md),
 * every line masked first (secrets and ::add-mask:: values become ***). Keeps the last lines of the
 * running step, which a failure quotes.
 */
final class JobOutput {
  private static final int LAST_LINES = 15;

  private final Masker masker;
  private final RunListener listener;
  private final int runNumber;
  private final String jobId;
  private final Path logFile;
  private final Path summaryFile;
  private final Deque<String> lastLines = new ArrayDeque<>();

  JobOutput(Masker masker, RunListener listener, int runNumber, String jobId, Path logFile, Path summaryFile) {
    this.masker = masker;
    this.listener = listener;
    this.runNumber = runNumber;
    this.jobId = jobId;
    this.logFile = logFile;
    this.summaryFile = summaryFile;
  }

  Masker masker() {
    return masker;
  }

  String mask(String text) {
    return masker.mask(text);
  }

  /** A line the runner writes about the job. */
  void log(String raw) {
    String line = masker.mask(raw);
    JobLog.append(logFile, line);
    listener.log(runNumber, jobId, line);
  }

  /** A line of a step's own output: also kept as one of the last lines a failure quotes. */
  void stepLog(String raw) {
    String line = masker.mask(raw);
    synchronized (lastLines) {
      lastLines.addLast(line);
      while (lastLines.size() > LAST_LINES) {
        lastLines.removeFirst();
      }
    }
    JobLog.append(logFile, line);
    listener.log(runNumber, jobId, line);
  }

  /** A script's output line: workflow commands (::add-mask::) are obeyed, the rest masked and logged. */
  void scriptLine(String line) {
    if (line.startsWith("::add-mask::")) {
      masker.add(line.substring("::add-mask::".length()));
      return;
    }
    stepLog(line);
  }

  /** A new step starts: the lines a failure quotes are its own. */
  void stepStarts() {
    synchronized (lastLines) {
      lastLines.clear();
    }
  }

  /** "; last log lines:" and the step's last lines, for a failure's message ("" when it printed nothing). */
  String lastLinesText() {
    synchronized (lastLines) {
      if (lastLines.isEmpty()) {
        return "";
      }
      return "; last log lines:\n  " + String.join("\n  ", lastLines);
    }
  }

  /** Appends a step's summary markdown to the job's summary.md, scrubbed as GitHub's runner keeps one. */
  void appendSummary(String markdown) {
    if (markdown == null || markdown.isEmpty()) {
      return;
    }
    String masked = markdown.lines().map(masker::mask).collect(Collectors.joining("\n", "", "\n"));
    try {
      Files.writeString(summaryFile, masked, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + summaryFile + ": " + e.getMessage(), e);
    }
  }
}
