package dev.voiceengine.testsupport.leaks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * The leak reports Netty logged: every ERROR of its {@code ResourceLeakDetector} logger ("LEAK: ByteBuf.release() was
 * not called…"), and of the copy shaded into gRPC. Netty reports a leak only through its logger, so this appender on
 * those loggers is what turns a report into something a test can fail on.
 */
final class LeakReports extends AppenderBase<ILoggingEvent> {
  /** The loggers Netty's leak detectors report through (named after the detector class). */
  static final List<String> DETECTOR_LOGGERS = List.of(
      "io.netty.util.ResourceLeakDetector", "io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector");
  private static final String NAME = "netty-leak-reports";
  private static final LeakReports INSTANCE = new LeakReports();

  private final Queue<String> reports = new ConcurrentLinkedQueue<>();

  private LeakReports() {
    setName(NAME);
  }

  /**
   * The recorder, attached to the detector loggers (again, if a logging reconfiguration dropped it) with ERROR
   * enabled: a detector whose logger would drop errors discards its leaks unreported.
   */
  static LeakReports installed() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("the Netty leak check needs logback as the SLF4J binding, found "
          + LoggerFactory.getILoggerFactory().getClass().getName());
    }
    synchronized (INSTANCE) {
      if (!INSTANCE.isStarted()) {
        INSTANCE.setContext(context);
        INSTANCE.start();
      }
      for (String name : DETECTOR_LOGGERS) {
        Logger logger = context.getLogger(name);
        if (!logger.isErrorEnabled()) {
          logger.setLevel(Level.ERROR);
        }
        if (logger.getAppender(NAME) == null) {
          logger.addAppender(INSTANCE);
        }
      }
    }
    return INSTANCE;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      reports.add(event.getFormattedMessage());
    }
  }

  /** The reports since the last call, oldest first. */
  List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String r; (r = reports.poll()) != null; ) {
      out.add(r);
    }
    return out;
  }
}
