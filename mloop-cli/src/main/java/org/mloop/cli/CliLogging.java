package org.mloop.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, set up in code rather than by a logback.xml: commands print their own
 * results and the log carries warnings only, on stderr; MLOOP_LOG_LEVEL (such as DEBUG) sets the
 * level of mloop's own loggers. Parsing an XML configuration costs every JVM start a few hundred
 * milliseconds, and every job starts one (`mloop job execute`).
 *
 * <p>Registered in META-INF/services. A configuration file still wins: with
 * -Dlogback.configurationFile=FILE, or a logback-test.xml or logback.xml on the class path, this
 * steps aside and logback reads the file as usual.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
  static final String LEVEL_ENV = "MLOOP_LOG_LEVEL";
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = CliLogging.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("org.mloop").setLevel(Level.toLevel(System.getenv(LEVEL_ENV), Level.WARN));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
