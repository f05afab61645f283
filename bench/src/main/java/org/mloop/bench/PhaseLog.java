package org.mloop.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The phase timestamps job executors log at DEBUG ("job NAME phases (epoch ms): execute T1
 * starting T2 ..."), by job name. Executors inside this JVM (server mode) are captured by an
 * appender; detached executor JVMs print them to their executor log, which {@link #parse} reads,
 * when they run with MLOOP_LOG_LEVEL=DEBUG (the CLI's logback.xml sets org.mloop's level from it).
 */
final class PhaseLog extends AppenderBase<ILoggingEvent> {
  /** The loggers that write phase lines: the executor and the executor process (`mloop job execute`). */
  static final String[] LOGGERS = {"org.mloop.jobs.JobExecutor", "org.mloop.app.ExecutorProcess"};
  private static final Pattern LINE = Pattern.compile("job (\\S+) (?:executor )?phases \\(epoch ms\\): ([a-z0-9 -]+)");
  /** What LocalWorkspaces logs when it opens a workspace (an executor JVM opens one, for its one job). */
  private static final Pattern WORKSPACE_LINE = Pattern.compile("workspace phases \\(epoch ms\\): ([a-z0-9 -]+)");

  private final Map<String, Map<String, Long>> byJob = new ConcurrentHashMap<>();

  /** Captures this JVM's phase lines (and keeps them off the console). */
  static PhaseLog install() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PhaseLog appender = new PhaseLog();
    appender.setContext(context);
    appender.setName("phases");
    appender.start();
    for (String name : LOGGERS) {
      Logger logger = context.getLogger(name);
      logger.setLevel(Level.DEBUG);
      logger.setAdditive(false);
      logger.addAppender(appender);
    }
    return appender;
  }

  @Override
  protected void append(ILoggingEvent event) {
    parse(event.getFormattedMessage()).forEach((job, phases) -> byJob.merge(job, phases, (a, b) -> {
      Map<String, Long> all = new LinkedHashMap<>(a);
      all.putAll(b);
      return all;
    }));
  }

  /** The phases captured for a job (empty when none were logged). */
  Map<String, Long> phases(String jobName) {
    return byJob.getOrDefault(jobName, Map.of());
  }

  /** Phase name to epoch millis, per job, from log text holding phase lines. */
  static Map<String, Map<String, Long>> parse(String text) {
    Map<String, Map<String, Long>> result = new LinkedHashMap<>();
    Matcher m = LINE.matcher(text);
    while (m.find()) {
      putPairs(m.group(2), result.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()));
    }
    return result;
  }

  /** The phases of the one job an executor JVM ran, from its executor log: its own and its workspace's. */
  static Map<String, Long> parseExecutorLog(String jobName, String text) {
    Map<String, Long> phases = new LinkedHashMap<>();
    Matcher m = WORKSPACE_LINE.matcher(text);
    if (m.find()) {
      putPairs(m.group(1), phases);
    }
    phases.putAll(parse(text).getOrDefault(jobName, Map.of()));
    return phases;
  }

  private static void putPairs(String pairs, Map<String, Long> into) {
    String[] words = pairs.trim().split("\\s+");
    for (int i = 0; i + 1 < words.length; i += 2) {
      into.put(words[i], Long.parseLong(words[i + 1]));
    }
  }
}
