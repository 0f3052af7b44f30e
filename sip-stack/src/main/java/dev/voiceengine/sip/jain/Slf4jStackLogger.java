package dev.voiceengine.sip.jain;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jain-sip's internal logging to slf4j (logger "gov.nist.javax.sip"), so the stack writes no log files and
 * nothing to stdout. jain-sip's INFO is chatty, so it goes to DEBUG. Most of what jain-sip logs as an error is caused
 * by whatever a peer sent (a malformed datagram is logged as "Error while processing incoming UDP packet" followed by
 * every byte of it), so errors go to WARN, every message is cut to {@value #MAX_LENGTH} characters, and at most
 * {@value #BURST} warnings per {@value #WINDOW_SECONDS} s get through: a peer cannot flood the log.
 * jain-sip keeps the last stack's instance in a static ({@code CommonLogger.legacyLogger}) and uses it for all
 * stacks, which is harmless with this class.
 */
public final class Slf4jStackLogger implements StackLogger {
  private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
  static final int MAX_LENGTH = 500;
  static final int BURST = 20;
  static final int WINDOW_SECONDS = 10;

  private final Object window = new Object();
  private long windowStart = System.nanoTime();
  private int inWindow;
  private int suppressed;

  /** Instantiated by jain-sip through the STACK_LOGGER property. */
  public Slf4jStackLogger() {}

  private static String clip(String message) {
    if (message == null || message.length() <= MAX_LENGTH) {
      return message;
    }
    return message.substring(0, MAX_LENGTH) + "... (" + message.length() + " chars)";
  }

  /** True when a warning may be logged now; reports what was held back once a window is over. */
  private boolean admit() {
    int held = 0;
    synchronized (window) {
      long now = System.nanoTime();
      if (now - windowStart > WINDOW_SECONDS * 1_000_000_000L) {
        held = suppressed;
        windowStart = now;
        inWindow = 0;
        suppressed = 0;
      }
      if (inWindow >= BURST) {
        suppressed++;
        return false;
      }
      inWindow++;
    }
    if (held > 0) {
      LOG.warn("{} jain-sip warnings suppressed in the last {} s", held, WINDOW_SECONDS);
    }
    return true;
  }

  private void warn(String message, Throwable t) {
    if (LOG.isWarnEnabled() && admit()) {
      if (t == null) {
        LOG.warn(clip(message));
      } else {
        LOG.warn(clip(message), t);
      }
    }
  }

  @Override
  public void logStackTrace() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("stack trace", new Throwable());
    }
  }

  @Override
  public void logStackTrace(int traceLevel) {
    if (isLoggingEnabled(traceLevel)) {
      LOG.debug("stack trace", new Throwable());
    }
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    warn("jain-sip exception", ex);
  }

  @Override
  public void logDebug(String message) {
    LOG.debug(message);
  }

  @Override
  public void logDebug(String message, Exception ex) {
    LOG.debug(message, ex);
  }

  @Override
  public void logTrace(String message) {
    LOG.trace(message);
  }

  @Override
  public void logFatalError(String message) {
    LOG.error(clip(message));
  }

  @Override
  public void logError(String message) {
    warn(message, null);
  }

  @Override
  public boolean isLoggingEnabled() {
    return LOG.isDebugEnabled();
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    if (logLevel >= TRACE_TRACE) {
      return LOG.isTraceEnabled();
    }
    if (logLevel >= TRACE_INFO) {
      return LOG.isDebugEnabled();
    }
    return logLevel > TRACE_NONE && LOG.isWarnEnabled();
  }

  @Override
  public void logError(String message, Exception ex) {
    warn(message, ex);
  }

  @Override
  public void logWarning(String message) {
    warn(message, null);
  }

  @Override
  public void logInfo(String message) {
    LOG.debug(message);
  }

  @Override
  public void disableLogging() {}

  @Override
  public void enableLogging() {}

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
