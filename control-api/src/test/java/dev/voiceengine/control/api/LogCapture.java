package dev.voiceengine.control.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what every logger writes while it is open; the access log is captured at DEBUG meanwhile, not printed. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger access = (Logger) AccessLog.LOG;
  private final Level accessLevel = access.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
    access.addAppender(appender);
    access.setAdditive(false); // the console stays quiet
    access.setLevel(Level.DEBUG);
  }

  /** Events at WARN or above, as "LEVEL logger: message". */
  List<String> warnings() {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
  }

  /** The access log's lines. */
  List<String> accessLines() {
    return events().stream().filter(e -> e.getLoggerName().equals(access.getName()))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    access.detachAppender(appender);
    access.setAdditive(true);
    access.setLevel(accessLevel);
  }
}
